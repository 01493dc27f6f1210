package dev.veneer.planner.lineage;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lineage of one column across models: every column upstream that feeds it (with the direct
 * sources of each, so the graph can be drawn), the columns that decide its model's rows, and every
 * column downstream that it feeds (plus the models whose rows it decides). What is unknown is said,
 * never guessed: a {@code *} over an external table without declared columns, a construct that is
 * not analyzed.
 */
public final class ColumnTrace {
    /** Where a column lives. */
    public enum Kind { MODEL, EXTERNAL, UNKNOWN }

    /**
     * One column in the graph.
     *
     * @param edges upstream: the columns it is computed from; downstream: the columns of its parent it reads
     * @param note what is unknown about it, or {@code null}
     */
    public record Node(ColumnRef column, Kind kind, Set<ColumnRef> edges, String note) {
        public Node {
            requireNonNull(column, "column is null");
            edges = java.util.Collections.unmodifiableSet(new TreeSet<>(edges));
        }
    }

    /**
     * @param upstream the column itself first, then what feeds it, breadth first
     * @param rowsDecidedBy columns that decide which rows the column's model has (filters, joins, grouping...)
     * @param downstream the column itself first, then every column it feeds, breadth first
     * @param rowsOf downstream models whose rows it decides, each with the traced column it reads
     */
    public record Trace(ColumnRef column, List<Node> upstream, Set<ColumnRef> rowsDecidedBy, List<Node> downstream,
            List<Node> rowsOf) {
        public Trace {
            upstream = List.copyOf(upstream);
            rowsDecidedBy = java.util.Collections.unmodifiableSet(new TreeSet<>(rowsDecidedBy));
            downstream = List.copyOf(downstream);
            rowsOf = List.copyOf(rowsOf);
        }
    }

    private final ProjectLineage lineage;

    public ColumnTrace(ProjectLineage lineage) {
        this.lineage = requireNonNull(lineage, "lineage is null");
    }

    /** Traces {@code model.column}; an unknown model or column is a {@code MODEL_NOT_FOUND} error naming what exists. */
    public Trace trace(ModelName model, String column) {
        requireModel(model);
        ColumnRef root = new ColumnRef(model, column);
        Node first = upstreamNode(root);
        if (first.kind() == Kind.UNKNOWN) {
            throw unknownColumn(model, column);
        }
        List<Node> upstream = new ArrayList<>();
        Map<ColumnRef, Node> seen = new LinkedHashMap<>();
        Deque<ColumnRef> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            ColumnRef next = queue.poll();
            if (seen.containsKey(next)) {
                continue;
            }
            Node node = next.equals(root) ? first : upstreamNode(next);
            seen.put(next, node);
            upstream.add(node);
            node.edges().forEach(queue::add);
        }
        List<Node> downstream = new ArrayList<>();
        List<Node> rowsOf = new ArrayList<>();
        downstream(root, downstream, rowsOf);
        return new Trace(root, upstream, lineage.of(model).rowSources(), downstream, rowsOf);
    }

    /** A model's lineage, checked to be a model first. */
    public QueryLineage model(ModelName model) {
        requireModel(model);
        return lineage.of(model);
    }

    private void requireModel(ModelName model) {
        if (!lineage.isModel(model)) {
            String what = lineage.isExternal(model) ? model + " is an external table, not a model: its columns come from external_models.yaml"
                    : "there is no model " + model;
            throw new VeneerException(ErrorCode.MODEL_NOT_FOUND, what + "; list the models with 'veneer dag'");
        }
    }

    private VeneerException unknownColumn(ModelName model, String column) {
        List<String> columns = lineage.of(model).columns().stream().map(OutputColumn::name).distinct().toList();
        return new VeneerException(ErrorCode.MODEL_NOT_FOUND, "model " + model + " has no column '" + column + "'; its columns are: "
                + (columns.isEmpty() ? "(none known)" : String.join(", ", columns)));
    }

    /**
     * One column as the upstream graph shows it: where it lives, the columns it is computed from, and
     * what is unknown about it. Unlike {@link #trace}, an unknown column is a node of kind {@code UNKNOWN}.
     */
    public Node node(ColumnRef column) {
        return upstreamNode(column);
    }

    private Node upstreamNode(ColumnRef column) {
        ModelName table = column.table();
        if (column.isAll()) {
            return new Node(column, lineage.isModel(table) ? Kind.MODEL : Kind.EXTERNAL, Set.of(), "every column of " + table);
        }
        if (!lineage.isModel(table)) {
            if (!lineage.isExternal(table)) {
                return new Node(column, Kind.UNKNOWN, Set.of(), "not a model or declared external table");
            }
            TableSchema schema = lineage.schema(table);
            String note = schema.columns().isEmpty() ? "external table without declared columns"
                    : schema.columns().contains(column.column()) ? null : "not among the columns declared for " + table;
            return new Node(column, Kind.EXTERNAL, Set.of(), note);
        }
        QueryLineage query = lineage.of(table);
        List<OutputColumn> outputs = query.columns(column.column());
        if (!outputs.isEmpty()) {
            Set<ColumnRef> sources = new TreeSet<>();
            outputs.forEach(output -> sources.addAll(output.sources()));
            String note = query.unsupported() != null ? "not traced through " + query.unsupported() + ": fed by everything the model reads"
                    : outputs.size() > 1 ? "the model outputs " + outputs.size() + " columns of this name" : null;
            return new Node(column, Kind.MODEL, sources, note);
        }
        if (query.unsupported() != null) {
            return new Node(column, Kind.MODEL, query.allSources(),
                    "columns not traced through " + query.unsupported() + ": may come from anything the model reads");
        }
        if (query.star() != null) {
            List<String> tables = new ArrayList<>();
            query.star().passThrough().forEach(star -> tables.add(star.toString()));
            return new Node(column, Kind.MODEL, query.star().sourcesOf(column.column()),
                    "not a column Veneer can see: it would come from the * over " + String.join(", ", tables)
                            + ", whose columns are not declared (declare them in external_models.yaml to trace it)");
        }
        return new Node(column, Kind.UNKNOWN, Set.of(), "not a column of " + table);
    }

    /**
     * What reads {@code column} one model down: the columns of its table's children computed from it
     * (children by name, each child's columns in its output order), and the children whose rows it decides.
     */
    public record Readers(List<ColumnRef> columns, Set<ModelName> rowsOf) {
        public Readers {
            columns = List.copyOf(new java.util.LinkedHashSet<>(columns));
            rowsOf = java.util.Collections.unmodifiableSet(new TreeSet<>(rowsOf));
        }
    }

    /** The columns of the models reading {@code column}'s table that are computed from it, and the models whose rows it decides. */
    public Readers readers(ColumnRef column) {
        List<ColumnRef> columns = new ArrayList<>();
        Set<ModelName> rows = new TreeSet<>();
        ColumnRef everything = ColumnRef.all(column.table());
        for (ModelName child : lineage.children(column.table())) {
            QueryLineage query = lineage.of(child);
            for (OutputColumn output : query.columns()) {
                if (output.sources().contains(column) || output.sources().contains(everything)) {
                    columns.add(new ColumnRef(child, output.name()));
                }
            }
            if (query.star() != null && (query.star().passThrough().contains(column.table())
                    || query.star().opaque().contains(column) || query.star().opaque().contains(everything))) {
                columns.add(new ColumnRef(child, column.column()));
            }
            if (query.rowSources().contains(column) || query.rowSources().contains(everything)) {
                rows.add(child);
            }
        }
        return new Readers(columns, rows);
    }

    private void downstream(ColumnRef root, List<Node> downstream, List<Node> rowsOf) {
        Set<ColumnRef> seen = new TreeSet<>();
        Deque<ColumnRef> queue = new ArrayDeque<>(List.of(root));
        downstream.add(new Node(root, Kind.MODEL, Set.of(), null));
        seen.add(root);
        Set<ModelName> rowModels = new TreeSet<>();
        while (!queue.isEmpty()) {
            ColumnRef column = queue.poll();
            Readers readers = readers(column);
            for (ColumnRef reader : readers.columns()) {
                add(reader, column, downstream, seen, queue);
            }
            for (ModelName child : readers.rowsOf()) {
                if (rowModels.add(child)) {
                    rowsOf.add(new Node(ColumnRef.all(child), Kind.MODEL, Set.of(column), "its rows depend on " + column));
                }
            }
        }
    }

    private static void add(ColumnRef column, ColumnRef from, List<Node> downstream, Set<ColumnRef> seen, Deque<ColumnRef> queue) {
        if (seen.add(column)) {
            downstream.add(new Node(column, Kind.MODEL, Set.of(from), null));
            queue.add(column);
        }
        else {
            for (int i = 0; i < downstream.size(); i++) {
                Node node = downstream.get(i);
                if (node.column().equals(column) && !node.edges().contains(from)) {
                    Set<ColumnRef> edges = new TreeSet<>(node.edges());
                    edges.add(from);
                    downstream.set(i, new Node(column, node.kind(), edges, node.note()));
                }
            }
        }
    }
}
