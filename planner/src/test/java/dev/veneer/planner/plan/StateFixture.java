package dev.veneer.planner.plan;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.planner.Planner;
import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.PlannedSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real SQLite state store plus what the Spark runner does to state when it applies a plan
 * (snapshots, built tables, the environment's compare-and-set, finalization), without Spark.
 */
final class StateFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    private final StateStore state;
    private final Planner planner = new Planner();

    StateFixture(Path directory) {
        this.state = StateStores.open("jdbc:sqlite:" + directory.resolve("state.db"));
    }

    StateStore state() {
        return state;
    }

    PlanFile plan(ProjectFixture project, String environment) {
        return plan(project, environment, "prod");
    }

    PlanFile plan(ProjectFixture project, String environment, String createFrom) {
        return plan(project, new PlanRequest(environment, createFrom, NOW, Duration.ofDays(7)));
    }

    PlanFile plan(ProjectFixture project, PlanRequest request) {
        return planner.plan(project.compile(), state, request);
    }

    /** Plans and applies at once, like {@code veneer plan ENV --auto-apply}. */
    PlanFile planAndApply(ProjectFixture project, String environment) {
        PlanFile plan = plan(project, environment);
        apply(plan);
        return plan;
    }

    /** Does to state what {@code PlanExecutor.apply} does, in the same order. */
    void apply(PlanFile plan) {
        state.bindProject(plan.project());
        state.saveSnapshots(plan.snapshots().stream().map(StateFixture::stored).toList());
        for (BuildStep step : plan.builds()) {
            String stepVersion = step.version().isEmpty() ? versionOf(plan, step) : step.version();
            if (step.forwardOnly() == null || !step.forwardOnly().isPreview()) {
                state.recordBuilt(step.physicalTable(), ModelName.parse(step.model()), stepVersion);
            }
            VersionKey version = new VersionKey(ModelName.parse(step.model()), stepVersion);
            step.intervals().forEach(interval -> state.recordInterval(version, interval));
        }
        Instant createdAt = state.environment(plan.environment()).map(EnvironmentRecord::createdAt).orElse(NOW);
        List<SnapshotPointer> pointers = plan.environmentSnapshots().stream()
                .map(pointer -> new SnapshotPointer(ModelName.parse(pointer.model()), pointer.fingerprint(),
                        pointer.version(), pointer.physicalTable(), pointer.kind(), pointer.preview()))
                .toList();
        state.commitEnvironment(new EnvironmentRecord(plan.environment(), plan.planId(), plan.baseEnvironment(), pointers,
                createdAt, NOW, plan.expiresAt(), false), plan.expectedPlanId());
        state.markFinalized(plan.environment(), plan.planId());
    }

    private static StoredSnapshot stored(PlannedSnapshot snapshot) {
        return new StoredSnapshot(new SnapshotKey(ModelName.parse(snapshot.model()), snapshot.fingerprint()),
                snapshot.version(), snapshot.physicalTable(), snapshot.kind(), snapshot.tableFormat(),
                snapshot.dataHash(), snapshot.metadataHash(), snapshot.payload().toJson(), NOW);
    }

    private static String versionOf(PlanFile plan, BuildStep step) {
        return plan.environmentSnapshots().stream()
                .filter(pointer -> pointer.physicalTable().equals(step.physicalTable()))
                .map(PlanFile.PlannedPointer::version)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pointer names " + step.physicalTable()));
    }

    @Override
    public void close() {
        state.close();
    }
}
