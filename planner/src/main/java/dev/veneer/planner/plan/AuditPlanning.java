package dev.veneer.planner.plan;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.AuditResult;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.planner.plan.PlanFile.AuditCheck;
import dev.veneer.planner.plan.PlanFile.AuditSummary;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.PlannedAudit;
import dev.veneer.planner.plan.PlanFile.PlannedSnapshot;
import dev.veneer.planner.plan.PlanFile.ReusedTable;
import dev.veneer.planner.project.Project;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The audit side of a plan: which kept tables must have their (changed) audits run again, and what
 * the audits of reused tables last found.
 */
final class AuditPlanning {
    private AuditPlanning() {}

    /**
     * A new snapshot that keeps a built table (a metadata change) and whose audits differ from those of
     * the snapshot it replaces runs its audits on that table: a changed audit re-runs, it does not rebuild.
     */
    static List<AuditCheck> checks(Project project, Map<ModelName, SnapshotPointer> next, Map<ModelName, SnapshotPointer> baseline,
            Map<SnapshotKey, StoredSnapshot> stored, List<BuildStep> builds, List<PlannedSnapshot> newSnapshots, StateStore state) {
        Set<String> building = builds.stream().map(BuildStep::physicalTable).collect(Collectors.toSet());
        Map<ModelName, SnapshotPointer> candidates = new LinkedHashMap<>();
        Map<ModelName, List<PlannedAudit>> audits = new LinkedHashMap<>();
        for (PlannedSnapshot snapshot : newSnapshots) {
            ModelName model = ModelName.parse(snapshot.model());
            SnapshotPointer pointer = next.get(model);
            SnapshotPointer before = baseline.get(model);
            if (pointer == null || before == null || building.contains(pointer.physicalTable())
                    || !before.physicalTable().equals(pointer.physicalTable())) {
                continue;
            }
            List<PlannedAudit> now = snapshot.payload().audits();
            StoredSnapshot previous = stored.get(before.key());
            List<PlannedAudit> was = previous == null ? List.of() : SnapshotPayload.fromJson(previous.payload()).audits();
            if (!now.isEmpty() && !now.equals(was)) {
                candidates.put(model, pointer);
                audits.put(model, now);
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> built = state.builtTables(candidates.values().stream().map(SnapshotPointer::physicalTable).toList());
        Map<VersionKey, List<Interval>> intervals = state.intervals(candidates.values().stream()
                .map(pointer -> new VersionKey(pointer.model(), pointer.version())).toList());
        List<AuditCheck> checks = new ArrayList<>();
        candidates.forEach((model, pointer) -> {
            if (built.contains(pointer.physicalTable())) {
                checks.add(new AuditCheck(model.toString(), pointer.physicalTable(), pointer.kind(), pointer.version(),
                        project.models().get(model).options(),
                        intervals.getOrDefault(new VersionKey(model, pointer.version()), List.of()), audits.get(model)));
            }
        });
        return checks;
    }

    /** The reused tables, each with what its audits last found there. */
    static List<ReusedTable> reused(List<ModelName> models, Map<ModelName, SnapshotPointer> next, StateStore state) {
        if (models.isEmpty()) {
            return List.of();
        }
        List<AuditResult> results = state.auditResults(models.stream()
                .map(model -> new VersionKey(model, next.get(model).version())).toList());
        Map<VersionKey, Map<String, List<AuditResult>>> byVersion = new LinkedHashMap<>();
        results.forEach(result -> byVersion.computeIfAbsent(result.versionKey(), key -> new LinkedHashMap<>())
                .computeIfAbsent(result.audit(), key -> new ArrayList<>()).add(result));
        List<ReusedTable> reused = new ArrayList<>();
        for (ModelName model : models) {
            SnapshotPointer pointer = next.get(model);
            List<AuditSummary> summaries = new ArrayList<>();
            byVersion.getOrDefault(new VersionKey(model, pointer.version()), Map.of()).forEach((audit, runs) -> summaries.add(
                    new AuditSummary(audit, runs.get(runs.size() - 1).blocking(), runs.size(),
                            runs.stream().filter(run -> !run.passed()).count(),
                            runs.stream().mapToLong(AuditResult::offendingRows).sum(),
                            runs.stream().map(AuditResult::ranAt).max(Instant::compareTo).orElseThrow())));
            reused.add(new ReusedTable(model.toString(), pointer.physicalTable(), summaries));
        }
        return reused;
    }
}
