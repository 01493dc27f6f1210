package dev.veneer.spark.docs;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.spark.docs.DocsModel.ColumnDoc;
import dev.veneer.spark.docs.DocsModel.EnvironmentDoc;
import dev.veneer.spark.docs.DocsModel.EnvironmentTable;
import dev.veneer.spark.docs.DocsModel.ExternalDoc;
import dev.veneer.spark.docs.DocsModel.ModelChange;
import dev.veneer.spark.docs.DocsModel.ModelDoc;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.fingerprint.Fingerprint;
import dev.veneer.planner.lineage.ProjectLineage;
import dev.veneer.planner.plan.EnvironmentDiff;
import dev.veneer.planner.plan.EnvironmentDiff.ModelDiff;
import dev.veneer.planner.plan.SnapshotPayload;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.sql.SqlParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assembles the {@link DocsModel} from a compiled project and the state store, reading state in a few
 * batches (environments, the snapshots that differ from prod, the intervals of every version shown).
 */
public final class DocsModelReader {
    private final CompiledProject compiled;
    private final StateStore state;
    private final SqlParser parser;
    private final CheckResults checks;

    public DocsModelReader(CompiledProject compiled, StateStore state, SqlParser parser, CheckResults checks) {
        this.compiled = compiled;
        this.state = state;
        this.parser = parser;
        this.checks = checks;
    }

    /**
     * @param environmentNames the environments to show; empty: every environment that has not expired.
     *     An unknown name is refused before anything is read further.
     */
    public DocsModel read(List<String> environmentNames, Instant now) {
        List<EnvironmentRecord> all = state.environments();
        List<EnvironmentRecord> shown = select(all, environmentNames, now);
        EnvironmentRecord prod = all.stream().filter(environment -> EnvironmentName.isProd(environment.name())).findFirst()
                .orElseGet(() -> new EnvironmentRecord(EnvironmentName.PROD, "", EnvironmentName.PROD, List.of(), now, now, null, false));
        Map<VersionKey, List<Interval>> intervals = state.intervals(versionKeys(shown));
        Map<ModelName, ModelDoc> models = new TreeMap<>();
        ModelFiles files = new ModelFiles(compiled.project().directory());
        // pointers by model, once per environment: a record's own lookup scans its list
        Map<String, Map<ModelName, SnapshotPointer>> pointers = new java.util.LinkedHashMap<>();
        shown.forEach(environment -> pointers.put(environment.name(), environment.pointers()));
        Map<ModelName, SnapshotPointer> prodPointers = prod.pointers();
        for (ModelDefinition model : compiled.project().models().values()) {
            models.put(model.name(), model(model, files, pointers, prodPointers, intervals));
        }
        Map<ModelName, ExternalDoc> externals = new TreeMap<>();
        Map<ModelName, List<ModelName>> readers = new TreeMap<>();
        compiled.project().models().keySet().forEach(model -> compiled.graph().externalParents(model)
                .forEach(external -> readers.computeIfAbsent(external, key -> new ArrayList<>()).add(model)));
        compiled.project().externals().forEach((name, external) -> {
            List<ColumnDoc> columns = new ArrayList<>();
            external.columns().forEach((column, type) -> columns.add(new ColumnDoc(column, Optional.ofNullable(type))));
            externals.put(name, new ExternalDoc(name, columns, readers.getOrDefault(name, List.of())));
        });
        List<EnvironmentDoc> environments = new ArrayList<>();
        for (EnvironmentRecord environment : shown) {
            environments.add(environment(environment, prod, now));
        }
        return new DocsModel(compiled.project().config().name(), now, models, externals, environments, lineage());
    }

    /** Column lineage over the project's files, with the types its headers and external_models.yaml declare. */
    private ColumnLineage lineage() {
        Map<ModelName, Map<String, String>> types = new TreeMap<>();
        compiled.project().models().values().forEach(model -> {
            Map<String, String> columns = new java.util.LinkedHashMap<>();
            model.columns().forEach(column -> columns.put(column.name(), column.type()));
            types.put(model.name(), columns);
        });
        compiled.project().externals().forEach((name, external) -> types.put(name, external.columns()));
        return new ColumnLineage(new ProjectLineage(compiled.project(), compiled.graph()), types);
    }

    private static List<EnvironmentRecord> select(List<EnvironmentRecord> all, List<String> names, Instant now) {
        List<EnvironmentRecord> shown = new ArrayList<>();
        if (names.isEmpty()) {
            all.stream().filter(environment -> !environment.isExpired(now)).forEach(shown::add);
        }
        else {
            for (String name : new LinkedHashSet<>(names)) {
                EnvironmentName.validate(name);
                EnvironmentRecord environment = all.stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                        .orElseThrow(() -> unknownEnvironment(name, all));
                shown.add(environment);
            }
        }
        // prod first, the others by name
        shown.sort((a, b) -> EnvironmentName.isProd(a.name()) ? -1 : EnvironmentName.isProd(b.name()) ? 1 : a.name().compareTo(b.name()));
        return shown;
    }

    private static VeneerException unknownEnvironment(String name, List<EnvironmentRecord> all) {
        String known = all.isEmpty() ? "there are none yet (create prod with 'veneer plan prod --auto-apply')"
                : "the environments are " + String.join(", ", all.stream().map(EnvironmentRecord::name).toList());
        return new VeneerException(ErrorCode.ENVIRONMENT_NOT_FOUND,
                "--env " + name + ": no such environment; " + known + ". List them with 'veneer envs'");
    }

    private static List<VersionKey> versionKeys(List<EnvironmentRecord> environments) {
        Set<VersionKey> keys = new LinkedHashSet<>();
        environments.forEach(environment -> environment.snapshots()
                .forEach(pointer -> keys.add(new VersionKey(pointer.model(), pointer.version()))));
        return List.copyOf(keys);
    }

    private ModelDoc model(ModelDefinition model, ModelFiles files, Map<String, Map<ModelName, SnapshotPointer>> shown,
            Map<ModelName, SnapshotPointer> prod, Map<VersionKey, List<Interval>> intervals) {
        ModelGraph graph = compiled.graph();
        Fingerprint fingerprint = compiled.fingerprints().get(model.name());
        String current = fingerprint == null ? "" : fingerprint.id();
        Optional<SnapshotPointer> inProd = Optional.ofNullable(prod.get(model.name()));
        List<EnvironmentTable> tables = new ArrayList<>();
        for (Map.Entry<String, Map<ModelName, SnapshotPointer>> environment : shown.entrySet()) {
            Optional.ofNullable(environment.getValue().get(model.name())).ifPresent(pointer -> tables.add(new EnvironmentTable(environment.getKey(),
                    pointer.viewTarget(), pointer.version(),
                    inProd.map(prodPointer -> prodPointer.viewTarget().equals(pointer.viewTarget())).orElse(false),
                    intervals.getOrDefault(new VersionKey(pointer.model(), pointer.version()), List.of()),
                    pointer.fingerprint().equals(current))));
        }
        ModelFiles.ModelFile file = files.read(model);
        List<ColumnDoc> columns = model.columns().stream()
                .map(column -> new ColumnDoc(column.name(), Optional.of(column.type()))).toList();
        return new DocsModel.ModelDoc(model.name(), model.path(), model.kind().name(),
                compiled.project().tableFormat(model).name().toLowerCase(java.util.Locale.ROOT),
                model.owner(), model.description(), model.tags(), ModelProperties.of(model), file.text(), file.queryOffset(),
                file.macros(), columns, List.copyOf(graph.parents(model.name())), List.copyOf(graph.externalParents(model.name())),
                List.copyOf(graph.children(model.name())), tables, checks.of(model.name()));
    }

    private EnvironmentDoc environment(EnvironmentRecord environment, EnvironmentRecord prod, Instant now) {
        Set<String> prodTables = new java.util.HashSet<>();
        prod.snapshots().forEach(pointer -> prodTables.add(pointer.physicalTable()));
        // a forward-only preview reads prod's table but is the environment's own
        int shared = (int) environment.snapshots().stream().filter(pointer -> prodTables.contains(pointer.viewTarget())).count();
        List<ModelChange> changes = new ArrayList<>();
        GraphData graph = GraphData.empty();
        if (!environment.name().equals(prod.name())) {
            List<SnapshotKey> keys = new ArrayList<>(EnvironmentDiff.keysToRead(prod, environment));
            Map<ModelName, SnapshotPointer> before = prod.pointers();
            Map<ModelName, SnapshotPointer> after = environment.pointers();
            after.forEach((model, pointer) -> {
                if (!before.containsKey(model)) {
                    keys.add(pointer.key());
                }
            });
            before.forEach((model, pointer) -> {
                if (!after.containsKey(model)) {
                    keys.add(pointer.key());
                }
            });
            Map<SnapshotKey, StoredSnapshot> stored = state.snapshots(keys);
            List<ModelDiff> diffs = EnvironmentDiff.between(prod, environment, stored, parser);
            for (ModelDiff diff : diffs) {
                changes.add(new ModelChange(diff.model(), diff.change(), Optional.ofNullable(diff.category()),
                        diff.fromTable(), diff.toTable(), diff.sameTable()));
            }
            graph = ChangeGraph.of(diffs, before, after, stored, compiled.project().models().keySet());
        }
        return new EnvironmentDoc(environment.name(), environment.baseEnvironment(), environment.planId(), environment.createdAt(),
                environment.updatedAt(), Optional.ofNullable(environment.expiresAt()), environment.isExpired(now), environment.finalized(),
                environment.snapshots().size(), shared, environment.snapshots().size() - shared, changes, graph);
    }

    /** The parents a stored snapshot was built from, as its payload records them. */
    static List<String> parents(StoredSnapshot snapshot) {
        return snapshot == null ? List.of() : SnapshotPayload.fromJson(snapshot.payload()).parents();
    }
}
