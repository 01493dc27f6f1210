package dev.veneer.spark.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.PlannedSnapshot;
import dev.veneer.planner.plan.PlanFile.ViewChange;
import dev.veneer.planner.plan.ViewAction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {
    @Test
    void acceptsAWellFormedDevPlan() {
        assertThatCode(() -> PlanValidator.validate(plan("dev", List.of(step("s.a", "FULL")), List.of(view("s__dev.a")))))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAProdViewInADevPlan() {
        assertThatThrownBy(() -> PlanValidator.validate(plan("dev", List.of(), List.of(view("s.a")))))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_FILE_INVALID))
                .hasMessageContaining("changes view 's.a'");
    }

    @Test
    void refusesAnotherEnvironmentsViewInADevPlan() {
        assertThatThrownBy(() -> PlanValidator.validate(plan("dev", List.of(), List.of(view("s__qa.a")))))
                .hasMessageContaining("prod views change only with a prod plan");
    }

    @Test
    void aProdPlanMayChangeProdViews() {
        assertThatCode(() -> PlanValidator.validate(plan("prod", List.of(), List.of(view("s.a"))))).doesNotThrowAnyException();
    }

    @Test
    void refusesKindsThisRunnerCannotBuild() {
        assertThatThrownBy(() -> PlanValidator.validate(plan("dev", List.of(step("s.a", "MANAGED")), List.of())))
                .hasMessageContaining("model s.a has kind MANAGED, which this runner cannot build yet")
                .hasMessageContaining("SCD_TYPE_2_BY_COLUMN");
    }

    @Test
    void refusesACycle() {
        BuildStep a = new BuildStep("s.a", "spark_catalog.v.a", "FULL", "delta", "SELECT 1", List.of(), List.of("s.b"));
        BuildStep b = new BuildStep("s.b", "spark_catalog.v.b", "FULL", "delta", "SELECT 1", List.of(), List.of("s.a"));

        assertThatThrownBy(() -> PlanValidator.validate(plan("dev", List.of(a, b), List.of())))
                .hasMessageContaining("cycle: s.a, s.b");
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        PlanFile plan = plan("dev", List.of(), List.of());
        PlanFile future = new PlanFile(PlanFile.FORMAT_VERSION + 1, plan.planId(), plan.project(), plan.environment(),
                plan.baseEnvironment(), plan.expectedPlanId(), plan.state(), plan.createdAt(), plan.expiresAt(), plan.added(),
                plan.removed(), plan.metadataUpdated(), plan.directlyModified(), plan.indirectlyModified(), plan.backfills(),
                plan.reused(), plan.views(), plan.builds(), plan.snapshots(), plan.environmentSnapshots());

        assertThatThrownBy(() -> PlanValidator.validate(future)).hasMessageContaining("format version is " + (PlanFile.FORMAT_VERSION + 1)
                + " and this Veneer reads version " + PlanFile.FORMAT_VERSION);
    }

    private static BuildStep step(String model, String kind) {
        return new BuildStep(model, "spark_catalog.veneer__s." + model.replace('.', '_'), kind, "delta", "SELECT 1", List.of(), List.of());
    }

    private static ViewChange view(String view) {
        return new ViewChange("s.a", view, "spark_catalog.veneer__s.s_a", ViewAction.CREATE_OR_REPLACE);
    }

    private static PlanFile plan(String environment, List<BuildStep> builds, List<ViewChange> views) {
        return new PlanFile(PlanFile.FORMAT_VERSION, "p1", "shop", environment, "prod", null, "jdbc:sqlite:x.db",
                Instant.EPOCH, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), views, builds,
                builds.stream().map(step -> new PlannedSnapshot(step.model(), "fp", "v1", step.physicalTable(), step.kind(),
                        step.tableFormat(), "d", "m", Fixture.payloadOf(step))).toList(),
                List.of());
    }
}
