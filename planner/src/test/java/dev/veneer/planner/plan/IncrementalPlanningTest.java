package dev.veneer.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.plan.PlanFile.Backfill;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.RunPlanner.RunPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What plans and runs compute for incremental models, on a real SQLite state, without Spark. */
class IncrementalPlanningTest {
    private static final Instant DAY_11 = Instant.parse("2024-01-11T01:00:00Z");

    @TempDir
    Path tmp;

    private ProjectFixture project;
    private StateFixture state;

    @BeforeEach
    void setUp() {
        project = ProjectFixture.empty(tmp.resolve("project"))
                .write("external_models.yaml", "- name: raw.events\n")
                .write("models/events.sql", """
                        MODEL (name staging.events, kind INCREMENTAL_BY_TIME_RANGE (time_column ds, batch_size 3), start '2024-01-01');
                        SELECT id, ds FROM raw.events WHERE ds BETWEEN @start_ds AND @end_ds""")
                .write("models/totals.sql", """
                        MODEL (name marts.totals, kind INCREMENTAL_BY_TIME_RANGE (time_column ds), start '2024-01-01');
                        SELECT ds, count(*) AS n FROM staging.events WHERE ds BETWEEN @start_ds AND @end_ds GROUP BY ds""");
        state = new StateFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        state.close();
    }

    private PlanRequest at(String environment, Instant executionTime) {
        return new PlanRequest(environment, "prod", StateFixture.NOW, Duration.ofDays(7)).withExecutionTime(executionTime);
    }

    private static Interval days(int from, int to) {
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        return new Interval(base.plus(Duration.ofDays(from - 1)), base.plus(Duration.ofDays(to - 1)));
    }

    private static Backfill backfill(PlanFile plan, String model) {
        return plan.backfills().stream().filter(entry -> entry.model().equals(model)).findFirst()
                .orElseThrow(() -> new AssertionError("no backfill of " + model + ": " + plan.backfills()));
    }

    @Test
    void aNewModelIsBackfilledFromItsStartInBatches() {
        PlanFile plan = state.plan(project, at("prod", DAY_11));

        assertThat(backfill(plan, "staging.events").intervals()).containsExactly(days(1, 11));
        assertThat(backfill(plan, "staging.events").batches()).isEqualTo(4);
        assertThat(backfill(plan, "marts.totals").batches()).isEqualTo(1);
        BuildStep events = plan.builds().get(0);
        assertThat(events.macros()).extracting(macro -> macro.name()).containsExactly("start_ds", "end_ds");
        assertThat(events.template().render(dev.veneer.planner.sql.MacroVariables.values(days(1, 4), DAY_11)))
                .endsWith("WHERE ds BETWEEN '2024-01-01' AND '2024-01-03'");
    }

    @Test
    void aDevEnvironmentComputesOnlyWhatItChangedAndSeesSharedIntervals() {
        state.apply(state.plan(project, at("prod", DAY_11)));
        project.replace("models/totals.sql", "count(*) AS n", "count(*) AS n, max(id) AS last_id");

        PlanFile dev = state.plan(project, at("dev", Instant.parse("2024-01-13T01:00:00Z")));

        assertThat(dev.backfills()).extracting(Backfill::model).containsExactly("marts.totals");
        assertThat(backfill(dev, "marts.totals").intervals()).containsExactly(days(1, 13));
        assertThat(dev.reused()).extracting(PlanFile.ReusedTable::model).containsExactly("staging.events");
    }

    @Test
    void aDevEnvironmentMayLimitItsBackfill() {
        state.apply(state.plan(project, at("prod", DAY_11)));
        project.replace("models/events.sql", "FROM raw.events WHERE", "FROM raw.events WHERE id IS NOT NULL AND");

        PlanFile dev = state.plan(project, at("dev", DAY_11).withRange(Optional.of(days(5, 6).start()), Optional.of(days(5, 7).end())));

        assertThat(backfill(dev, "staging.events").intervals()).containsExactly(days(5, 7));
        assertThat(backfill(dev, "marts.totals").intervals()).containsExactly(days(5, 7));
    }

    @Test
    void restatingInDevASharedModelLeavesItToProd() {
        state.apply(state.plan(project, at("prod", DAY_11)));

        PlanFile dev = state.plan(project, at("dev", DAY_11).withRestate(List.of(ModelName.parse("staging.events"))));

        assertThat(dev.builds()).isEmpty();
        assertThat(dev.notes()).containsExactly(
                "staging.events is not restated: its table is shared with prod; restate it there (plan prod --restate staging.events)",
                "marts.totals is not restated: its table is shared with prod; restate it there (plan prod --restate marts.totals)");
    }

    @Test
    void restatingInProdRecomputesTheRangeDownstream() {
        state.apply(state.plan(project, at("prod", DAY_11)));

        PlanFile prod = state.plan(project, at("prod", DAY_11).withRestate(List.of(ModelName.parse("staging.events")))
                .withRange(Optional.of(days(3, 4).start()), Optional.of(days(3, 4).end())));

        assertThat(prod.backfills()).extracting(Backfill::model).containsExactly("staging.events", "marts.totals");
        assertThat(prod.backfills()).allSatisfy(entry -> {
            assertThat(entry.intervals()).containsExactly(days(3, 4));
            assertThat(entry.restatement()).isTrue();
        });
    }

    @Test
    void promotionOfWhatDevComputedComputesNothing() {
        state.apply(state.plan(project, at("prod", DAY_11)));
        project.replace("models/events.sql", "FROM raw.events WHERE", "FROM raw.events WHERE id IS NOT NULL AND");
        state.apply(state.plan(project, at("dev", DAY_11)));

        PlanFile promotion = state.plan(project, at("prod", DAY_11));

        assertThat(promotion.builds()).isEmpty();
        assertThat(promotion.views()).hasSize(2);
    }

    @Test
    void aForwardOnlyChangeKeepsItsTableIsPreviewedInDevAndChangedInPlaceOnPromotion() {
        state.apply(state.plan(project, at("prod", DAY_11)));
        PlanFile prod = state.plan(project, at("prod", DAY_11));
        String table = prod.environmentSnapshots().stream().filter(pointer -> pointer.model().equals("staging.events")).findFirst()
                .orElseThrow().physicalTable();
        project.replace("models/events.sql", "SELECT id, ds", "SELECT id + 1 AS id, ds");

        PlanFile dev = state.plan(project, at("dev", DAY_11).withForwardOnly(true, Optional.empty(), List.of()));

        assertThat(dev.directlyModified()).extracting(PlanFile.ModelChange::model, PlanFile.ModelChange::category)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("staging.events", Category.FORWARD_ONLY));
        assertThat(dev.indirectlyModified()).extracting(PlanFile.ModelChange::category).containsExactly(Category.INDIRECT_NON_BREAKING);
        PlanFile.PlannedPointer events = dev.environmentSnapshots().stream().filter(pointer -> pointer.model().equals("staging.events"))
                .findFirst().orElseThrow();
        assertThat(events.physicalTable()).isEqualTo(table);
        assertThat(events.preview()).startsWith("spark_catalog.veneer__staging." + table.substring(table.lastIndexOf('.') + 1) + "__dev_");
        assertThat(dev.builds()).singleElement().satisfies(step -> {
            assertThat(step.physicalTable()).isEqualTo(events.preview());
            assertThat(step.forwardOnly().mode()).isEqualTo(PlanFile.ForwardOnly.Mode.PREVIEW);
            assertThat(step.forwardOnly().sourceTable()).isEqualTo(table);
            assertThat(step.intervals()).as("the last complete interval").containsExactly(days(10, 11));
        });
        assertThat(dev.views()).extracting(PlanFile.ViewChange::view, PlanFile.ViewChange::physicalTable)
                .contains(org.assertj.core.groups.Tuple.tuple("staging__dev.events", events.preview()));
        assertThat(dev.reused()).extracting(PlanFile.ReusedTable::model).containsExactly("marts.totals");
        assertThat(dev.notes()).containsExactly("marts.totals in dev reads the table of staging.events, not its preview:"
                + " models downstream of a forward-only change are not previewed");
        assertThat(PlanPrinter.print(dev)).contains("staging.events  FORWARD_ONLY  (keeps its table", "Forward-only (1)",
                "preview in dev: " + events.preview(), "on promotion: the preview is never promoted");
        state.apply(dev);

        PlanFile promoted = state.plan(project, at("prod", DAY_11));

        assertThat(promoted.directlyModified()).extracting(PlanFile.ModelChange::category).containsExactly(Category.FORWARD_ONLY);
        assertThat(promoted.builds()).singleElement().satisfies(step -> {
            assertThat(step.physicalTable()).isEqualTo(table);
            assertThat(step.forwardOnly().mode()).isEqualTo(PlanFile.ForwardOnly.Mode.IN_PLACE);
            assertThat(step.intervals()).as("nothing recomputed: the change applies from the next run").isEmpty();
        });
        assertThat(promoted.views()).extracting(PlanFile.ViewChange::view, PlanFile.ViewChange::physicalTable)
                .as("prod's view made again over the same table, to show new columns")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("staging.events", table));
        assertThat(promoted.environmentSnapshots()).allSatisfy(pointer -> assertThat(pointer.preview()).isNull());
    }

    @Test
    void goingBackToWhatTheBaseHoldsNeedsNoPreviewButRollingBackProdIsForwardOnly() {
        state.apply(state.plan(project, at("prod", DAY_11)));
        project.replace("models/events.sql", "SELECT id, ds", "SELECT id + 1 AS id, ds");
        state.apply(state.plan(project, at("dev", DAY_11).withForwardOnly(true, Optional.empty(), List.of())));
        project.replace("models/events.sql", "SELECT id + 1 AS id, ds", "SELECT id, ds");

        PlanFile reverted = state.plan(project, at("dev", DAY_11));

        assertThat(reverted.environmentSnapshots()).allSatisfy(pointer -> assertThat(pointer.preview()).isNull());
        assertThat(reverted.builds()).isEmpty();
        assertThat(reverted.views()).extracting(PlanFile.ViewChange::view).containsExactly("staging__dev.events");

        project.replace("models/events.sql", "SELECT id, ds", "SELECT id + 1 AS id, ds");
        state.apply(state.plan(project, at("prod", DAY_11)));
        project.replace("models/events.sql", "SELECT id + 1 AS id, ds", "SELECT id, ds");

        PlanFile rollback = state.plan(project, at("prod", DAY_11));

        assertThat(rollback.directlyModified()).extracting(PlanFile.ModelChange::category).containsExactly(Category.FORWARD_ONLY);
        assertThat(rollback.builds()).singleElement().satisfies(step ->
                assertThat(step.forwardOnly().mode()).isEqualTo(PlanFile.ForwardOnly.Mode.IN_PLACE));
    }

    @Test
    void forwardOnlyAppliesToIncrementalModelsWhoseKindStays() {
        project.write("models/full.sql", "MODEL (name marts.full_copy); SELECT ds FROM staging.events");
        state.apply(state.plan(project, at("prod", DAY_11)));
        project.replace("models/events.sql", "kind INCREMENTAL_BY_TIME_RANGE (time_column ds, batch_size 3), start '2024-01-01'",
                "kind INCREMENTAL_BY_TIME_RANGE (time_column ds, batch_size 3), start '2024-01-01', forward_only true");
        project.replace("models/events.sql", "SELECT id, ds", "SELECT id * 2 AS id, ds");
        project.replace("models/full.sql", "SELECT ds", "SELECT DISTINCT ds");
        project.replace("models/totals.sql", "kind INCREMENTAL_BY_TIME_RANGE (time_column ds)", "kind INCREMENTAL_BY_UNIQUE_KEY (unique_key ds)");

        PlanFile plan = state.plan(project, at("prod", DAY_11).withForwardOnly(true, Optional.of(days(8, 9).start()), List.of()));

        assertThat(plan.directlyModified()).extracting(PlanFile.ModelChange::model, PlanFile.ModelChange::category).containsExactly(
                org.assertj.core.groups.Tuple.tuple("marts.full_copy", Category.BREAKING),
                org.assertj.core.groups.Tuple.tuple("marts.totals", Category.BREAKING),
                org.assertj.core.groups.Tuple.tuple("staging.events", Category.FORWARD_ONLY));
        assertThat(plan.notes()).containsExactly(
                "marts.full_copy is built anew although the plan is forward-only: a FULL model is rebuilt whole on every build,"
                        + " so keeping its table saves nothing",
                "marts.totals is built anew although the plan is forward-only: its kind changed from INCREMENTAL_BY_TIME_RANGE to"
                        + " INCREMENTAL_BY_UNIQUE_KEY, which its table cannot follow");
        BuildStep events = plan.builds().stream().filter(step -> step.model().equals("staging.events")).findFirst().orElseThrow();
        assertThat(events.intervals()).as("from the effective date").containsExactly(days(8, 11));
        assertThat(events.restatement()).isTrue();
    }

    @Test
    void runComputesWhatTheCronCompletedFromStateAlone() {
        state.apply(state.plan(project, at("prod", DAY_11)));

        RunPlan due = RunPlanner.plan(state.state(), "prod", Instant.parse("2024-01-12T00:10:00Z"), Set.of(), false);
        RunPlan nothing = RunPlanner.plan(state.state(), "prod", Instant.parse("2024-01-11T23:00:00Z"), Set.of(), false);
        RunPlan selected = RunPlanner.plan(state.state(), "prod", Instant.parse("2024-01-14T00:10:00Z"),
                Set.of(ModelName.parse("marts.totals")), false);

        assertThat(due.steps()).extracting(BuildStep::model).containsExactly("staging.events", "marts.totals");
        assertThat(due.steps()).allSatisfy(step -> assertThat(step.intervals()).containsExactly(days(11, 12)));
        assertThat(due.steps().get(1).dependsOn()).containsExactly("staging.events");
        assertThat(nothing.steps()).isEmpty();
        assertThat(nothing.nextRun()).contains(Instant.parse("2024-01-12T00:00:00Z"));
        assertThat(selected.steps()).extracting(BuildStep::model).containsExactly("marts.totals");
        assertThat(selected.steps().get(0).dependsOn()).isEmpty();
    }
}
