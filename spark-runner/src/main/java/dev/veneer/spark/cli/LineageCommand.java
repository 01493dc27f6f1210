package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.lineage.ColumnRef;
import dev.veneer.planner.lineage.ColumnTrace;
import dev.veneer.planner.lineage.ColumnTrace.Node;
import dev.veneer.planner.lineage.ColumnTrace.Trace;
import dev.veneer.planner.lineage.OutputColumn;
import dev.veneer.planner.lineage.ProjectLineage;
import dev.veneer.planner.lineage.QueryLineage;
import dev.veneer.planner.plan.PlanFiles;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "lineage", sortOptions = false,
        description = "Column lineage: what feeds MODEL.COLUMN (through CTEs, joins, unions, windows, *), and what it feeds.",
        footer = {"", "Examples:", "  veneer lineage marts.customer_revenue.revenue", "  veneer lineage marts.customer_revenue --json",
            "  veneer lineage staging.orders.amount --env dev   the code deployed in dev, not the files on disk"})
final class LineageCommand extends JsonCommand {
    @ParentCommand
    VeneerCli root;

    @Parameters(index = "0", paramLabel = "MODEL[.COLUMN]", description = "schema.table for every column, schema.table.column for one.")
    String target;

    @Option(names = "--env", paramLabel = "ENV", description = "Trace the code an environment deployed (default: the project's files).")
    String environment;

    @Override
    public Integer call() {
        String[] parts = target.split("\\.", -1);
        if (parts.length < 2 || parts.length > 3 || !ModelName.isValid(parts[0] + "." + parts[1]) || (parts.length == 3 && parts[2].isBlank())) {
            throw new VeneerException(ErrorCode.MODEL_NOT_FOUND, "'" + target
                    + "' is neither a model (schema.table) nor a column (schema.table.column)");
        }
        ModelName model = new ModelName(parts[0], parts[1]);
        try (CommandContext context = new CommandContext(root.project)) {
            CompiledProject compiled = context.compiled();
            ProjectLineage lineage = environment == null
                    ? new ProjectLineage(compiled.project(), compiled.graph())
                    : new ProjectLineage(new EnvironmentModels(Environments.require(context.stateForReading(), environment), context.stateForReading(),
                            context.planner().parser(), compiled.project()));
            ColumnTrace traces = new ColumnTrace(lineage);
            if (parts.length == 3) {
                Trace trace = traces.trace(model, parts[2]);
                if (json) {
                    System.out.println(json(trace).toPrettyString());
                }
                else {
                    System.out.print(text(trace));
                }
            }
            else {
                QueryLineage query = traces.model(model);
                if (json) {
                    System.out.println(json(model, query).toPrettyString());
                }
                else {
                    System.out.print(text(model, query));
                }
            }
            return 0;
        }
    }

    // ---- one column ----

    private static String text(Trace trace) {
        StringBuilder out = new StringBuilder("Lineage of ").append(trace.column()).append("\n\nUpstream (what feeds it):\n");
        Map<ColumnRef, Node> upstream = trace.upstream().stream().collect(Collectors.toMap(Node::column, Function.identity()));
        tree(out, trace.column(), upstream, "  ", "", new HashSet<>(), "<- ");
        if (!trace.rowsDecidedBy().isEmpty()) {
            out.append("\nIts rows are decided by: ").append(join(trace.rowsDecidedBy())).append('\n');
        }
        out.append("\nDownstream (what it feeds):\n");
        if (trace.downstream().size() == 1 && trace.rowsOf().isEmpty()) {
            out.append("  nothing: no model reads it\n");
        }
        else {
            Map<ColumnRef, List<Node>> children = trace.downstream().stream().skip(1)
                    .flatMap(node -> node.edges().stream().map(edge -> Map.entry(edge, node)))
                    .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
            downTree(out, trace.column(), children, "  ", new HashSet<>());
            trace.rowsOf().forEach(node -> out.append("  rows of ").append(node.column().table()).append(" depend on ")
                    .append(join(node.edges())).append('\n'));
        }
        return out.toString();
    }

    private static void tree(StringBuilder out, ColumnRef column, Map<ColumnRef, Node> nodes, String indent, String prefix,
            Set<ColumnRef> shown, String arrow) {
        Node node = nodes.get(column);
        out.append(indent).append(prefix).append(column);
        if (node != null && node.kind() == ColumnTrace.Kind.EXTERNAL) {
            out.append("  (external)");
        }
        if (node != null && node.note() != null) {
            out.append("  [").append(node.note()).append(']');
        }
        if (!shown.add(column) && node != null && !node.edges().isEmpty()) {
            out.append("  (see above)\n");
            return;
        }
        out.append('\n');
        if (node != null) {
            for (ColumnRef source : node.edges()) {
                tree(out, source, nodes, indent + (prefix.isEmpty() ? "" : "   "), arrow, shown, arrow);
            }
        }
    }

    private static void downTree(StringBuilder out, ColumnRef column, Map<ColumnRef, List<Node>> children, String indent, Set<ColumnRef> shown) {
        out.append(indent).append(indent.length() > 2 ? "-> " : "").append(column);
        if (!shown.add(column) && children.containsKey(column)) {
            out.append("  (see above)\n");
            return;
        }
        out.append('\n');
        for (Node child : children.getOrDefault(column, List.of())) {
            downTree(out, child.column(), children, indent + "   ", shown);
        }
    }

    private static ObjectNode json(Trace trace) {
        ObjectNode document = PlanFiles.mapper().createObjectNode();
        document.put("model", trace.column().table().toString());
        document.put("column", trace.column().column());
        nodes(document.putArray("upstream"), trace.upstream(), "sources");
        strings(document.putArray("rows_decided_by"), trace.rowsDecidedBy());
        nodes(document.putArray("downstream"), trace.downstream(), "reads");
        ArrayNode rows = document.putArray("rows_depend_on_it");
        trace.rowsOf().forEach(node -> strings(rows.addObject().put("model", node.column().table().toString()).putArray("reads"), node.edges()));
        return document;
    }

    private static void nodes(ArrayNode array, List<Node> nodes, String edges) {
        for (Node node : nodes) {
            ObjectNode entry = array.addObject();
            entry.put("column", node.column().toString());
            entry.put("kind", node.kind().name().toLowerCase(java.util.Locale.ROOT));
            strings(entry.putArray(edges), node.edges());
            if (node.note() != null) {
                entry.put("note", node.note());
            }
        }
    }

    // ---- every column of a model ----

    private static String text(ModelName model, QueryLineage query) {
        StringBuilder out = new StringBuilder("Columns of ").append(model).append(" and what feeds each:\n");
        int width = query.columns().stream().mapToInt(column -> column.name().length()).max().orElse(0);
        for (OutputColumn column : query.columns()) {
            out.append("  ").append(String.format("%-" + width + "s", column.name())).append("  <- ")
                    .append(column.sources().isEmpty() ? "(constants only)" : join(column.sources()))
                    .append(column.guessedName() ? "   (unaliased: Spark names it after its expression)" : "").append('\n');
        }
        if (query.star() != null) {
            out.append("  *  more columns that cannot be listed: a * over ").append(join(query.star().passThrough().stream()
                    .map(ModelName::toString).toList())).append(", whose columns are not declared in external_models.yaml\n");
        }
        if (query.unsupported() != null) {
            out.append("  Columns not traced through ").append(query.unsupported()).append(": everything ").append(model)
                    .append(" reads may feed every column.\n");
        }
        if (!query.rowSources().isEmpty()) {
            out.append("Rows decided by: ").append(join(query.rowSources())).append('\n');
        }
        if (!query.unresolved().isEmpty()) {
            out.append("Names no table in scope is known to have: ").append(String.join(", ", query.unresolved())).append('\n');
        }
        return out.toString();
    }

    private static ObjectNode json(ModelName model, QueryLineage query) {
        ObjectNode document = PlanFiles.mapper().createObjectNode();
        document.put("model", model.toString());
        ArrayNode columns = document.putArray("columns");
        for (OutputColumn column : query.columns()) {
            ObjectNode entry = columns.addObject().put("column", column.name());
            strings(entry.putArray("sources"), column.sources());
            if (column.guessedName()) {
                entry.put("note", "unaliased expression: Spark names it after its text");
            }
        }
        strings(document.putArray("rows_decided_by"), query.rowSources());
        if (query.star() != null) {
            ObjectNode star = document.putObject("unexpanded_star");
            strings(star.putArray("tables"), query.star().passThrough().stream().map(ModelName::toString).toList());
            star.put("note", "a * over tables whose columns are not declared: its columns are unknown");
        }
        document.put("unsupported", query.unsupported());
        strings(document.putArray("unresolved"), query.unresolved());
        return document;
    }

    private static void strings(ArrayNode array, Collection<?> values) {
        values.forEach(value -> array.add(value.toString()));
    }

    private static String join(Collection<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
