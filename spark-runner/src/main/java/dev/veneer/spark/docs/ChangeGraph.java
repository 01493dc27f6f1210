package dev.veneer.spark.docs;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.spark.docs.GraphData.Edge;
import dev.veneer.spark.docs.GraphData.Node;
import dev.veneer.planner.plan.EnvironmentDiff.Change;
import dev.veneer.planner.plan.EnvironmentDiff.ModelDiff;
import dev.veneer.planner.plan.SnapshotPayload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The changed part of an environment's DAG: every model whose pointer differs from prod's, marked by
 * how it changed, and the unchanged parents they read (marked {@code context}), with the edges
 * their snapshots were built with.
 */
final class ChangeGraph {
    private ChangeGraph() {}

    static GraphData of(List<ModelDiff> diffs, Map<ModelName, SnapshotPointer> prod, Map<ModelName, SnapshotPointer> environment,
            Map<dev.veneer.catalog.state.SnapshotKey, StoredSnapshot> stored, java.util.Set<ModelName> withPages) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (ModelDiff diff : diffs) {
            ModelName name = ModelName.parse(diff.model());
            SnapshotPointer pointer = diff.change() == Change.REMOVED ? prod.get(name) : environment.get(name);
            String mark = switch (diff.change()) {
                case ADDED -> "added";
                case REMOVED -> "removed";
                case MODIFIED -> diff.category() == null ? "modified" : diff.category().name().toLowerCase(Locale.ROOT);
            };
            String title = diff.change() == Change.MODIFIED && diff.category() != null
                    ? diff.category().name() + (diff.sameTable() ? ", same table as prod" : ", own table")
                    : diff.change().name().toLowerCase(Locale.ROOT);
            nodes.put(diff.model(), new Node(diff.model(), pointer.kind(), name.schema(), mark, withPages.contains(name) ? href(diff.model()) : null, title));
        }
        for (ModelDiff diff : diffs) {
            ModelName name = ModelName.parse(diff.model());
            SnapshotPointer pointer = diff.change() == Change.REMOVED ? prod.get(name) : environment.get(name);
            StoredSnapshot snapshot = stored.get(pointer.key());
            if (snapshot == null) {
                continue;
            }
            for (String parent : SnapshotPayload.fromJson(snapshot.payload()).parents()) {
                if (!nodes.containsKey(parent)) {
                    SnapshotPointer parentPointer = environment.getOrDefault(ModelName.parse(parent), prod.get(ModelName.parse(parent)));
                    String kind = parentPointer == null ? "UNKNOWN" : parentPointer.kind();
                    nodes.put(parent, new Node(parent, kind, ModelName.parse(parent).schema(), "context",
                            withPages.contains(ModelName.parse(parent)) ? href(parent) : null,
                            "unchanged: shared with prod"));
                }
                edges.add(new Edge(parent, diff.model()));
            }
        }
        return new GraphData(List.copyOf(nodes.values()), edges);
    }

    /** A model's page from a page one folder down ({@code environments/}, {@code models/}). */
    static String href(String model) {
        return "../models/" + SitePaths.modelFile(model);
    }
}
