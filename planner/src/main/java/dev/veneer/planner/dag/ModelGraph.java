package dev.veneer.planner.dag;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.ProjectErrors;
import dev.veneer.planner.sql.TableReference;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dependencies between models, from the parsed queries and {@code depends_on}. Built only for a
 * project whose every reference resolves and whose graph has no cycle.
 */
public final class ModelGraph {
    private final Map<ModelName, Set<ModelName>> parents;
    private final Map<ModelName, Set<ModelName>> externalParents;
    private final List<ModelName> order;
    // Made on first use: a plan seldom walks down the graph, and 10,000 sorted sets are a tenth of a second.
    private volatile Map<ModelName, Set<ModelName>> children;

    private ModelGraph(Map<ModelName, Set<ModelName>> parents, Map<ModelName, Set<ModelName>> externalParents, List<ModelName> order) {
        this.parents = parents;
        this.externalParents = externalParents;
        this.order = List.copyOf(order);
    }

    private Map<ModelName, Set<ModelName>> children() {
        Map<ModelName, Set<ModelName>> made = children;
        if (made == null) {
            synchronized (this) {
                made = children;
                if (made == null) {
                    made = new HashMap<>(parents.size() * 2);
                    for (ModelName model : parents.keySet()) {
                        made.put(model, new TreeSet<>());
                    }
                    Map<ModelName, Set<ModelName>> byParent = made;
                    parents.forEach((child, ofChild) -> ofChild.forEach(parent -> byParent.get(parent).add(child)));
                    children = made;
                }
            }
        }
        return made;
    }

    /** Resolves every model's references; reports every unknown reference and any cycle at once. */
    public static ModelGraph build(Project project) {
        // Hash maps: looked up for every model many times per plan. Iteration order never leaks out
        // (the topological order is sorted on its own, each model's parents are sorted sets).
        Map<ModelName, Set<ModelName>> parents = new HashMap<>(project.models().size() * 2);
        Map<ModelName, Set<ModelName>> externals = new HashMap<>(project.models().size() * 2);
        List<VeneerException> problems = new ArrayList<>();
        for (ModelDefinition model : project.models().values()) {
            Set<ModelName> modelParents = new TreeSet<>();
            Set<ModelName> externalParents = new TreeSet<>();
            for (TableReference reference : model.query().references()) {
                ModelName name = resolve(reference, project);
                if (name == null) {
                    problems.add(unknownReference(model, reference, project));
                }
                else if (project.models().containsKey(name)) {
                    modelParents.add(name);
                }
                else {
                    externalParents.add(name);
                }
            }
            for (ModelName declared : model.dependsOn()) {
                if (project.models().containsKey(declared)) {
                    modelParents.add(declared);
                }
                else if (project.externals().containsKey(declared)) {
                    externalParents.add(declared);
                }
                else {
                    problems.add(new VeneerException(ErrorCode.UNKNOWN_REFERENCE, model.location(),
                            "depends_on names " + declared + ", which is neither a model nor declared in external_models.yaml", null));
                }
            }
            if (modelParents.contains(model.name())) {
                problems.add(new VeneerException(ErrorCode.DEPENDENCY_CYCLE, model.location(),
                        "model " + model.name() + " reads from itself; a model cannot depend on its own table", null));
                modelParents.remove(model.name());
            }
            parents.put(model.name(), modelParents);
            externals.put(model.name(), externalParents);
        }
        if (!problems.isEmpty()) {
            throw new ProjectErrors(problems);
        }
        List<ModelName> order = topologicalOrder(parents, project);
        return new ModelGraph(parents, externals, order);
    }

    private static ModelName resolve(TableReference reference, Project project) {
        List<String> parts = reference.nameParts();
        if (parts.size() != 2) {
            return null;
        }
        ModelName name;
        try {
            name = new ModelName(parts.get(0), parts.get(1));
        }
        catch (IllegalArgumentException e) {
            return null;
        }
        return project.models().containsKey(name) || project.externals().containsKey(name) ? name : null;
    }

    private static VeneerException unknownReference(ModelDefinition model, TableReference reference, Project project) {
        String name = reference.qualifiedName();
        String fix = reference.nameParts().size() == 2
                ? "add a model named " + name + " or declare it in external_models.yaml"
                : "refer to models and external tables as schema.table";
        List<String> known = new ArrayList<>();
        project.models().keySet().forEach(modelName -> known.add(modelName.toString()));
        project.externals().keySet().forEach(external -> known.add(external.toString()));
        String guess = NameSuggestion.didYouMean(name, known);
        return new VeneerException(ErrorCode.UNKNOWN_REFERENCE,
                new SourceLocation(model.path(), reference.line(), reference.column()),
                "model " + model.name() + " reads unknown table '" + name + "'; " + guess + (guess.isEmpty() ? fix : "otherwise " + fix), null);
    }

    // Kahn's algorithm with a sorted ready-set: a deterministic order whatever the file order.
    private static List<ModelName> topologicalOrder(Map<ModelName, Set<ModelName>> parents, Project project) {
        Map<ModelName, Integer> waiting = new HashMap<>();
        Map<ModelName, List<ModelName>> children = new HashMap<>();
        parents.forEach((child, ofChild) -> {
            waiting.put(child, ofChild.size());
            ofChild.forEach(parent -> children.computeIfAbsent(parent, key -> new ArrayList<>()).add(child));
        });
        TreeSet<ModelName> ready = new TreeSet<>();
        waiting.forEach((model, count) -> {
            if (count == 0) {
                ready.add(model);
            }
        });
        List<ModelName> order = new ArrayList<>(parents.size());
        while (!ready.isEmpty()) {
            ModelName next = ready.pollFirst();
            order.add(next);
            for (ModelName child : children.getOrDefault(next, List.of())) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        if (order.size() != parents.size()) {
            List<ModelName> cycle = findCycle(parents, waiting);
            ModelDefinition first = project.models().get(cycle.get(0));
            List<String> names = new ArrayList<>(cycle.stream().map(ModelName::toString).toList());
            names.add(cycle.get(0).toString());
            throw new VeneerException(ErrorCode.DEPENDENCY_CYCLE, first.location(),
                    "dependency cycle: " + String.join(" -> ", names) + "; break the cycle by removing one of these references", null);
        }
        return order;
    }

    private static List<ModelName> findCycle(Map<ModelName, Set<ModelName>> parents, Map<ModelName, Integer> waiting) {
        // Every model left waiting has a waiting parent, so walking parents must revisit a model.
        ModelName start = new TreeSet<>(waiting.entrySet().stream().filter(entry -> entry.getValue() > 0).map(Map.Entry::getKey).toList()).first();
        Deque<ModelName> path = new ArrayDeque<>();
        Set<ModelName> seen = new LinkedHashSet<>();
        ModelName current = start;
        while (seen.add(current)) {
            path.addLast(current);
            current = parents.get(current).stream().filter(parent -> waiting.get(parent) > 0).findFirst().orElseThrow();
        }
        List<ModelName> cycle = new ArrayList<>();
        boolean inCycle = false;
        for (ModelName model : path) {
            inCycle |= model.equals(current);
            if (inCycle) {
                cycle.add(model);
            }
        }
        Collections.reverse(cycle);
        return cycle;
    }

    /** Models in an order where every parent comes before its children. */
    public List<ModelName> topologicalOrder() {
        return order;
    }

    public Set<ModelName> parents(ModelName model) {
        return Collections.unmodifiableSet(parents.getOrDefault(model, Set.of()));
    }

    public Set<ModelName> externalParents(ModelName model) {
        return Collections.unmodifiableSet(externalParents.getOrDefault(model, Set.of()));
    }

    public Set<ModelName> children(ModelName model) {
        return Collections.unmodifiableSet(children().getOrDefault(model, Set.of()));
    }
}
