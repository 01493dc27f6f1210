package dev.veneer.planner.plan;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.interval.IntervalPlanner;
import dev.veneer.planner.interval.Intervals;
import dev.veneer.planner.interval.Schedule;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.ModelKind;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.sql.SqlTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a plan computes (DESIGN.md step 7): for each pointer of the environment after the
 * plan, the ranges of data its version still lacks. Reads every version's intervals in one batch.
 *
 * <ul>
 *   <li>A version the base environment points at is shared: nothing is computed for it here
 *       ({@code run} keeps it current), so a dev plan never writes into production's tables.</li>
 *   <li>A time-ranged version gets its missing intervals, with lookback, limited in dev by
 *       {@code --start/--end}. A version that reuses a table sees that table's intervals.</li>
 *   <li>Every other kind is computed whole, once: when its version was never built.</li>
 *   <li>A restated model, and every incremental or full model downstream of it, is computed again
 *       for the restated range (whole for non-time-ranged kinds); SCD type 2 history is never
 *       recomputed. In dev, a model shared with the base is not restated: restate it there.</li>
 * </ul>
 */
final class BuildPlanner {
    /** What to build, and why some asked-for work was left out. */
    record Result(List<BuildStep> steps, List<String> notes) {}

    private final Project project;
    private final ModelGraph graph;
    private final StateStore state;

    BuildPlanner(Project project, ModelGraph graph, StateStore state) {
        this.project = requireNonNull(project, "project is null");
        this.graph = requireNonNull(graph, "graph is null");
        this.state = requireNonNull(state, "state is null");
    }

    /**
     * @param next the environment's pointers after the plan, in topological order
     * @param shared the base environment's pointers: their versions are not computed here
     */
    /** @param renderer renders over {@code next} */
    Result plan(Map<ModelName, SnapshotPointer> next, Map<ModelName, SnapshotPointer> shared, PlanRequest request,
            ModelRenderer renderer) {
        Map<VersionKey, List<Interval>> intervals = state.intervals(next.values().stream()
                .map(pointer -> new VersionKey(pointer.model(), pointer.version())).toList());
        Set<String> built = state.builtTables(next.values().stream().map(SnapshotPointer::physicalTable).toList());
        Set<ModelName> restated = downstreamOf(request.restate());
        boolean prod = EnvironmentName.isProd(request.environment());
        Optional<Interval> range = range(request);

        List<BuildStep> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<ModelName> building = new HashSet<>();
        for (Map.Entry<ModelName, SnapshotPointer> entry : next.entrySet()) {
            ModelName name = entry.getKey();
            SnapshotPointer pointer = entry.getValue();
            ModelDefinition model = project.models().get(name);
            VersionKey version = new VersionKey(name, pointer.version());
            List<Interval> stored = intervals.getOrDefault(version, List.of());
            boolean isShared = sharesVersion(shared.get(name), pointer);
            boolean neverBuilt = stored.isEmpty() && !built.contains(pointer.physicalTable());
            Schedule schedule = model.schedule();
            Instant execution = request.executionTime();

            List<Interval> ranges;
            boolean restatement = false;
            if (model.kind() == ModelKind.VIEW) {
                if (!built.contains(pointer.physicalTable())) {
                    steps.add(step(model, pointer, renderer, List.of(), false, building));
                    building.add(name);
                }
                continue;
            }
            if (restated.contains(name) && !(isShared && !prod) && model.kind() != ModelKind.SCD_TYPE_2
                    && model.kind() != ModelKind.SCD_TYPE_2_BY_COLUMN) {
                ranges = IntervalPlanner.due(schedule, model.kind().timeRanged(), List.of(), execution,
                        model.kind().timeRanged() ? range : Optional.empty());
                restatement = true;
            }
            else {
                if (restated.contains(name)) {
                    notes.add(isShared && !prod
                            ? name + " is not restated: its table is shared with " + request.createFrom()
                                    + "; restate it there (plan " + request.createFrom() + " --restate " + name + ")"
                            : name + " is not restated: the history of a " + model.kind() + " model cannot be recomputed");
                }
                if (isShared && !neverBuilt) {
                    continue;
                }
                if (model.kind().timeRanged()) {
                    ranges = IntervalPlanner.due(schedule, true, stored, execution, prod ? Optional.empty() : range);
                }
                else {
                    ranges = neverBuilt ? IntervalPlanner.due(schedule, false, List.of(), execution, Optional.empty()) : List.of();
                }
            }
            if (ranges.isEmpty() && !neverBuilt) {
                continue;
            }
            steps.add(step(model, pointer, renderer, ranges, restatement, building));
            building.add(name);
        }
        return new Result(steps, notes);
    }

    private BuildStep step(ModelDefinition model, SnapshotPointer pointer, ModelRenderer renderer, List<Interval> ranges,
            boolean restatement, Set<ModelName> building) {
        SqlTemplate sql = renderer.renderTemplate(model);
        return new BuildStep(
                model.name().toString(),
                pointer.physicalTable(),
                model.kind().name(),
                model.kind() == ModelKind.VIEW ? "view" : project.tableFormat(model).sqlName(),
                sql.text(),
                model.partitionedBy(),
                graph.parents(model.name()).stream().filter(building::contains).map(ModelName::toString).toList(),
                pointer.version(),
                sql.macros(),
                model.options(),
                model.schedule(),
                Intervals.merge(ranges),
                restatement,
                renderer.renderAudits(model.name()));
    }

    private static boolean sharesVersion(SnapshotPointer base, SnapshotPointer pointer) {
        return base != null && base.version().equals(pointer.version()) && base.physicalTable().equals(pointer.physicalTable());
    }

    /** The restated models and everything downstream of them, in no particular order. */
    private Set<ModelName> downstreamOf(List<ModelName> roots) {
        Set<ModelName> all = new LinkedHashSet<>();
        List<ModelName> pending = new ArrayList<>(roots);
        while (!pending.isEmpty()) {
            ModelName next = pending.remove(pending.size() - 1);
            if (all.add(next)) {
                pending.addAll(graph.children(next));
            }
        }
        return all;
    }

    private static Optional<Interval> range(PlanRequest request) {
        if (request.start().isEmpty() && request.end().isEmpty()) {
            return Optional.empty();
        }
        Instant start = request.start().orElse(Instant.EPOCH);
        Instant end = request.end().orElse(request.executionTime());
        return start.isBefore(end) ? Optional.of(new Interval(start, end)) : Optional.empty();
    }
}
