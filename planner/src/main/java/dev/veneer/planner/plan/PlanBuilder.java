package dev.veneer.planner.plan;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.PhysicalNames;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.fingerprint.Fingerprint;
import dev.veneer.planner.lineage.ColumnImpact;
import dev.veneer.planner.lineage.ColumnImpact.Propagation;
import dev.veneer.planner.lineage.ProjectLineage;
import dev.veneer.planner.plan.PlanFile.Backfill;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import dev.veneer.planner.plan.PlanFile.PlannedPointer;
import dev.veneer.planner.plan.PlanFile.PlannedSnapshot;
import dev.veneer.planner.plan.PlanFile.ReusedTable;
import dev.veneer.planner.plan.PlanFile.ViewChange;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.ModelKind;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.TableFormat;
import dev.veneer.planner.sql.SqlParser;
import dev.veneer.planner.sql.SqlTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Diffs the project against an environment and writes the plan (DESIGN.md steps 4–8). Reads from
 * state only the target and base environments and, in one batch, the snapshots the diff touches.
 */
public final class PlanBuilder {
    private final Project project;
    private final ModelGraph graph;
    private final Map<ModelName, Fingerprint> fingerprints;
    private final StateStore state;
    private final ChangeCategorizer categorizer;
    private final PhysicalNames names;

    public PlanBuilder(Project project, ModelGraph graph, Map<ModelName, Fingerprint> fingerprints, StateStore state, SqlParser parser) {
        this.project = requireNonNull(project, "project is null");
        this.graph = requireNonNull(graph, "graph is null");
        this.fingerprints = requireNonNull(fingerprints, "fingerprints is null");
        this.state = requireNonNull(state, "state is null");
        this.categorizer = new ChangeCategorizer(parser);
        this.names = new PhysicalNames(project.config().physicalSchemaPrefix());
    }

    public PlanFile build(PlanRequest request) {
        PlanRequestValidator.validate(request, project);
        Optional<EnvironmentRecord> target = state.environment(request.environment());
        boolean targetLive = target.isPresent() && !target.get().isExpired(request.now());
        String baseName = targetLive ? target.get().baseEnvironment() : request.createFrom();
        if (EnvironmentName.isProd(request.environment())) {
            baseName = EnvironmentName.PROD;
        }
        Map<ModelName, SnapshotPointer> baseline = targetLive
                ? target.get().pointers()
                : baselineOf(request.createFrom(), request);
        // An expired environment's views may still exist (until the janitor removes them): diff against them.
        Map<ModelName, SnapshotPointer> currentViews = target.map(EnvironmentRecord::pointers).orElse(Map.of());
        Map<ModelName, SnapshotPointer> basePointers = baseName.equals(request.environment()) || !targetLive
                ? baseline
                : baselineOf(baseName, request);

        Map<SnapshotKey, StoredSnapshot> stored = state.snapshots(touchedKeys(baseline));
        Diff diff = new Diff();
        // One rendering per model, shared by its snapshot and its build step: pointers fill parents first.
        ModelRenderer renderer = new ModelRenderer(project, diff.next);
        diff(diff, baseline, basePointers, stored, renderer, request);
        diff.forwardOnly.forEach((model, change) -> {
            if (change.pointer().isPreview()) {
                graph.children(model).stream().filter(child -> !diff.forwardOnly.containsKey(child)).sorted().forEach(child ->
                        diff.notes.add(child + " in " + request.environment() + " reads the table of " + model + ", not its preview:"
                                + " models downstream of a forward-only change are not previewed"));
            }
        });

        List<PlannedPointer> pointers = diff.next.values().stream()
                .map(pointer -> new PlannedPointer(pointer.model().toString(), pointer.fingerprint(), pointer.version(),
                        pointer.physicalTable(), pointer.kind(), pointer.preview()))
                .toList();
        BuildPlanner.Result planned = new BuildPlanner(project, graph, state).plan(diff.next, basePointers, request, renderer,
                diff.forwardOnly);
        List<BuildStep> builds = planned.steps();
        List<Backfill> backfills = builds.stream()
                .filter(step -> !step.kind().equals(ModelKind.VIEW.name()) && !step.skipBackfill())
                .map(step -> new Backfill(step.model(), step.physicalTable(), step.intervals(), step.batches().count(),
                        step.restatement()))
                .toList();
        List<ViewChange> views = viewChanges(request.environment(), currentViews, diff.next, diff.forwardOnly.keySet());
        List<ModelName> reusedModels = new ArrayList<>();
        diff.next.keySet().stream().sorted().forEach(model -> {
            SnapshotPointer pointer = diff.next.get(model);
            SnapshotPointer inBase = basePointers.get(model);
            if (inBase != null && inBase.physicalTable().equals(pointer.physicalTable()) && !diff.forwardOnly.containsKey(model)) {
                reusedModels.add(model);
            }
        });
        List<ReusedTable> reused = AuditPlanning.reused(reusedModels, diff.next, state);
        List<PlanFile.AuditCheck> auditChecks = AuditPlanning.checks(project, diff.next, baseline, stored, builds, diff.newSnapshots,
                state);

        return new PlanFile(
                PlanFile.FORMAT_VERSION,
                UUID.randomUUID().toString().replace("-", ""),
                project.config().name(),
                request.environment(),
                baseName,
                target.map(EnvironmentRecord::planId).orElse(null),
                project.config().state(),
                request.now(),
                request.executionTime(),
                EnvironmentName.isProd(request.environment()) ? null : request.now().plus(request.ttl()),
                diff.added.stream().sorted().map(ModelName::toString).toList(),
                diff.removed.stream().map(ModelName::toString).toList(),
                diff.metadataUpdated.stream().sorted().map(ModelName::toString).toList(),
                sortedByModel(diff.direct),
                sortedByModel(diff.indirect),
                backfills,
                reused,
                views,
                builds,
                diff.newSnapshots,
                pointers,
                concat(diff.notes, planned.notes()),
                auditChecks,
                request.forwardOnly(),
                request.effectiveFrom().orElse(null),
                request.allowDestructive().stream().map(ModelName::toString).toList(),
                ForwardOnlySummary.describe(request.environment(), builds, diff.forwardOnly));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<ModelChange> sortedByModel(List<ModelChange> changes) {
        return changes.stream().sorted(java.util.Comparator.comparing(ModelChange::model)).toList();
    }

    private Map<ModelName, SnapshotPointer> baselineOf(String environment, PlanRequest request) {
        return state.environment(environment)
                .filter(record -> !record.isExpired(request.now()))
                .map(EnvironmentRecord::pointers)
                .orElse(Map.of());
    }

    /** The stored snapshots a diff needs: the old side of every change, and the new side if it exists already. */
    private List<SnapshotKey> touchedKeys(Map<ModelName, SnapshotPointer> baseline) {
        List<SnapshotKey> keys = new ArrayList<>();
        fingerprints.forEach((model, fingerprint) -> {
            SnapshotPointer before = baseline.get(model);
            if (before == null || !before.fingerprint().equals(fingerprint.id())) {
                keys.add(new SnapshotKey(model, fingerprint.id()));
                if (before != null) {
                    keys.add(before.key());
                }
            }
        });
        return keys;
    }

    private static final class Diff {
        final List<ModelName> added = new ArrayList<>();
        final List<ModelName> removed = new ArrayList<>();
        final List<ModelName> metadataUpdated = new ArrayList<>();
        final List<ModelChange> direct = new ArrayList<>();
        final List<ModelChange> indirect = new ArrayList<>();
        final List<PlannedSnapshot> newSnapshots = new ArrayList<>();
        /** The environment after the plan, in topological order. */
        final Map<ModelName, SnapshotPointer> next = new LinkedHashMap<>();
        /** What each model's new version changes for its children. */
        final Map<ModelName, ColumnImpact> impacts = new HashMap<>();
        /** Models whose change keeps their table (forward-only), in topological order. */
        final Map<ModelName, ForwardOnlyModel> forwardOnly = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
    }

    private void diff(Diff diff, Map<ModelName, SnapshotPointer> baseline, Map<ModelName, SnapshotPointer> basePointers,
            Map<SnapshotKey, StoredSnapshot> stored, ModelRenderer renderer, PlanRequest request) {
        List<NewSnapshot> newSnapshots = new ArrayList<>();
        // Column lineage of the models whose parents changed only some columns; computed on demand.
        ProjectLineage lineage = new ProjectLineage(project, graph);
        for (ModelName name : graph.topologicalOrder()) {
            ModelDefinition model = project.models().get(name);
            Fingerprint fingerprint = fingerprints.get(name);
            SnapshotPointer before = baseline.get(name);
            if (before != null && before.fingerprint().equals(fingerprint.id())) {
                diff.next.put(name, before);
                diff.impacts.put(name, ColumnImpact.NONE);
                continue;
            }
            Map<ModelName, ColumnImpact> parentImpacts = new TreeMap<>();
            graph.parents(name).forEach(parent -> parentImpacts.put(parent, diff.impacts.get(parent)));
            Category category = null;
            ColumnImpact impact;
            boolean direct = false;
            boolean listed = false;
            String diffText = "";
            String reason = null;
            if (before == null) {
                diff.added.add(name);
                impact = ColumnImpact.ALL;
            }
            else {
                StoredSnapshot previous = stored.get(before.key());
                SnapshotPayload old = previous == null ? null : SnapshotPayload.fromJson(previous.payload());
                if (previous == null || !previous.dataHash().equals(fingerprint.dataHash())) {
                    ChangeCategorizer.Direct change = old == null
                            ? new ChangeCategorizer.Direct(Category.BREAKING, ColumnImpact.ALL)
                            : categorizer.direct(old, fingerprint, model.query());
                    category = change.category();
                    ColumnImpact own = ChangeCategorizer.forKind(model, change.impact());
                    impact = own.union(ChangeCategorizer.fromParents(parentImpacts, () -> lineage.of(name)).impact());
                    diffText = old == null ? "" : QueryDiff.unified(name.toString(), old.query(), model.query().text());
                    reason = ChangeCategorizer.reason(own);
                    direct = true;
                    listed = true;
                }
                else if (!old.parentDataHash().equals(fingerprint.parentDataHash())) {
                    Propagation propagation = ChangeCategorizer.fromParents(parentImpacts, () -> lineage.of(name));
                    impact = propagation.impact();
                    category = impact.none() ? Category.INDIRECT_NON_BREAKING : Category.INDIRECT_BREAKING;
                    reason = ChangeCategorizer.reason(propagation);
                    listed = true;
                    if (!previous.metadataHash().equals(fingerprint.metadataHash())) {
                        diff.metadataUpdated.add(name);
                    }
                }
                else {
                    category = Category.METADATA;
                    impact = ColumnImpact.NONE;
                    diff.metadataUpdated.add(name);
                }
            }
            StoredSnapshot existing = stored.get(new SnapshotKey(name, fingerprint.id()));
            ForwardOnlyModel forwardOnly = before == null || !category.rebuilds() ? null
                    : forwardOnly(name, model, before, existing, basePointers.get(name), request, diff);
            if (forwardOnly != null) {
                // the table stays: children read the same table, whose columns only grow
                category = Category.FORWARD_ONLY;
                impact = ColumnImpact.NONE;
                reason = null;
            }
            if (listed) {
                (direct ? diff.direct : diff.indirect).add(new ModelChange(name.toString(), category, diffText, reason));
            }
            diff.impacts.put(name, ChangeCategorizer.forKind(model, impact));

            SnapshotPointer pointer;
            if (forwardOnly != null) {
                pointer = forwardOnlyPointer(name, fingerprint, before, request);
                diff.forwardOnly.put(name, new ForwardOnlyModel(pointer, forwardOnly.effectiveFrom(), forwardOnly.allowDestructive()));
                if (existing == null) {
                    diff.next.put(name, pointer);
                    newSnapshots.add(new NewSnapshot(model, fingerprint, pointer, true, forwardOnly.effectiveFrom()));
                }
            }
            else if (existing != null) {
                // A variant seen before (promotion, rollback): reuse its version and so its table.
                pointer = new SnapshotPointer(name, fingerprint.id(), existing.version(), existing.physicalTable(), existing.kind());
            }
            else {
                if (needsNewVersion(name, model, category, before, baseline, diff)) {
                    String version = fingerprint.dataVersion();
                    pointer = new SnapshotPointer(name, fingerprint.id(), version, physicalTable(model, version), model.kind().name());
                }
                else {
                    pointer = new SnapshotPointer(name, fingerprint.id(), before.version(), before.physicalTable(), before.kind());
                }
                diff.next.put(name, pointer);
                newSnapshots.add(new NewSnapshot(model, fingerprint, pointer, false, Optional.empty()));
            }
            diff.next.put(name, pointer);
        }
        baseline.keySet().stream()
                .filter(model -> !project.models().containsKey(model))
                .sorted()
                .forEach(diff.removed::add);
        // Rendering and serializing each new snapshot only reads the finished pointers: on every core, in order.
        diff.newSnapshots.addAll(newSnapshots.parallelStream()
                .map(planned -> plannedSnapshot(planned, renderer))
                .toList());
    }

    private record NewSnapshot(ModelDefinition model, Fingerprint fingerprint, SnapshotPointer pointer, boolean forwardOnly,
            Optional<java.time.Instant> effectiveFrom) {}

    /**
     * Whether a change that would rebuild the model keeps its table instead, and from when it applies:
     * asked for ({@code --forward-only}, header {@code forward_only true}) on an incremental model whose
     * kind did not change; or a variant stored before on the same table as its predecessor (promoting
     * a forward-only change, or rolling one back in prod: its columns follow again). In a dev
     * environment, going back to exactly what its base holds is no change to preview.
     */
    private ForwardOnlyModel forwardOnly(ModelName name, ModelDefinition model, SnapshotPointer before, StoredSnapshot existing,
            SnapshotPointer inBase, PlanRequest request, Diff diff) {
        boolean allowDestructive = request.allowDestructive().contains(name);
        if (existing != null) {
            boolean sameTable = existing.version().equals(before.version()) && existing.physicalTable().equals(before.physicalTable());
            boolean baseHasIt = inBase != null && inBase.fingerprint().equals(existing.key().fingerprint());
            if (sameTable && (EnvironmentName.isProd(request.environment()) || !baseHasIt)) {
                SnapshotPayload payload = SnapshotPayload.fromJson(existing.payload());
                return new ForwardOnlyModel(before, request.effectiveFrom().or(() -> Optional.ofNullable(payload.effectiveFrom())),
                        allowDestructive);
            }
            if (!sameTable && (request.forwardOnly() || model.forwardOnly())) {
                diff.notes.add(name + " is not forward-only: this exact version was built before as a table of its own ("
                        + existing.physicalTable() + "), which the plan reuses");
            }
            return null;
        }
        if (!request.forwardOnly() && !model.forwardOnly()) {
            return null;
        }
        if (!model.kind().incremental()) {
            diff.notes.add(name + " is built anew although the plan is forward-only: a " + model.kind()
                    + (model.kind() == ModelKind.VIEW ? " holds no data" : " model is rebuilt whole on every build")
                    + ", so keeping its table saves nothing");
            return null;
        }
        if (!before.kind().equals(model.kind().name())) {
            diff.notes.add(name + " is built anew although the plan is forward-only: its kind changed from " + before.kind()
                    + " to " + model.kind() + ", which its table cannot follow");
            return null;
        }
        return new ForwardOnlyModel(before, request.effectiveFrom(), allowDestructive);
    }

    /** The predecessor's version and table; in a dev environment, read through a preview of its own. */
    private SnapshotPointer forwardOnlyPointer(ModelName name, Fingerprint fingerprint, SnapshotPointer before, PlanRequest request) {
        String preview = EnvironmentName.isProd(request.environment()) ? null
                : dev.veneer.planner.project.ProjectConfig.SESSION_CATALOG + "."
                        + names.previewTable(name, before.version(), request.environment(), fingerprint.id());
        return new SnapshotPointer(name, fingerprint.id(), before.version(), before.physicalTable(), before.kind(), preview);
    }

    private boolean needsNewVersion(ModelName name, ModelDefinition model, Category category, SnapshotPointer before,
            Map<ModelName, SnapshotPointer> baseline, Diff diff) {
        if (before == null || category.rebuilds() || !before.kind().equals(model.kind().name())) {
            return true;
        }
        if (model.kind() == ModelKind.VIEW) {
            // A physical view names its parents' physical tables: a parent on a new table needs a new view.
            for (ModelName parent : graph.parents(name)) {
                SnapshotPointer parentBefore = baseline.get(parent);
                if (parentBefore == null || !parentBefore.physicalTable().equals(diff.next.get(parent).physicalTable())) {
                    return true;
                }
            }
        }
        return false;
    }

    private String physicalTable(ModelDefinition model, String version) {
        TableFormat format = project.tableFormat(model);
        return project.config().catalogFor(model.kind(), format) + "." + names.physicalTable(model.name(), version);
    }

    private PlannedSnapshot plannedSnapshot(NewSnapshot planned, ModelRenderer renderer) {
        ModelDefinition model = planned.model();
        Fingerprint fingerprint = planned.fingerprint();
        SnapshotPointer pointer = planned.pointer();
        SqlTemplate rendered = renderer.renderTemplate(model);
        SnapshotPayload payload = new SnapshotPayload(
                model.query().text(),
                model.path(),
                fingerprint.attributesHash(),
                fingerprint.parentDataHash(),
                graph.parents(model.name()).stream().map(ModelName::toString).toList(),
                model.partitionedBy(),
                rendered.text(),
                rendered.macros(),
                model.options(),
                model.schedule(),
                renderer.renderAudits(model.name()),
                planned.forwardOnly(),
                planned.effectiveFrom().orElse(null));
        return new PlannedSnapshot(
                model.name().toString(),
                pointer.fingerprint(),
                pointer.version(),
                pointer.physicalTable(),
                model.kind().name(),
                tableFormatName(model),
                fingerprint.dataHash(),
                fingerprint.metadataHash(),
                payload);
    }

    private String tableFormatName(ModelDefinition model) {
        return model.kind() == ModelKind.VIEW ? "view" : project.tableFormat(model).sqlName();
    }

    /**
     * The views whose target changes; and in prod the view of every forward-only model, whose table
     * may gain columns that a view made before does not show (Spark keeps a view's columns).
     */
    private static List<ViewChange> viewChanges(String environment, Map<ModelName, SnapshotPointer> current,
            Map<ModelName, SnapshotPointer> next, Set<ModelName> forwardOnly) {
        List<ViewChange> changes = new ArrayList<>();
        next.keySet().stream().sorted().forEach(model -> {
            SnapshotPointer pointer = next.get(model);
            SnapshotPointer was = current.get(model);
            if (was == null || !was.viewTarget().equals(pointer.viewTarget()) || forwardOnly.contains(model)) {
                changes.add(new ViewChange(model.toString(), PhysicalNames.viewName(model, environment),
                        pointer.viewTarget(), ViewAction.CREATE_OR_REPLACE));
            }
        });
        current.keySet().stream().filter(model -> !next.containsKey(model)).sorted().forEach(model ->
                changes.add(new ViewChange(model.toString(), PhysicalNames.viewName(model, environment),
                        current.get(model).viewTarget(), ViewAction.DROP)));
        return changes;
    }
}
