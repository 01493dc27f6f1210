package dev.veneer.spark.docs;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.lineage.ColumnRef;
import dev.veneer.planner.lineage.ColumnTrace;
import dev.veneer.planner.lineage.ColumnTrace.Node;
import dev.veneer.planner.lineage.ColumnTrace.Readers;
import dev.veneer.planner.lineage.OutputColumn;
import dev.veneer.planner.lineage.ProjectLineage;
import dev.veneer.planner.lineage.QueryLineage;
import dev.veneer.spark.docs.DocsModel.ColumnDoc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Column lineage for the site, one model at a time and only when asked (a model's lineage needs its
 * ancestors', its readers its children's): each column of a model with what it is computed from and
 * what reads it one model down, the same steps {@code veneer lineage} walks. A page's script follows
 * these steps across models, loading one model's data at a time, so no page needs the whole project's
 * lineage. Synchronized: a served site answers several requests at once.
 */
public final class ColumnLineage {
    /** A site without column lineage (pages that only need the models). */
    public static final ColumnLineage NONE = new ColumnLineage(null, Map.of());

    /**
     * One column of a model as the lineage graph needs it.
     *
     * @param output whether the model outputs it; other columns are names its readers use that only a
     *     {@code *} over a table of unknown columns could provide
     * @param sources the columns it is computed from (a {@code schema.table.*} source: every column of that table)
     * @param note what is unknown about it, as {@code veneer lineage} says it; null when nothing is
     * @param readers the columns of the models one level down computed from it
     * @param rowsOf the models one level down whose rows it decides (filters, joins, grouping)
     */
    public record LineageColumn(String name, Optional<String> type, boolean output, List<ColumnRef> sources, String note,
            List<ColumnRef> readers, Set<ModelName> rowsOf) {
        public LineageColumn {
            requireNonNull(name, "name is null");
            sources = List.copyOf(sources);
            readers = List.copyOf(readers);
            rowsOf = Collections.unmodifiableSet(new TreeSet<>(rowsOf));
        }
    }

    /**
     * A column the model reads that has no lineage of its own: of an external table, of a table that is
     * unknown, or every column of a table ({@code *}).
     *
     * @param kind {@code external}, {@code model} (for {@code schema.table.*}) or {@code unknown}
     */
    public record Leaf(ColumnRef column, String kind, Optional<String> type, String note) {}

    /**
     * The lineage of one model's columns.
     *
     * @param rows the columns that decide which rows the model has
     * @param star what a {@code *} adds that cannot be listed, said as {@code veneer lineage} says it
     * @param unsupported the construct the model's query uses that lineage does not analyze
     */
    public record ModelLineage(ModelName model, List<LineageColumn> columns, Set<ColumnRef> rows, List<Leaf> leaves,
            Optional<String> star, Optional<String> unsupported) {
        public ModelLineage {
            columns = List.copyOf(columns);
            rows = Collections.unmodifiableSet(new TreeSet<>(rows));
            leaves = List.copyOf(leaves);
        }
    }

    /**
     * The columns a model page lists: what the model outputs with the type where it is known.
     *
     * @param traced the names the lineage page can draw
     */
    public record ModelColumns(List<ColumnDoc> columns, Set<String> traced, List<String> guessed, Optional<String> star,
            Optional<String> unsupported) {
        public ModelColumns {
            columns = List.copyOf(columns);
            traced = Set.copyOf(traced);
            guessed = List.copyOf(guessed);
        }
    }

    private final ProjectLineage lineage;
    private final ColumnTrace trace;
    /** Declared types: a model header's columns, external_models.yaml's. */
    private final Map<ModelName, Map<String, String>> types;
    private final Map<ModelName, Set<String>> names = new HashMap<>();
    private final Map<ModelName, Map<ModelName, Set<String>>> read = new HashMap<>();

    ColumnLineage(ProjectLineage lineage, Map<ModelName, Map<String, String>> types) {
        this.lineage = lineage;
        this.trace = lineage == null ? null : new ColumnTrace(lineage);
        Map<ModelName, Map<String, String>> folded = new TreeMap<>();
        types.forEach((table, columns) -> {
            Map<String, String> byName = new HashMap<>();
            columns.forEach((name, type) -> {
                if (type != null) {
                    byName.putIfAbsent(name.toLowerCase(Locale.ROOT), type);
                }
            });
            folded.put(table, byName);
        });
        this.types = folded;
    }

    /** Analyzes every model at once, on every core: for writing the whole site, where each model's lineage is needed. */
    public synchronized void analyzeAll() {
        if (lineage != null) {
            lineage.analyzeAll(Runtime.getRuntime().availableProcessors());
        }
    }

    /** The columns a model page lists: declared ones as the header declares them, then the other columns its query outputs. */
    public synchronized ModelColumns columns(ModelName model, List<ColumnDoc> declared) {
        if (lineage == null || !lineage.isModel(model)) {
            return new ModelColumns(declared, Set.of(), List.of(), Optional.empty(), Optional.empty());
        }
        QueryLineage query = lineage.of(model);
        Set<String> traced = new LinkedHashSet<>(names(model));
        List<ColumnDoc> columns = new ArrayList<>();
        List<String> guessed = new ArrayList<>();
        // declared columns as declared, then what the query outputs besides them
        Set<String> seen = new LinkedHashSet<>();
        for (ColumnDoc column : declared) {
            columns.add(column);
            seen.add(column.name().toLowerCase(Locale.ROOT));
        }
        for (OutputColumn column : query.columns()) {
            if (seen.add(column.name())) {
                columns.add(new ColumnDoc(column.name(), type(model, column.name())));
                if (column.guessedName()) {
                    guessed.add(column.name());
                }
            }
        }
        return new ModelColumns(columns, traced, guessed, star(model, query), query.unsupportedReason());
    }

    /** The data of a model's lineage file. */
    public synchronized ModelLineage model(ModelName model) {
        requireNonNull(lineage, "no lineage");
        QueryLineage query = lineage.of(model);
        List<LineageColumn> columns = new ArrayList<>();
        Set<ColumnRef> leaves = new TreeSet<>();
        Set<String> outputs = new java.util.HashSet<>();
        query.columns().forEach(column -> outputs.add(column.name()));
        for (String name : names(model)) {
            ColumnRef column = new ColumnRef(model, name);
            Node node = trace.node(column);
            Readers readers = trace.readers(column);
            columns.add(new LineageColumn(name, type(model, name), outputs.contains(name), List.copyOf(node.edges()), node.note(),
                    readers.columns(), readers.rowsOf()));
            node.edges().stream().filter(this::isLeaf).forEach(leaves::add);
        }
        query.rowSources().stream().filter(this::isLeaf).forEach(leaves::add);
        List<Leaf> leafNodes = new ArrayList<>();
        for (ColumnRef column : leaves) {
            Node node = trace.node(column);
            String kind = node.kind().name().toLowerCase(Locale.ROOT);
            leafNodes.add(new Leaf(column, kind, column.isAll() ? Optional.empty() : declaredType(column.table(), column.column()), node.note()));
        }
        return new ModelLineage(model, columns, query.rowSources(), leafNodes, star(model, query), query.unsupportedReason());
    }

    private boolean isLeaf(ColumnRef column) {
        return column.isAll() || !lineage.isModel(column.table());
    }

    /**
     * The column names a model's lineage file describes: its outputs, the names its readers use, and
     * the names a {@code *} over it passes on. Memoized; a model's names need those of the tables its
     * own {@code *} passes on.
     */
    private Set<String> names(ModelName model) {
        Set<String> known = names.get(model);
        if (known != null) {
            return known;
        }
        QueryLineage query = lineage.of(model);
        Set<String> result = new LinkedHashSet<>();
        query.columns().forEach(column -> result.add(column.name()));
        for (ModelName child : lineage.children(model)) {
            result.addAll(columnsRead(child).getOrDefault(model, Set.of()));
        }
        names.put(model, result);
        if (query.star() != null) {
            for (ModelName table : query.star().passThrough()) {
                if (lineage.isModel(table)) {
                    result.addAll(names(table));
                }
            }
            for (ColumnRef source : query.star().opaque()) {
                if (!lineage.isModel(source.table())) {
                    continue;
                }
                if (source.isAll()) {
                    result.addAll(names(source.table()));
                }
                else {
                    result.add(source.column());
                }
            }
        }
        return result;
    }

    /** The columns a model reads, by table ({@code *} left out), memoized: each of its parents asks. */
    private Map<ModelName, Set<String>> columnsRead(ModelName model) {
        return read.computeIfAbsent(model, key -> {
            Map<ModelName, Set<String>> byTable = new HashMap<>();
            for (ColumnRef source : lineage.of(key).allSources()) {
                if (!source.isAll()) {
                    byTable.computeIfAbsent(source.table(), table -> new LinkedHashSet<>()).add(source.column());
                }
            }
            return byTable;
        });
    }

    private Optional<String> star(ModelName model, QueryLineage query) {
        if (query.star() == null || query.unsupported() != null || query.star().passThrough().isEmpty()) {
            return Optional.empty();
        }
        List<String> tables = query.star().passThrough().stream().map(ModelName::toString).toList();
        return Optional.of("more columns that cannot be listed: a * over " + String.join(", ", tables)
                + ", whose columns are not declared in external_models.yaml");
    }

    /** A model column's type: declared in its header, or {@code empty}. */
    private Optional<String> type(ModelName model, String column) {
        return declaredType(model, column);
    }

    private Optional<String> declaredType(ModelName table, String column) {
        return Optional.ofNullable(types.getOrDefault(table, Map.of()).get(column));
    }
}
