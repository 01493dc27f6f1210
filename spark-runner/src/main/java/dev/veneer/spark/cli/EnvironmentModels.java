package dev.veneer.spark.cli;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.planner.lineage.ProjectLineage;
import dev.veneer.planner.plan.SnapshotPayload;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.SqlParser;
import dev.veneer.planner.sql.TableReference;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The models an environment deployed, as column lineage sees them: each model's query as stored with
 * its snapshot (not the files on disk), and the external tables declared in the project.
 */
final class EnvironmentModels implements ProjectLineage.Models {
    private final Map<ModelName, ParsedQuery> queries = new HashMap<>();
    private final Map<ModelName, Set<ModelName>> reads = new HashMap<>();
    private final Project project;

    EnvironmentModels(EnvironmentRecord environment, StateStore state, SqlParser parser, Project project) {
        this.project = project;
        List<SnapshotKey> keys = environment.pointers().values().stream().map(SnapshotPointer::key).toList();
        Map<SnapshotKey, StoredSnapshot> stored = state.snapshots(keys);
        for (StoredSnapshot snapshot : stored.values()) {
            SnapshotPayload payload = SnapshotPayload.fromJson(snapshot.payload());
            queries.put(snapshot.key().model(), parser.parseQuery(payload.query(), payload.path(), 1, 1));
        }
        queries.forEach((model, query) -> {
            Set<ModelName> read = new TreeSet<>();
            for (TableReference reference : query.references()) {
                if (reference.nameParts().size() == 2 && ModelName.isValid(reference.qualifiedName())) {
                    read.add(ModelName.parse(reference.qualifiedName()));
                }
            }
            reads.put(model, read);
        });
    }

    @Override
    public ParsedQuery query(ModelName name) {
        return queries.get(name);
    }

    @Override
    public Set<ModelName> tablesRead(ModelName model) {
        return reads.getOrDefault(model, Set.of());
    }

    @Override
    public List<String> declaredColumns(ModelName model) {
        return project.model(model).map(definition -> definition.columns().stream().map(column -> column.name()).toList())
                .orElse(List.of());
    }

    @Override
    public List<String> externalColumns(ModelName table) {
        var external = project.externals().get(table);
        return external == null ? null : external.columns().keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public Set<ModelName> models() {
        return queries.keySet();
    }
}
