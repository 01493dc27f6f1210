package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ModelName;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.project.ModelDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "dag", sortOptions = false, description = "Print the models in dependency order with what each reads; mark what changed against an environment.",
        footer = {"", "Examples:", "  veneer dag --env prod                 which models the project changes against prod",
            "  veneer dag --format dot | dot -Tsvg > dag.svg"})
final class DagCommand implements Callable<Integer>, JsonOutput {
    enum Format { text, json, dot }

    @ParentCommand
    VeneerCli root;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default), json or dot (Graphviz).")
    Format format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = "--env", paramLabel = "ENV", description = "Mark the models the project changes against this environment.")
    String environment;

    @Override
    public boolean json() {
        return json || format == Format.json;
    }

    /** How a model of the project stands against the environment. */
    private record Status(String change, String category, boolean rebuilt) {}

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            CompiledProject compiled = context.compiled();
            ModelGraph graph = compiled.graph();
            Map<ModelName, Status> statuses = new LinkedHashMap<>();
            List<String> removed = List.of();
            if (environment != null) {
                Environments.require(context.stateForReading(), environment);
                Instant now = Instant.now();
                PlanFile plan = context.planner().plan(compiled, context.stateForReading(),
                        new PlanRequest(environment, environment, now, CommandContext.environmentTtl(root.project)));
                Set<String> built = plan.builds().stream().map(PlanFile.BuildStep::model).collect(Collectors.toSet());
                plan.added().forEach(model -> statuses.put(ModelName.parse(model), new Status("added", null, true)));
                for (ModelChange change : plan.directlyModified()) {
                    statuses.put(ModelName.parse(change.model()), new Status("directly_modified", change.category().name(), built.contains(change.model())));
                }
                for (ModelChange change : plan.indirectlyModified()) {
                    statuses.put(ModelName.parse(change.model()), new Status("indirectly_modified", change.category().name(), built.contains(change.model())));
                }
                plan.metadataUpdated().forEach(model -> statuses.putIfAbsent(ModelName.parse(model), new Status("metadata_updated", "METADATA", false)));
                removed = plan.removed();
            }
            switch (json() ? Format.json : format) {
                case json -> System.out.println(json(compiled, graph, statuses, removed).toPrettyString());
                case dot -> System.out.print(dot(compiled, graph, statuses));
                case text -> System.out.print(text(compiled, graph, statuses, removed));
            }
            return 0;
        }
    }

    private ObjectNode json(CompiledProject compiled, ModelGraph graph, Map<ModelName, Status> statuses, List<String> removed) {
        ObjectNode document = PlanFiles.mapper().createObjectNode();
        if (environment != null) {
            document.put("environment", environment);
        }
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
            if (environment != null) {
                Status status = statuses.get(name);
                entry.put("change", status == null ? "unchanged" : status.change());
                entry.put("category", status == null ? null : status.category());
                entry.put("rebuilt", status != null && status.rebuilt());
            }
        }
        if (environment != null) {
            ArrayNode gone = document.putArray("removed");
            removed.forEach(gone::add);
        }
        return document;
    }

    private String text(CompiledProject compiled, ModelGraph graph, Map<ModelName, Status> statuses, List<String> removed) {
        StringBuilder out = new StringBuilder();
        int width = Math.max(20, graph.topologicalOrder().stream().mapToInt(name -> name.toString().length()).max().orElse(0));
        for (ModelName name : graph.topologicalOrder()) {
            ModelDefinition model = compiled.project().models().get(name);
            String reads = Stream.concat(graph.parents(name).stream().map(ModelName::toString),
                            graph.externalParents(name).stream().map(parent -> parent + " (external)"))
                    .collect(Collectors.joining(", "));
            String mark = "";
            if (environment != null) {
                Status status = statuses.get(name);
                mark = status == null ? "  " : status.change().equals("added") ? "+ " : status.rebuilt() ? "* " : "~ ";
            }
            out.append(String.format("%s%-" + width + "s %-5s <- %s", mark, name, model.kind(), reads.isEmpty() ? "(nothing)" : reads));
            Status status = statuses.get(name);
            if (status != null && status.category() != null) {
                out.append("   [").append(status.category()).append(']');
            }
            out.append('\n');
        }
        if (environment != null) {
            removed.forEach(model -> out.append("- ").append(model).append("   (in ").append(environment).append(", not in the project)\n"));
            long changed = statuses.values().stream().filter(Status::rebuilt).count();
            out.append(String.format("%nAgainst %s: %d added, %d changed (%d to rebuild), %d removed.   + added  * rebuilt  ~ keeps its table%n",
                    environment, statuses.values().stream().filter(status -> status.change().equals("added")).count(),
                    statuses.values().stream().filter(status -> !status.change().equals("added")).count(), changed, removed.size()));
        }
        return out.toString();
    }

    private String dot(CompiledProject compiled, ModelGraph graph, Map<ModelName, Status> statuses) {
        StringBuilder out = new StringBuilder("digraph veneer {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
        Set<ModelName> externals = new TreeSet<>();
        for (ModelName name : graph.topologicalOrder()) {
            ModelDefinition model = compiled.project().models().get(name);
            Status status = statuses.get(name);
            String style = status == null ? "" : status.change().equals("added") ? ", style=filled, fillcolor=\"#c6efce\""
                    : status.change().equals("directly_modified") ? ", style=filled, fillcolor=\"#f4b183\""
                    : status.rebuilt() ? ", style=filled, fillcolor=\"#ffe699\"" : ", style=dashed";
            out.append("  ").append(quote(name.toString())).append(" [label=").append(quote(name + "\\n" + model.kind()
                    + (status != null && status.category() != null ? "\\n" + status.category() : ""))).append(style).append("];\n");
            externals.addAll(graph.externalParents(name));
        }
        for (ModelName external : externals) {
            out.append("  ").append(quote(external.toString())).append(" [shape=ellipse, style=dashed, label=")
                    .append(quote(external + "\\nexternal")).append("];\n");
        }
        for (ModelName name : graph.topologicalOrder()) {
            Stream.concat(graph.externalParents(name).stream(), graph.parents(name).stream()).forEach(parent ->
                    out.append("  ").append(quote(parent.toString())).append(" -> ").append(quote(name.toString())).append(";\n"));
        }
        return out.append("}\n").toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n") + "\"";
    }
}
