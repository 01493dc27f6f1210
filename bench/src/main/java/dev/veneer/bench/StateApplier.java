package dev.veneer.bench;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.PlannedPointer;
import dev.veneer.planner.plan.PlanFile.PlannedSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Does to state what the Spark runner's apply does (snapshots, built tables, the environment's
 * compare-and-set, finalization), without Spark: the bench copy of planner's test {@code StateFixture}.
 */
final class StateApplier {
    private StateApplier() {}

    static void apply(StateStore state, PlanFile plan, Instant now) {
        state.bindProject(plan.project());
        state.saveSnapshots(plan.snapshots().stream().map(snapshot -> stored(snapshot, now)).toList());
        Map<String, String> versions = plan.environmentSnapshots().stream()
                .collect(Collectors.toMap(PlannedPointer::physicalTable, PlannedPointer::version, (a, b) -> a));
        for (BuildStep step : plan.builds()) {
            state.recordBuilt(step.physicalTable(), ModelName.parse(step.model()), versions.get(step.physicalTable()));
        }
        Instant createdAt = state.environment(plan.environment()).map(EnvironmentRecord::createdAt).orElse(now);
        List<SnapshotPointer> pointers = plan.environmentSnapshots().stream()
                .map(pointer -> new SnapshotPointer(ModelName.parse(pointer.model()), pointer.fingerprint(),
                        pointer.version(), pointer.physicalTable(), pointer.kind()))
                .toList();
        state.commitEnvironment(new EnvironmentRecord(plan.environment(), plan.planId(), plan.baseEnvironment(), pointers,
                createdAt, now, plan.expiresAt(), false), plan.expectedPlanId());
        state.markFinalized(plan.environment(), plan.planId());
    }

    private static StoredSnapshot stored(PlannedSnapshot snapshot, Instant now) {
        return new StoredSnapshot(new SnapshotKey(ModelName.parse(snapshot.model()), snapshot.fingerprint()),
                snapshot.version(), snapshot.physicalTable(), snapshot.kind(), snapshot.tableFormat(),
                snapshot.dataHash(), snapshot.metadataHash(), snapshot.payload().toJson(), now);
    }

}
