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
import java.util.LinkedHashMap;
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
 *   <li>A forward-only change keeps its table. In prod its step changes the table in place (its
 *       columns, then the ranges from {@code --effective-from} with the new query). In a dev
 *       environment its step fills a preview of the table for the preview range only: {@code --start/--end},
 *       else from {@code --effective-from}, else the last complete interval.</li>
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
     * @param renderer renders over {@code next}
     * @param forwardOnly the models whose change keeps their table
     */
    Result plan(Map<ModelName, SnapshotPointer> next, Map<ModelName, SnapshotPointer> shared, PlanRequest request,
            ModelRenderer renderer, Map<ModelName, ForwardOnlyModel> forwardOnly) {
        Map<VersionKey, List<Interval>> intervals = state.intervals(next.values().stream()
                .map(pointer -> new VersionKey(pointer.model(), pointer.version())).toList());
        Set<String> built = state.builtTables(next.values().stream().map(SnapshotPointer::physicalTable).toList());
        Set<ModelName> restated = downstreamOf(request.restate());
        boolean prod = EnvironmentName.isProd(request.environment());
        Optional<Interval> range = range(request);
        // a preview reads the previews of its parents, so chained forward-only changes preview together
        Map<ModelName, SnapshotPointer> previewed = new LinkedHashMap<>();
        next.forEach((model, pointer) -> previewed.put(model, pointer.isPreview()
                ? new SnapshotPointer(model, pointer.fingerprint(), pointer.version(), pointer.preview(), pointer.kind())
                : pointer));
        ModelRenderer previewRenderer = new ModelRenderer(project, previewed);

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
            if (forwardOnly.containsKey(name)) {
                steps.add(forwardOnlyStep(model, pointer, forwardOnly.get(name), prod ? renderer : previewRenderer, stored,
                        request, range, building, notes));
                building.add(name);
                continue;
            }
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
            BuildStep step = step(model, pointer, renderer, ranges, restatement, building);
            steps.add(request.skipBackfill() ? step.withoutBackfill() : step);
            building.add(name);
        }
        if (request.skipBackfill()) {
            notes.addAll(skipBackfillNotes(steps, prod));
        }
        return new Result(steps, notes);
    }

    /** What --skip-backfill leaves undone, and in prod the warning SQLMesh users know from the same flag. */
    private static List<String> skipBackfillNotes(List<BuildStep> steps, boolean prod) {
        List<String> empty = steps.stream().filter(BuildStep::skipBackfill).map(BuildStep::model).toList();
        if (empty.isEmpty()) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        notes.add("--skip-backfill: " + empty.size() + " table" + (empty.size() == 1 ? " is" : "s are") + " created empty and"
                + " nothing is computed (" + String.join(", ", empty) + "); the next plan or run of this environment computes them");
        if (prod) {
            notes.add("--skip-backfill in prod: prod's views of these models will show empty tables until their data is computed;"
                    + " to try a change on an empty table, a dev environment is the place");
        }
        return notes;
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

    /**
     * The step of a forward-only change: in prod, in place on the model's table, computing only the
     * ranges from the effective date; in a dev environment, into its preview, for the preview range.
     */
    private BuildStep forwardOnlyStep(ModelDefinition model, SnapshotPointer pointer, ForwardOnlyModel change, ModelRenderer renderer,
            List<Interval> stored, PlanRequest request, Optional<Interval> requested, Set<ModelName> building, List<String> notes) {
        Schedule schedule = model.schedule();
        Instant until = schedule.completeUntil(request.executionTime(), false);
        Instant start = schedule.start().map(schedule.intervalUnit()::floor).orElse(Instant.EPOCH);
        if (change.effectiveFrom().isPresent() && !model.kind().timeRanged()) {
            notes.add(model.name() + ": --effective-from does not apply to a " + model.kind() + " model, whose history cannot be"
                    + " recomputed by range; its change applies from its next run");
        }
        Optional<Instant> effectiveFrom = model.kind().timeRanged() ? change.effectiveFrom() : Optional.empty();
        List<Interval> ranges;
        PlanFile.ForwardOnly how;
        String table;
        String version;
        if (!pointer.isPreview()) {
            ranges = effectiveFrom.map(from -> span(later(schedule.intervalUnit().floor(from), start), until)).orElse(List.of());
            how = new PlanFile.ForwardOnly(PlanFile.ForwardOnly.Mode.IN_PLACE, pointer.physicalTable(), null, null,
                    change.allowDestructive(), effectiveFrom.orElse(null), request.environment());
            table = pointer.physicalTable();
            version = pointer.version();
        }
        else {
            Instant from = requested.map(Interval::start)
                    .or(() -> effectiveFrom)
                    .orElseGet(() -> schedule.intervalUnit().plus(until, -1));
            Instant to = requested.map(Interval::end).map(schedule.intervalUnit()::ceil).orElse(until);
            ranges = span(later(schedule.intervalUnit().floor(from), start), to.isBefore(until) ? to : until);
            if (ranges.isEmpty()) {
                notes.add(model.name() + ": its preview holds no new rows: the preview range has no complete interval of the model"
                        + " (give --start and --end inside [" + start + ", " + until + "))");
            }
            String source = pointer.physicalTable();
            String sourcePrefix = source.substring(0, source.lastIndexOf('.') + 1);
            String previewName = pointer.preview().substring(pointer.preview().lastIndexOf('.') + 1);
            boolean iceberg = project.tableFormat(model) == dev.veneer.planner.project.TableFormat.ICEBERG;
            how = new PlanFile.ForwardOnly(PlanFile.ForwardOnly.Mode.PREVIEW, source,
                    iceberg ? dev.veneer.catalog.PhysicalNames.previewBranch(request.environment(), pointer.fingerprint()) : null,
                    iceberg ? sourcePrefix + previewName + "__rows" : null, change.allowDestructive(), effectiveFrom.orElse(null),
                    request.environment());
            table = pointer.preview();
            version = dev.veneer.catalog.PhysicalNames.previewIntervalVersion(pointer.version(), request.environment(),
                    pointer.fingerprint());
        }
        SqlTemplate sql = renderer.renderTemplate(model);
        return new BuildStep(
                model.name().toString(),
                table,
                model.kind().name(),
                project.tableFormat(model).sqlName(),
                sql.text(),
                model.partitionedBy(),
                graph.parents(model.name()).stream().filter(building::contains).map(ModelName::toString).toList(),
                version,
                sql.macros(),
                model.options(),
                schedule,
                Intervals.merge(ranges),
                !pointer.isPreview() && !ranges.isEmpty(),
                renderer.renderAudits(model.name()),
                how);
    }

    /** {@code [from, until)}, or nothing when it is empty. */
    private static List<Interval> span(Instant from, Instant until) {
        return from.isBefore(until) ? List.of(new Interval(from, until)) : List.of();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
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
