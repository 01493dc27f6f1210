package dev.veneer.planner.lineage;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.project.ColumnDefinition;
import dev.veneer.planner.project.ExternalModel;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.sql.QueryTrees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Column lineage of a project's models, computed on demand and cached: a model's lineage needs its
 * parents' columns, so asking for one model analyzes it and, as far as needed, its ancestors, never
 * the whole project. Schemas come from the models' own queries and from the columns declared in
 * {@code external_models.yaml}. Not thread-safe.
 */
public final class ProjectLineage {
    private final Project project;
    private final ModelGraph graph;
    private final Map<ModelName, QueryLineage> lineages = new HashMap<>();

    public ProjectLineage(Project project, ModelGraph graph) {
        this.project = requireNonNull(project, "project is null");
        this.graph = requireNonNull(graph, "graph is null");
    }

    public Project project() {
        return project;
    }

    public ModelGraph graph() {
        return graph;
    }

    public boolean isModel(ModelName name) {
        return project.models().containsKey(name);
    }

    public boolean isExternal(ModelName name) {
        return project.externals().containsKey(name);
    }

    /** The lineage of a model of the project. */
    public QueryLineage of(ModelName model) {
        QueryLineage lineage = lineages.get(model);
        if (lineage == null) {
            ModelDefinition definition = project.models().get(model);
            if (definition == null) {
                throw new IllegalArgumentException("not a model: " + model);
            }
            // Parents first, iteratively: a deep chain must not exhaust the stack.
            List<ModelName> missing = new ArrayList<>();
            collectMissing(model, missing, new java.util.HashSet<>());
            for (ModelName name : missing) {
                lineages.put(name, analyze(project.models().get(name)));
            }
            lineage = lineages.get(model);
        }
        return lineage;
    }

    private void collectMissing(ModelName root, List<ModelName> order, Set<ModelName> seen) {
        java.util.Deque<ModelName[]> stack = new java.util.ArrayDeque<>();
        stack.push(new ModelName[] {root, null});
        while (!stack.isEmpty()) {
            ModelName[] frame = stack.pop();
            ModelName name = frame[0];
            if (frame[1] != null) {
                order.add(name);
                continue;
            }
            if (lineages.containsKey(name) || !seen.add(name)) {
                continue;
            }
            stack.push(new ModelName[] {name, name});
            for (ModelName parent : graph.parents(name)) {
                if (!lineages.containsKey(parent) && !seen.contains(parent)) {
                    stack.push(new ModelName[] {parent, null});
                }
            }
        }
    }

    private QueryLineage analyze(ModelDefinition model) {
        Set<ModelName> read = new TreeSet<>(graph.parents(model.name()));
        read.addAll(graph.externalParents(model.name()));
        QueryLineage lineage;
        try {
            lineage = QueryAnalyzer.analyze(QueryTrees.parse(model.query()), this::schema, read);
        }
        catch (RuntimeException e) {
            if (e instanceof QueryAnalyzer.Unsupported) {
                throw e;
            }
            Set<ColumnRef> all = new TreeSet<>();
            read.forEach(table -> all.add(ColumnRef.all(table)));
            lineage = new QueryLineage(List.of(), new UnexpandedStar(Set.of(), all), all,
                    "the query could not be analyzed (" + e.getClass().getSimpleName() + ")", List.of());
        }
        if (lineage.unsupported() != null && !model.columns().isEmpty()) {
            // Declared columns name what the analysis could not: each is fed by everything the model reads.
            Set<ColumnRef> all = lineage.allSources();
            List<OutputColumn> columns = model.columns().stream()
                    .map(column -> new OutputColumn(column.name(), all, false)).toList();
            lineage = new QueryLineage(columns, null, lineage.rowSources(), lineage.unsupported(), lineage.unresolved());
        }
        return lineage;
    }

    /** The columns of a model or an external table as far as they are known. */
    public TableSchema schema(ModelName table) {
        if (project.models().containsKey(table)) {
            QueryLineage lineage = of(table);
            Set<String> names = new LinkedHashSet<>();
            lineage.columns().forEach(column -> names.add(column.name()));
            boolean declared = lineage.unsupported() != null && !project.models().get(table).columns().isEmpty();
            return new TableSchema(List.copyOf(names), lineage.complete() || declared);
        }
        ExternalModel external = project.externals().get(table);
        if (external == null || external.columns().isEmpty()) {
            return TableSchema.UNKNOWN;
        }
        return new TableSchema(external.columns().keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList(), true);
    }

    /** Declared columns of a model's header, for messages. */
    static List<String> declared(ModelDefinition model) {
        return model.columns().stream().map(ColumnDefinition::name).toList();
    }
}
