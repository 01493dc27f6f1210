package dev.veneer.spark.diff;

import static java.util.Objects.requireNonNull;

import dev.veneer.spark.sql.SqlIdentifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Compares the data of two tables in Spark: schemas, row counts, keys on one side only, and for rows
 * whose keys match, how many values differ per column, with samples. Rows are matched by one full
 * outer join on the keys, null-safe ({@code <=>}); keys that repeat on a side are counted and left out
 * of the join rather than multiplying rows.
 */
public final class TableDiff {
    private static final String IN_A = "__veneer_in_a";
    private static final String IN_B = "__veneer_in_b";
    private static final String STATUS = "__veneer_status";

    private final SparkSession spark;

    public TableDiff(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /** What to compare. {@code where} filters both sides (Spark SQL over their columns); {@code limit} caps each sample. */
    public record Request(String tableA, String tableB, List<String> keys, Optional<String> where, int limit) {
        public Request {
            requireNonNull(tableA, "tableA is null");
            requireNonNull(tableB, "tableB is null");
            keys = keys.stream().map(key -> key.toLowerCase(Locale.ROOT)).toList();
            requireNonNull(where, "where is null");
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative: " + limit);
            }
        }
    }

    public record Column(String name, String type) {}

    public record Retyped(String name, String typeA, String typeB) {}

    /** Keys that appear more than once on one side: how many such keys, and the rows that hold them. */
    public record Duplicates(long keys, long rows, List<Row> sample) {}

    public record ColumnStats(String column, long differing, double share) {}

    public record Result(List<Column> added, List<Column> removed, List<Retyped> retyped, long rowsA, long rowsB,
            Duplicates duplicatesA, Duplicates duplicatesB, long joined, long onlyA, long onlyB, List<ColumnStats> columns,
            List<String> sampleColumns, List<Row> sampleOnlyA, List<Row> sampleOnlyB, List<Row> sampleDiffering) {
        public boolean identical() {
            return added.isEmpty() && removed.isEmpty() && retyped.isEmpty() && onlyA == 0 && onlyB == 0
                    && duplicatesA.keys() == 0 && duplicatesB.keys() == 0
                    && columns.stream().allMatch(column -> column.differing() == 0);
        }
    }

    public Result compare(Request request) {
        Map<String, StructField> a = fields(request.tableA());
        Map<String, StructField> b = fields(request.tableB());
        for (String key : request.keys()) {
            if (!a.containsKey(key) || !b.containsKey(key)) {
                throw DiffErrors.missingKey(key, !a.containsKey(key) ? request.tableA() : request.tableB(),
                        (!a.containsKey(key) ? a : b).keySet());
            }
        }
        List<Column> added = new ArrayList<>();
        List<Column> removed = new ArrayList<>();
        List<Retyped> retyped = new ArrayList<>();
        List<String> common = new ArrayList<>();
        a.forEach((name, field) -> {
            StructField other = b.get(name);
            if (other == null) {
                removed.add(new Column(name, field.dataType().simpleString()));
            }
            else {
                if (!other.dataType().equals(field.dataType())) {
                    retyped.add(new Retyped(name, field.dataType().simpleString(), other.dataType().simpleString()));
                }
                if (!request.keys().contains(name)) {
                    common.add(name);
                }
            }
        });
        b.forEach((name, field) -> {
            if (!a.containsKey(name)) {
                added.add(new Column(name, field.dataType().simpleString()));
            }
        });
        List<String> retypedNames = retyped.stream().map(Retyped::name).toList();

        String filter = request.where().map(where -> " WHERE " + where).orElse("");
        String keyList = String.join(", ", request.keys().stream().map(SqlIdentifiers::quote).toList());
        String on = String.join(" AND ", request.keys().stream()
                .map(key -> "a." + SqlIdentifiers.quote(key) + " <=> b." + SqlIdentifiers.quote(key)).toList());
        List<String> differs = new ArrayList<>();
        for (String column : common) {
            String quoted = SqlIdentifiers.quote(column);
            differs.add(retypedNames.contains(column)
                    ? "NOT (CAST(a." + quoted + " AS STRING) <=> CAST(b." + quoted + " AS STRING))"
                    : "NOT (a." + quoted + " <=> b." + quoted + ")");
        }
        StringBuilder select = new StringBuilder("SELECT ");
        for (String key : request.keys()) {
            select.append("coalesce(a.").append(SqlIdentifiers.quote(key)).append(", b.").append(SqlIdentifiers.quote(key))
                    .append(") AS ").append(SqlIdentifiers.quote(key)).append(", ");
        }
        for (int i = 0; i < common.size(); i++) {
            String quoted = SqlIdentifiers.quote(common.get(i));
            select.append("a.").append(quoted).append(" AS ").append(SqlIdentifiers.quote(common.get(i) + "__a")).append(", ")
                    .append("b.").append(quoted).append(" AS ").append(SqlIdentifiers.quote(common.get(i) + "__b")).append(", ")
                    .append(differs.get(i)).append(" AS ").append(SqlIdentifiers.quote("__veneer_d" + i)).append(", ");
        }
        // Rows whose key repeats on their side join nothing: they are counted as duplicates instead.
        select.append("a.__veneer_dup AS __veneer_dup_a, b.__veneer_dup AS __veneer_dup_b, CASE")
                .append(" WHEN a.__veneer_dup > 1 THEN 'dup_a' WHEN b.__veneer_dup > 1 THEN 'dup_b'")
                .append(" WHEN b.").append(IN_B).append(" IS NULL THEN 'only_a' WHEN a.").append(IN_A)
                .append(" IS NULL THEN 'only_b' ELSE 'joined' END AS ").append(STATUS)
                .append("\nFROM (").append(side(request.tableA(), filter, keyList, IN_A)).append(") a")
                .append("\nFULL OUTER JOIN (").append(side(request.tableB(), filter, keyList, IN_B)).append(") b ON ").append(on)
                .append(" AND a.__veneer_dup = 1 AND b.__veneer_dup = 1");
        // A temporary view of this session for the two passes below, dropped at once: nothing stays behind.
        String view = "__veneer_diff_" + java.util.UUID.randomUUID().toString().replace("-", "");
        spark.sql(select.toString()).createOrReplaceTempView(view);
        try {
            return compare(request, view, keyList, common, added, removed, retyped);
        }
        finally {
            spark.catalog().dropTempView(view);
        }
    }

    private Result compare(Request request, String view, String keyList, List<String> common, List<Column> added, List<Column> removed,
            List<Retyped> retyped) {

        // One pass over the join: every count at once (a key repeated n times adds n times 1/n).
        StringBuilder counts = new StringBuilder("SELECT");
        for (String status : List.of("joined", "only_a", "only_b", "dup_a", "dup_b")) {
            counts.append(" count_if(").append(STATUS).append(" = '").append(status).append("'),");
        }
        counts.append(" CAST(round(coalesce(sum(CASE WHEN ").append(STATUS).append(" = 'dup_a' THEN 1.0 / __veneer_dup_a END), 0)) AS BIGINT),")
                .append(" CAST(round(coalesce(sum(CASE WHEN ").append(STATUS).append(" = 'dup_b' THEN 1.0 / __veneer_dup_b END), 0)) AS BIGINT)");
        for (int i = 0; i < common.size(); i++) {
            counts.append(", count_if(").append(STATUS).append(" = 'joined' AND __veneer_d").append(i).append(")");
        }
        counts.append(" FROM ").append(view);
        Row totals = spark.sql(counts.toString()).first();
        long joinedRows = totals.getLong(0);
        long onlyACount = totals.getLong(1);
        long onlyBCount = totals.getLong(2);
        long dupRowsA = totals.getLong(3);
        long dupRowsB = totals.getLong(4);
        List<ColumnStats> stats = new ArrayList<>();
        boolean anyDiffering = false;
        for (int i = 0; i < common.size(); i++) {
            long differing = totals.getLong(7 + i);
            anyDiffering |= differing > 0;
            stats.add(new ColumnStats(common.get(i), differing, joinedRows == 0 ? 0 : (double) differing / joinedRows));
        }

        List<String> sampleColumns = new ArrayList<>(request.keys());
        common.forEach(column -> {
            sampleColumns.add(column + "__a");
            sampleColumns.add(column + "__b");
        });
        List<Row> samples = List.of();
        if (request.limit() > 0 && (onlyACount > 0 || onlyBCount > 0 || anyDiffering || dupRowsA > 0 || dupRowsB > 0)) {
            // One more pass, over the rows that differ only: up to `limit` of each kind, smallest keys first.
            StringBuilder anyDiff = new StringBuilder("false");
            for (int i = 0; i < common.size(); i++) {
                anyDiff.append(" OR __veneer_d").append(i);
            }
            samples = spark.sql("SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY " + STATUS + " ORDER BY "
                    + keyList + ") AS __veneer_n FROM " + view + " WHERE " + STATUS + " <> 'joined' OR " + anyDiff
                    + ") WHERE __veneer_n <= " + request.limit() + " ORDER BY " + STATUS + ", " + keyList).collectAsList();
        }
        return new Result(added, removed, retyped, joinedRows + onlyACount + dupRowsA, joinedRows + onlyBCount + dupRowsB,
                new Duplicates(totals.getLong(5), dupRowsA, status(samples, "dup_a")),
                new Duplicates(totals.getLong(6), dupRowsB, status(samples, "dup_b")),
                joinedRows, onlyACount, onlyBCount, stats, sampleColumns,
                status(samples, "only_a"), status(samples, "only_b"), status(samples, "joined"));
    }

    private static List<Row> status(List<Row> samples, String status) {
        return samples.stream().filter(row -> status.equals(row.getAs(STATUS))).toList();
    }

    /** A side of the comparison, with a count of its rows' key, so repeated keys can be set aside. */
    private static String side(String table, String filter, String keyList, String marker) {
        return "SELECT *, 1 AS " + marker + ", count(*) OVER (PARTITION BY " + keyList + ") AS __veneer_dup FROM "
                + SqlIdentifiers.quoteQualified(table) + filter;
    }

    private Map<String, StructField> fields(String table) {
        Map<String, StructField> fields = new LinkedHashMap<>();
        for (StructField field : spark.table(SqlIdentifiers.quoteQualified(table)).schema().fields()) {
            fields.put(field.name().toLowerCase(Locale.ROOT), field);
        }
        return fields;
    }
}
