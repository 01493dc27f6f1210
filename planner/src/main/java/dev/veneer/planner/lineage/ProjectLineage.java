package dev.veneer.planner.lineage;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.project.ColumnDefinition;
import dev.veneer.planner.project.ExternalModel;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.sql.ParsedQuery;
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
    /** The models and external tables lineage is computed over: a project on disk, or what an environment deployed. */
    public interface Models {
        /** The query of a model, or {@code null} when {@code name} is not a model. */
        ParsedQuery query(ModelName name);

        /** Models and external tables the model reads. */
        Set<ModelName> tablesRead(ModelName model);

        /** Columns declared in the model's header (empty if none). */
        List<String> declaredColumns(ModelName model);

        /** Columns declared for an external table; {@code null} when it is not one, empty when undeclared. */
        List<String> externalColumns(ModelName table);

        /** Every model, for finding children. */
        Set<ModelName> models();
    }

    private final Models models;
    private final Map<ModelName, QueryLineage> lineages = new HashMap<>();
    private Map<ModelName, Set<ModelName>> children;

    public ProjectLineage(Models models) {
        this.models = requireNonNull(models, "models is null");
    }

    public ProjectLineage(Project project, ModelGraph graph) {
        this(fromProject(project, graph));
    }

    private static Models fromProject(Project project, ModelGraph graph) {
        requireNonNull(project, "project is null");
        requireNonNull(graph, "graph is null");
        return new Models() {
            @Override
            public ParsedQuery query(ModelName name) {
                ModelDefinition model = project.models().get(name);
                return model == null ? null : model.query();
            }

            @Override
            public Set<ModelName> tablesRead(ModelName model) {
                Set<ModelName> read = new TreeSet<>(graph.parents(model));
                read.addAll(graph.externalParents(model));
                return read;
            }

            @Override
            public List<String> declaredColumns(ModelName model) {
                return project.models().get(model).columns().stream().map(ColumnDefinition::name).toList();
            }

            @Override
            public List<String> externalColumns(ModelName table) {
                ExternalModel external = project.externals().get(table);
                return external == null ? null
                        : external.columns().keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
            }

            @Override
            public Set<ModelName> models() {
                return project.models().keySet();
            }
        };
    }

    public boolean isModel(ModelName name) {
        return models.query(name) != null;
    }

    public boolean isExternal(ModelName name) {
        return models.query(name) == null && models.externalColumns(name) != null;
    }

    /** The models that read {@code model}, sorted. */
    public Set<ModelName> children(ModelName model) {
        if (children == null) {
            children = new HashMap<>();
            for (ModelName name : models.models()) {
                for (ModelName parent : models.tablesRead(name)) {
                    children.computeIfAbsent(parent, key -> new TreeSet<>()).add(name);
                }
            }
        }
        return children.getOrDefault(model, Set.of());
    }

    /** The lineage of a model of the project. */
    public QueryLineage of(ModelName model) {
        QueryLineage lineage = lineages.get(model);
        if (lineage == null) {
            if (!isModel(model)) {
                throw new IllegalArgumentException("not a model: " + model);
            }
            // Parents first, iteratively: a deep chain must not exhaust the stack.
            List<ModelName> missing = new ArrayList<>();
            collectMissing(model, missing, new java.util.HashSet<>());
            for (ModelName name : missing) {
                lineages.put(name, analyze(name));
            }
            lineage = lineages.get(model);
        }
        return lineage;
    }

    /**
     * Analyzes every model up front on {@code threads} threads, for a caller that needs them all (the
     * docs site): level by level, the models whose parents are all analyzed side by side. Afterwards
     * {@link #of} only reads.
     */
    public void analyzeAll(int threads) {
        Map<ModelName, Integer> waiting = new HashMap<>();
        Map<ModelName, List<ModelName>> readers = new HashMap<>();
        List<ModelName> level = new ArrayList<>();
        for (ModelName model : models.models()) {
            int parents = 0;
            for (ModelName parent : models.tablesRead(model)) {
                if (isModel(parent) && !parent.equals(model)) {
                    parents++;
                    readers.computeIfAbsent(parent, key -> new ArrayList<>()).add(model);
                }
            }
            waiting.put(model, parents);
            if (parents == 0) {
                level.add(model);
            }
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(Math.max(1, threads));
        try {
            while (!level.isEmpty()) {
                List<ModelName> current = level;
                // each task reads only parents' lineages, finished in an earlier level: the map is written between levels
                Map<ModelName, QueryLineage> done = pool.submit(() -> current.parallelStream().filter(model -> !lineages.containsKey(model))
                        .collect(java.util.stream.Collectors.toConcurrentMap(model -> model, this::analyze))).join();
                lineages.putAll(done);
                List<ModelName> next = new ArrayList<>();
                for (ModelName model : current) {
                    for (ModelName reader : readers.getOrDefault(model, List.of())) {
                        if (waiting.merge(reader, -1, Integer::sum) == 0) {
                            next.add(reader);
                        }
                    }
                }
                level = next;
            }
        }
        finally {
            pool.shutdown();
        }
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
            for (ModelName parent : models.tablesRead(name)) {
                if (isModel(parent) && !lineages.containsKey(parent) && !seen.contains(parent)) {
                    stack.push(new ModelName[] {parent, null});
                }
            }
        }
    }

    private QueryLineage analyze(ModelName model) {
        Set<ModelName> read = models.tablesRead(model);
        List<String> declared = models.declaredColumns(model);
        QueryLineage lineage;
        try {
            lineage = QueryAnalyzer.analyze(QueryTrees.parse(models.query(model)), this::schema, read);
        }
        catch (RuntimeException e) {
            Set<ColumnRef> all = new TreeSet<>();
            read.forEach(table -> all.add(ColumnRef.all(table)));
            lineage = new QueryLineage(List.of(), new UnexpandedStar(Set.of(), all), all,
                    "the query could not be analyzed (" + e.getClass().getSimpleName() + ")", List.of());
        }
        if (lineage.unsupported() != null && !declared.isEmpty()) {
            // Declared columns name what the analysis could not: each is fed by everything the model reads.
            Set<ColumnRef> all = lineage.allSources();
            List<OutputColumn> columns = declared.stream().map(column -> new OutputColumn(column, all, false)).toList();
            lineage = new QueryLineage(columns, null, lineage.rowSources(), lineage.unsupported(), lineage.unresolved());
        }
        return lineage;
    }

    /** The columns of a model or an external table as far as they are known. */
    public TableSchema schema(ModelName table) {
        if (isModel(table)) {
            QueryLineage lineage = of(table);
            Set<String> names = new LinkedHashSet<>();
            lineage.columns().forEach(column -> names.add(column.name()));
            boolean declared = lineage.unsupported() != null && !models.declaredColumns(table).isEmpty();
            return new TableSchema(List.copyOf(names), lineage.complete() || declared);
        }
        List<String> external = models.externalColumns(table);
        if (external == null || external.isEmpty()) {
            return TableSchema.UNKNOWN;
        }
        return new TableSchema(external, true);
    }
}
