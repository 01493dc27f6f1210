package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ModelName;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.project.ModelDefinition;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "dag", description = "Print the models in dependency order with what each reads.")
final class DagCommand implements Callable<Integer>, JsonOutput {
    @ParentCommand
    VeneerCli root;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            CompiledProject compiled = context.compiled();
            ModelGraph graph = compiled.graph();
            if (json) {
                ObjectNode document = PlanFiles.mapper().createObjectNode();
                ArrayNode models = document.putArray("models");
                for (ModelName name : graph.topologicalOrder()) {
                    ModelDefinition model = compiled.project().models().get(name);
                    ObjectNode entry = models.addObject();
                    entry.put("model", name.toString());
                    entry.put("kind", model.kind().name());
                    entry.put("path", model.path());
                    ArrayNode parents = entry.putArray("parents");
                    graph.parents(name).forEach(parent -> parents.add(parent.toString()));
                    ArrayNode externals = entry.putArray("external_parents");
                    graph.externalParents(name).forEach(parent -> externals.add(parent.toString()));
                }
                System.out.println(document.toPrettyString());
                return 0;
            }
            for (ModelName name : graph.topologicalOrder()) {
                ModelDefinition model = compiled.project().models().get(name);
                String reads = Stream.concat(graph.parents(name).stream().map(ModelName::toString),
                                graph.externalParents(name).stream().map(parent -> parent + " (external)"))
                        .collect(Collectors.joining(", "));
                System.out.printf("%-40s %-5s <- %s%n", name, model.kind(), reads.isEmpty() ? "(nothing)" : reads);
            }
            return 0;
        }
    }
}
