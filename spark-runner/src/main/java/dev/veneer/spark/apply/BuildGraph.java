package dev.veneer.spark.apply;

import dev.veneer.planner.plan.PlanFile.BuildStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A plan's build steps as a DAG: for each model, the models of this plan it waits for.
 * Dependencies on models the plan does not build are dropped: their tables already exist.
 */
record BuildGraph(Map<String, BuildStep> steps, Map<String, Set<String>> dependencies) {
    BuildGraph {
        steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        dependencies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dependencies));
    }

    /** Builds the graph in plan order; a cycle is reported through {@code onCycle} with the models in it. */
    static BuildGraph of(List<BuildStep> builds, Function<String, ? extends RuntimeException> onCycle) {
        Map<String, BuildStep> steps = new LinkedHashMap<>();
        builds.forEach(step -> steps.put(step.model(), step));
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        for (BuildStep step : builds) {
            Set<String> inPlan = new LinkedHashSet<>();
            step.dependsOn().stream().filter(steps::containsKey).forEach(inPlan::add);
            dependencies.put(step.model(), inPlan);
        }
        BuildGraph graph = new BuildGraph(steps, dependencies);
        List<String> unordered = graph.modelsInCycles();
        if (!unordered.isEmpty()) {
            throw onCycle.apply(String.join(", ", unordered));
        }
        return graph;
    }

    /** For each model, the models that wait for it. */
    Map<String, List<String>> dependents() {
        Map<String, List<String>> dependents = new LinkedHashMap<>();
        steps.keySet().forEach(model -> dependents.put(model, new ArrayList<>()));
        dependencies.forEach((model, parents) -> parents.forEach(parent -> dependents.get(parent).add(model)));
        return dependents;
    }

    /** Kahn's algorithm: whatever cannot be ordered sits on or behind a cycle. */
    private List<String> modelsInCycles() {
        Map<String, Integer> waiting = new LinkedHashMap<>();
        dependencies.forEach((model, parents) -> waiting.put(model, parents.size()));
        Map<String, List<String>> dependents = dependents();
        Deque<String> ready = new ArrayDeque<>();
        waiting.forEach((model, count) -> {
            if (count == 0) {
                ready.add(model);
            }
        });
        while (!ready.isEmpty()) {
            String model = ready.poll();
            waiting.remove(model);
            for (String child : dependents.get(model)) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        return waiting.keySet().stream().sorted().toList();
    }
}
