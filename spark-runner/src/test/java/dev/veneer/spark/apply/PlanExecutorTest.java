package dev.veneer.spark.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.ViewChange;
import dev.veneer.planner.plan.ViewAction;
import dev.veneer.spark.apply.ApplyListener.ModelProgress;
import dev.veneer.spark.apply.ApplyListener.ModelProgress.Outcome;
import dev.veneer.spark.sql.SqlIdentifiers;
import dev.veneer.spark.testing.SharedSparkSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSparkSession.class)
class PlanExecutorTest {
    private final SparkSession spark;
    private StateStore state;
    private Fixture fixture;
    private final List<ModelProgress> progress = new ArrayList<>();
    private final ApplyListener recording = new ApplyListener() {
        @Override
        public void modelFinished(ModelProgress model) {
            progress.add(model);
        }
    };

    PlanExecutorTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeEach
    void openState(@TempDir Path dir) {
        String url = "jdbc:sqlite:" + dir.resolve("state.db");
        state = StateStores.open(url);
        fixture = new Fixture(url);
    }

    @AfterEach
    void closeState() {
        state.close();
    }

    @Test
    void newEnvironmentBuildsDeltaIcebergAndViewModelsThenPublishesItsViews() {
        List<Fixture.Variant> models = fixture.firstVersions();
        PlanFile plan = fixture.plan("dev", null, models, models);
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        ApplyResult result = executor(ApplyListener.console(new PrintStream(console, true, StandardCharsets.UTF_8))).apply(plan);

        Fixture.Variant orders = models.get(0);
        Fixture.Variant totals = models.get(1);
        Fixture.Variant big = models.get(2);
        assertThat(result.alreadyCommitted()).isFalse();
        assertThat(result.builtModels()).containsExactly(orders.model().toString(), totals.model().toString(), big.model().toString());
        assertThat(result.reused()).isEmpty();
        assertThat(result.viewsChanged()).hasSize(3);

        assertThat(rows("SELECT id, customer FROM " + quoted(orders.physicalTable()) + " ORDER BY id"))
                .containsExactly("1,ann", "2,bob", "3,ann");
        assertThat(spark.sql("DESCRIBE DETAIL " + quoted(orders.physicalTable())).first().<String>getAs("format")).isEqualTo("delta");
        assertThat(rows("SELECT customer, orders FROM " + quoted(totals.physicalTable()) + " ORDER BY customer"))
                .containsExactly("ann,2", "bob,1");
        assertThat(rows("SELECT count(*) FROM " + quoted(totals.physicalTable() + ".snapshots")))
                .as("an Iceberg table has Iceberg metadata tables").containsExactly("1");

        assertThat(rows("SELECT customer, total FROM " + fixture.view(totals, "dev") + " ORDER BY customer"))
                .containsExactly("ann,15.0", "bob,20.0");
        assertThat(rows("SELECT customer FROM " + fixture.view(big, "dev") + " ORDER BY customer")).containsExactly("ann", "bob");
        assertThat(rows("SELECT count(*) FROM " + fixture.view(orders, "dev"))).containsExactly("3");

        EnvironmentRecord dev = state.environment("dev").orElseThrow();
        assertThat(dev.planId()).isEqualTo(plan.planId());
        assertThat(dev.finalized()).isTrue();
        assertThat(dev.baseEnvironment()).isEqualTo("prod");
        assertThat(dev.snapshots()).extracting(SnapshotPointer::physicalTable)
                .containsExactlyInAnyOrder(orders.physicalTable(), totals.physicalTable(), big.physicalTable());
        assertThat(state.builtTables(List.of(orders.physicalTable(), totals.physicalTable(), big.physicalTable()))).hasSize(3);
        assertThat(state.snapshots(List.of(new SnapshotKey(orders.model(), orders.fingerprint()))))
                .hasSize(1);

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("[1/3] " + orders.model() + "  built in ")
                .contains("[3/3] " + big.model() + "  built in ")
                .contains("environment 'dev' updated");
    }

    @Test
    void reapplyingACommittedPlanBuildsNothingAndRedoesItsViews() {
        List<Fixture.Variant> models = fixture.firstVersions();
        PlanFile plan = fixture.plan("dev", null, models, models);
        executor(recording).apply(plan);
        spark.sql("DROP VIEW " + fixture.view(models.get(0), "dev"));
        progress.clear();

        ApplyResult again = executor(recording).apply(plan);

        assertThat(again.alreadyCommitted()).isTrue();
        assertThat(again.built()).isEmpty();
        assertThat(progress).isEmpty();
        assertThat(rows("SELECT count(*) FROM " + fixture.view(models.get(0), "dev")))
                .as("a crash during the views is finished by applying the same plan again").containsExactly("3");
        assertThat(state.environment("dev").orElseThrow().planId()).isEqualTo(plan.planId());
    }

    @Test
    void aNewPlanReusesTablesAnEarlierApplyAlreadyBuilt() {
        List<Fixture.Variant> models = fixture.firstVersions();
        PlanFile first = fixture.plan("dev", null, models, models);
        executor(recording).apply(first);
        Fixture.Variant changedBig = new Fixture.Variant(models.get(2).model(), "cccc000002", "VIEW", "delta",
                "SELECT customer FROM " + models.get(1).physicalTable() + " WHERE total > 16", List.of(models.get(1).model().toString()));
        List<Fixture.Variant> next = List.of(models.get(0), models.get(1), changedBig);
        progress.clear();

        // a planner would not list reused tables as builds; if it does, the runner still builds nothing twice
        ApplyResult result = executor(recording).apply(fixture.plan("dev", first.planId(), next, next));

        assertThat(result.reused()).containsExactly(models.get(0).model().toString(), models.get(1).model().toString());
        assertThat(result.builtModels()).containsExactly(changedBig.model().toString());
        assertThat(progress).extracting(ModelProgress::position, ModelProgress::outcome)
                .containsExactly(tuple(1, Outcome.REUSED), tuple(2, Outcome.REUSED), tuple(3, Outcome.BUILT));
        assertThat(rows("SELECT customer FROM " + fixture.view(changedBig, "dev"))).containsExactly("bob");
    }

    @Test
    void aStaleExpectedPlanIdIsRefusedBeforeAnythingChanges() {
        List<Fixture.Variant> models = fixture.firstVersions();
        PlanFile first = fixture.plan("dev", null, models, models);
        executor(recording).apply(first);
        EnvironmentRecord before = state.environment("dev").orElseThrow();
        Fixture.Variant newOrders = fixture.orders("aaaa000002",
                "SELECT * FROM VALUES (9, 'zed', 1.0) AS t(id, customer, amount)");
        // planned when dev did not exist yet, applied after the first plan landed
        PlanFile stale = fixture.plan("dev", null, List.of(newOrders), List.of(newOrders, models.get(1), models.get(2)));

        assertThatThrownBy(() -> executor(recording).apply(stale))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENVIRONMENT_CHANGED))
                .hasMessage("environment 'dev' changed since this plan was made; plan again");

        assertThat(state.environment("dev").orElseThrow()).isEqualTo(before);
        assertThat(state.builtTables(List.of(newOrders.physicalTable()))).isEmpty();
        assertThat(tableExists(newOrders.physicalTable())).isFalse();
        assertThat(rows("SELECT count(*) FROM " + fixture.view(models.get(0), "dev"))).containsExactly("3");
    }

    @Test
    void aFailingBuildLeavesTheEnvironmentAndItsViewsAsTheyWere() {
        List<Fixture.Variant> models = fixture.firstVersions();
        PlanFile first = fixture.plan("dev", null, models, models);
        executor(recording).apply(first);
        EnvironmentRecord before = state.environment("dev").orElseThrow();
        Fixture.Variant orders2 = fixture.orders("aaaa000002",
                "SELECT * FROM VALUES (7, 'cy', 70.0) AS t(id, customer, amount)");
        Fixture.Variant totals2 = new Fixture.Variant(models.get(1).model(), "bbbb000002", "FULL", "iceberg",
                "SELECT customer, SUM(no_such_column) AS total FROM " + orders2.physicalTable() + " GROUP BY customer",
                List.of(orders2.model().toString()));
        Fixture.Variant big2 = fixture.bigCustomers("cccc000002", totals2);
        List<Fixture.Variant> next = List.of(orders2, totals2, big2);
        progress.clear();

        assertThatThrownBy(() -> executor(recording).apply(fixture.plan("dev", first.planId(), next, next)))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUILD_FAILED))
                .hasMessageStartingWith("model " + totals2.model() + " failed to build: ")
                .hasMessageContaining("no_such_column")
                .hasMessageEndingWith("; fix the model and plan again — environment 'dev' is unchanged");

        assertThat(progress).extracting(ModelProgress::model, ModelProgress::outcome)
                .containsExactly(tuple(orders2.model().toString(), Outcome.BUILT), tuple(totals2.model().toString(), Outcome.FAILED));
        assertThat(state.environment("dev").orElseThrow()).isEqualTo(before);
        assertThat(tableExists(big2.physicalTable())).as("nothing is scheduled after a failure").isFalse();
        assertThat(state.builtTables(List.of(orders2.physicalTable()))).as("what did build is kept for the next apply").hasSize(1);
        assertThat(rows("SELECT customer, total FROM " + fixture.view(models.get(1), "dev") + " ORDER BY customer"))
                .containsExactly("ann,15.0", "bob,20.0");
        assertThat(rows("SELECT count(*) FROM " + fixture.view(models.get(0), "dev"))).containsExactly("3");
    }

    @Test
    void anEnvironmentMovedWhileBuildingLosesTheCompareAndSetAndKeepsItsViews() {
        List<Fixture.Variant> models = fixture.firstVersions();
        PlanFile first = fixture.plan("dev", null, models, models);
        executor(recording).apply(first);
        Fixture.Variant orders2 = fixture.orders("aaaa000003", "SELECT * FROM VALUES (5, 'dee', 1.0) AS t(id, customer, amount)");
        PlanFile mine = fixture.plan("dev", first.planId(), List.of(orders2), List.of(orders2, models.get(1), models.get(2)));
        EnvironmentRecord theirs = new EnvironmentRecord("dev", "plan-theirs", "prod", state.environment("dev").orElseThrow().snapshots(),
                Instant.now(), Instant.now(), null, true);
        ApplyListener concurrentApply = new ApplyListener() {
            @Override
            public void modelStarted(String model, String physicalTable) {
                state.commitEnvironment(theirs, first.planId());
            }
        };

        assertThatThrownBy(() -> executor(concurrentApply).apply(mine))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENVIRONMENT_CHANGED));

        assertThat(state.environment("dev").orElseThrow().planId()).isEqualTo("plan-theirs");
        assertThat(rows("SELECT count(*) FROM " + fixture.view(models.get(0), "dev"))).containsExactly("3");
    }

    @Test
    void aNonProdPlanNamingAProdViewIsRefusedAndTouchesNothing() {
        List<Fixture.Variant> models = fixture.firstVersions();
        Fixture.Variant orders = models.get(0);
        List<ViewChange> views = List.of(
                new ViewChange(orders.model().toString(), fixture.view(orders, "dev"), orders.physicalTable(), ViewAction.CREATE_OR_REPLACE),
                new ViewChange(orders.model().toString(), fixture.view(orders, "prod"), orders.physicalTable(), ViewAction.CREATE_OR_REPLACE));
        PlanFile plan = fixture.plan("dev", null, models, models, views);

        assertThatThrownBy(() -> executor(recording).apply(plan))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_FILE_INVALID))
                .hasMessageContaining("view '" + orders.model() + "'")
                .hasMessageContaining("prod views change only with a prod plan");

        assertThat(state.environment("dev")).isEmpty();
        assertThat(state.projectName()).isEmpty();
        assertThat(spark.catalog().databaseExists(Fixture.NAMES.physicalSchema(orders.model()))).isFalse();
        assertThat(spark.catalog().databaseExists(fixture.schema)).isFalse();
    }

    @Test
    void promotingToProdBuildsNothingAndOnlyTouchesProdViews() {
        List<Fixture.Variant> models = fixture.firstVersions();
        executor(recording).apply(fixture.plan("dev", null, models, models));
        progress.clear();

        ApplyResult promoted = executor(recording).apply(fixture.plan("prod", null, models, models));

        assertThat(promoted.built()).isEmpty();
        assertThat(promoted.reused()).hasSize(3);
        assertThat(rows("SELECT customer FROM " + fixture.view(models.get(2), "prod") + " ORDER BY customer")).containsExactly("ann", "bob");
        assertThat(state.environment("prod").orElseThrow().finalized()).isTrue();
        assertThat(state.environment("dev")).isPresent();
    }

    @Test
    void droppingAModelDropsItsEnvironmentView() {
        List<Fixture.Variant> models = fixture.firstVersions();
        PlanFile first = fixture.plan("dev", null, models, models);
        executor(recording).apply(first);
        Fixture.Variant big = models.get(2);
        List<ViewChange> drop = List.of(new ViewChange(big.model().toString(), fixture.view(big, "dev"), null, ViewAction.DROP));

        ApplyResult result = executor(recording).apply(fixture.plan("dev", first.planId(), List.of(), models.subList(0, 2), drop));

        assertThat(result.viewsChanged()).containsExactly(fixture.view(big, "dev"));
        assertThat(tableExists("spark_catalog." + fixture.view(big, "dev"))).isFalse();
        assertThat(tableExists("spark_catalog." + fixture.view(models.get(0), "dev"))).isTrue();
        assertThat(state.environment("dev").orElseThrow().snapshots()).hasSize(2);
    }

    private PlanExecutor executor(ApplyListener listener) {
        return new PlanExecutor(spark, state, listener);
    }

    private List<String> rows(String sql) {
        return spark.sql(sql).collectAsList().stream()
                .map(PlanExecutorTest::text)
                .toList();
    }

    private static String text(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            values.add(String.valueOf(row.get(i)));
        }
        return values.stream().collect(Collectors.joining(","));
    }

    private boolean tableExists(String table) {
        return spark.catalog().tableExists(table);
    }

    private static String quoted(String table) {
        return SqlIdentifiers.quoteQualified(table);
    }
}
