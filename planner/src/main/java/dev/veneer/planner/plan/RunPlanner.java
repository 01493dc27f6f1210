package dev.veneer.planner.plan;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.planner.interval.IntervalPlanner;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.project.ModelKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code run} computes: for every model an environment points at, the intervals whose cron has
 * elapsed and that its version's table does not hold yet. Works from state alone (the snapshots keep
 * their rendered SQL and schedules), so a scheduler needs no project folder.
 */
public final class RunPlanner {
    /**
     * @param steps the work, in dependency order
     * @param nextRun the earliest time a model's cron fires after the execution time, when nothing is due
     */
    public record RunPlan(String environment, Instant executionTime, List<BuildStep> steps, Optional<Instant> nextRun) {
        public RunPlan {
            requireNonNull(environment, "environment is null");
            requireNonNull(executionTime, "executionTime is null");
            steps = List.copyOf(steps);
            requireNonNull(nextRun, "nextRun is null");
        }
    }

    private RunPlanner() {}

    /**
     * @param select only these models; all when empty
     * @param ignoreCron every complete interval is due, whether its cron fired since or not
     */
    public static RunPlan plan(StateStore state, String environment, Instant executionTime, Set<ModelName> select, boolean ignoreCron) {
        EnvironmentRecord record = state.environment(environment)
                .filter(found -> !found.isExpired(Instant.now()))
                .orElseThrow(() -> new VeneerException(ErrorCode.ENVIRONMENT_NOT_FOUND, "environment '" + environment
                        + "' does not exist or has expired; create it with 'veneer plan " + environment + " --auto-apply'"));
        for (ModelName selected : select) {
            if (record.pointer(selected).isEmpty()) {
                throw new VeneerException(ErrorCode.MODEL_NOT_FOUND, "--select " + selected + ": environment '" + environment
                        + "' has no such model; see 'veneer envs' and 'veneer dag'");
            }
        }
        Map<ModelName, SnapshotPointer> pointers = record.pointers();
        Map<dev.veneer.catalog.state.SnapshotKey, StoredSnapshot> snapshots = state.snapshots(
                pointers.values().stream().map(SnapshotPointer::key).toList());
        Map<VersionKey, List<Interval>> intervals = state.intervals(pointers.values().stream()
                .map(pointer -> new VersionKey(pointer.model(), pointer.version())).toList());

        Map<ModelName, BuildStep> due = new LinkedHashMap<>();
        Map<ModelName, List<ModelName>> parents = new HashMap<>();
        Optional<Instant> nextRun = Optional.empty();
        for (SnapshotPointer pointer : pointers.values()) {
            // a view holds no data; a seed's data is its file, and an edited file is a new version that plan builds;
            // a forward-only preview is filled by its plan only: its table is another environment's, never run here
            if ((!select.isEmpty() && !select.contains(pointer.model())) || pointer.kind().equals(ModelKind.VIEW.name())
                    || pointer.kind().equals(ModelKind.SEED.name()) || pointer.isPreview()) {
                continue;
            }
            StoredSnapshot snapshot = snapshots.get(pointer.key());
            if (snapshot == null) {
                throw new VeneerException(ErrorCode.STATE_UNAVAILABLE, "environment '" + environment + "' points at snapshot "
                        + pointer.fingerprint() + " of " + pointer.model() + ", which state does not hold; plan the environment again");
            }
            SnapshotPayload payload = SnapshotPayload.fromJson(snapshot.payload());
            ModelKind kind = ModelKind.valueOf(pointer.kind());
            List<Interval> stored = intervals.getOrDefault(new VersionKey(pointer.model(), pointer.version()), List.of());
            List<Interval> ranges = IntervalPlanner.due(payload.schedule(), kind.timeRanged(), stored, executionTime,
                    Optional.empty(), ignoreCron);
            parents.put(pointer.model(), payload.parents().stream().map(ModelName::parse).toList());
            if (ranges.isEmpty()) {
                Optional<Instant> next = payload.schedule().cronSchedule().nextExecutionAfter(executionTime);
                nextRun = earliest(nextRun, next);
                continue;
            }
            due.put(pointer.model(), new BuildStep(pointer.model().toString(), pointer.physicalTable(), pointer.kind(),
                    snapshot.tableFormat(), payload.renderedSql(), payload.partitionedBy(), List.of(), pointer.version(),
                    payload.macros(), payload.options(), payload.schedule(), ranges, false, payload.audits()));
        }
        return new RunPlan(environment, executionTime, ordered(due, parents), due.isEmpty() ? nextRun : Optional.empty());
    }

    /** Parents before children, each step depending on its parents that also run. */
    private static List<BuildStep> ordered(Map<ModelName, BuildStep> due, Map<ModelName, List<ModelName>> parents) {
        List<BuildStep> ordered = new ArrayList<>();
        Set<ModelName> placed = new HashSet<>();
        List<ModelName> pending = new ArrayList<>(due.keySet());
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (int i = 0; i < pending.size(); i++) {
                ModelName model = pending.get(i);
                List<ModelName> running = parents.getOrDefault(model, List.of()).stream().filter(due::containsKey).toList();
                if (placed.containsAll(running)) {
                    ordered.add(due.get(model).withIntervals(due.get(model).intervals(), running.stream().map(ModelName::toString).toList()));
                    placed.add(model);
                    pending.remove(i--);
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new IllegalStateException("the stored snapshots of environment depend on each other in a cycle: " + pending);
            }
        }
        return ordered;
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().isBefore(b.get()) ? a : b;
    }
}
