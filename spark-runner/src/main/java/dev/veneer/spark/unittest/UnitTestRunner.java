package dev.veneer.spark.unittest;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.project.ExternalModel;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.sql.CteQueries;
import dev.veneer.planner.sql.MacroVariables;
import dev.veneer.planner.sql.QueryRewriter;
import dev.veneer.planner.unittest.ModelTest;
import dev.veneer.planner.unittest.ModelTestReader;
import dev.veneer.planner.unittest.TestRows;
import dev.veneer.spark.sql.SqlIdentifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Runs unit tests of models in one SparkSession, touching no table: each table the model reads is
 * replaced, on the parse tree, by a temporary view over the test's rows, typed from the table's
 * declared columns or, for an upstream model, from its query analyzed over its own parents' types.
 * The model's query (or one CTE) is then compared with the expected rows, in any order, on the
 * columns the test names.
 */
public final class UnitTestRunner {
    /** How a test ended. */
    public enum Status { PASSED, FAILED, ERROR }

    /**
     * @param message empty when passed; the readable difference when failed; the problem (with its place) on error
     */
    public record Result(ModelTest test, Status status, String message, Duration elapsed) {
        public Result {
            requireNonNull(test, "test is null");
            requireNonNull(status, "status is null");
            requireNonNull(message, "message is null");
            requireNonNull(elapsed, "elapsed is null");
        }
    }

    private final SparkSession spark;
    private final Project project;
    private final Map<String, Optional<StructType>> schemas = new HashMap<>();

    /** @param spark a session of its own is made from it, so the test views never meet the caller's */
    public UnitTestRunner(SparkSession spark, Project project) {
        this.spark = requireNonNull(spark, "spark is null").newSession();
        this.project = requireNonNull(project, "project is null");
    }

    public Result run(ModelTest test) {
        long started = System.nanoTime();
        List<String> views = new ArrayList<>();
        try {
            ModelDefinition model = project.model(test.model()).orElseThrow();
            String sql = render(model, test, views);
            List<String> failures = new ArrayList<>();
            if (test.query().isPresent()) {
                compare("outputs.query", spark.sql(sql), test.query().get(), failures);
            }
            for (Map.Entry<String, TestRows> cte : test.ctes().entrySet()) {
                String cteSql = CteQueries.select(sql, cte.getKey()).orElseThrow(() -> invalid(cte.getValue().location(),
                        "model " + model.name() + " has no CTE '" + cte.getKey() + "' in its outermost WITH; its CTEs: "
                                + String.join(", ", CteQueries.names(sql))));
                compare("outputs.ctes." + cte.getKey(), spark.sql(cteSql), cte.getValue(), failures);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return failures.isEmpty() ? new Result(test, Status.PASSED, "", elapsed)
                    : new Result(test, Status.FAILED, String.join("", failures), elapsed);
        }
        catch (VeneerException e) {
            return new Result(test, Status.ERROR, e.describe(), Duration.ofNanos(System.nanoTime() - started));
        }
        catch (RuntimeException e) {
            String first = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().lines().findFirst().orElse("");
            return new Result(test, Status.ERROR, test.location() + ": the model's query failed on the test's rows: " + first,
                    Duration.ofNanos(System.nanoTime() - started));
        }
        finally {
            views.forEach(view -> spark.catalog().dropTempView(view));
        }
    }

    /**
     * The rows {@code model}'s query returns over {@code inputs} (table as the model writes it → rows):
     * what {@code create-test} writes as a test's expected output.
     */
    public Dataset<Row> evaluate(ModelTest test, List<String> views) {
        return spark.sql(render(project.model(test.model()).orElseThrow(), test, views));
    }

    /** The session the runner's views live in. */
    public SparkSession session() {
        return spark;
    }

    /** The model's query with each table it reads replaced by a view over the test's rows, and its macros rendered. */
    private String render(ModelDefinition model, ModelTest test, List<String> views) {
        Map<String, String> viewOf = new LinkedHashMap<>();
        for (Map.Entry<String, TestRows> input : test.inputs().entrySet()) {
            String view = "__veneer_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            inputFrame(input.getKey(), input.getValue()).createOrReplaceTempView(view);
            views.add(view);
            viewOf.put(input.getKey(), SqlIdentifiers.quote(view));
        }
        String template = QueryRewriter.rewriteTemplate(model.query(),
                reference -> Optional.ofNullable(viewOf.get(reference.qualifiedName().toLowerCase(Locale.ROOT)))).render(times(model, test));
        return template;
    }

    private Map<String, String> times(ModelDefinition model, ModelTest test) {
        Instant execution = test.executionTime().orElse(Instant.now());
        Instant end = test.end().orElse(execution);
        Instant start = test.start().orElse(model.start().orElse(Instant.EPOCH));
        if (!start.isBefore(end)) {
            throw invalid(test.location(), "test " + test.name() + ": vars start " + start + " is not before end " + end
                    + "; set vars: {start: ..., end: ...}");
        }
        return MacroVariables.values(new Interval(start, end), execution);
    }

    /** One input as a DataFrame: the test's rows, typed by what is known of the table's columns. */
    private Dataset<Row> inputFrame(String table, TestRows rows) {
        Optional<StructType> known = schemaOf(table);
        List<String> columns;
        Map<String, String> types = new LinkedHashMap<>();
        if (known.isPresent()) {
            columns = new ArrayList<>();
            for (StructField field : known.get().fields()) {
                columns.add(field.name().toLowerCase(Locale.ROOT));
                types.put(field.name().toLowerCase(Locale.ROOT), field.dataType().sql());
            }
            for (String declared : rows.declaredTypes().keySet()) {
                if (!columns.contains(declared)) {
                    throw unknownColumn(table, declared, rows.location(), columns);
                }
            }
            for (TestRows.Row row : rows.rows()) {
                for (String column : row.values().keySet()) {
                    if (!columns.contains(column)) {
                        throw unknownColumn(table, column, row.locations().get(column), columns);
                    }
                }
            }
        }
        else {
            columns = rows.columns();
        }
        types.putAll(rows.declaredTypes());
        if (columns.isEmpty()) {
            throw invalid(rows.location(), "input " + table + " has no rows and its columns are unknown; give a row, or its types"
                    + " under columns: (or declare them in external_models.yaml)");
        }
        return frame(columns, types, rows.rows().stream().map(TestRows.Row::values).toList());
    }

    /** {@code SELECT * FROM VALUES ... AS t(columns)}, each cell cast to its column's type where known. */
    private Dataset<Row> frame(List<String> columns, Map<String, String> types, List<Map<String, Object>> rows) {
        String aliases = columns.stream().map(SqlIdentifiers::quote).collect(Collectors.joining(", "));
        if (rows.isEmpty()) {
            String nulls = columns.stream().map(column -> TestLiterals.of(null, types.getOrDefault(column, "STRING")) + " AS "
                    + SqlIdentifiers.quote(column)).collect(Collectors.joining(", "));
            return spark.sql("SELECT " + nulls + " WHERE false");
        }
        String values = rows.stream()
                .map(row -> columns.stream().map(column -> TestLiterals.of(row.get(column), types.get(column)))
                        .collect(Collectors.joining(", ", "(", ")")))
                .collect(Collectors.joining(",\n"));
        return spark.sql("SELECT * FROM VALUES\n" + values + "\nAS __veneer_rows(" + aliases + ")");
    }

    /** Compares on the columns the expected rows name (all of the actual's when they name none). */
    private void compare(String what, Dataset<Row> actual, TestRows expected, List<String> failures) {
        Map<String, StructField> actualColumns = new LinkedHashMap<>();
        for (StructField field : actual.schema().fields()) {
            actualColumns.putIfAbsent(field.name().toLowerCase(Locale.ROOT), field);
        }
        List<String> columns = expected.columns().isEmpty() ? new ArrayList<>(actualColumns.keySet()) : expected.columns();
        for (String column : columns) {
            if (!actualColumns.containsKey(column)) {
                SourceLocation at = expected.rows().stream().map(row -> row.locations().get(column)).filter(java.util.Objects::nonNull)
                        .findFirst().orElse(expected.location());
                throw invalid(at, what + " names column '" + column + "', which the query does not return; it returns: "
                        + String.join(", ", actualColumns.keySet()));
            }
        }
        String view = "__veneer_actual_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        actual.createOrReplaceTempView(view);
        try {
            List<List<String>> actualRows = strings(spark.sql("SELECT " + columns.stream()
                    .map(column -> normalized(SqlIdentifiers.quote(actualColumns.get(column).name()), actualColumns.get(column).dataType()))
                    .collect(Collectors.joining(", ")) + " FROM " + SqlIdentifiers.quote(view)));
            List<RowDiff.Expected> expectedRows = new ArrayList<>();
            if (!expected.rows().isEmpty()) {
                Map<String, String> types = new LinkedHashMap<>();
                columns.forEach(column -> types.put(column, actualColumns.get(column).dataType().sql()));
                String values = expected.rows().stream()
                        .map(row -> columns.stream().map(column -> normalized(TestLiterals.of(row.values().get(column), types.get(column)),
                                actualColumns.get(column).dataType())).collect(Collectors.joining(", ")))
                        .map(select -> "SELECT " + select)
                        .collect(Collectors.joining("\nUNION ALL\n"));
                List<List<String>> cells = strings(spark.sql(values));
                for (int i = 0; i < cells.size(); i++) {
                    expectedRows.add(new RowDiff.Expected(cells.get(i), expected.rows().get(i).location()));
                }
            }
            String difference = RowDiff.diff(what, columns, expectedRows, actualRows);
            if (!difference.isEmpty()) {
                failures.add(difference);
            }
        }
        finally {
            spark.catalog().dropTempView(view);
        }
    }

    /** A value as the string it is compared as: floating point rounded to 9 decimals, so 0.1 + 0.2 equals 0.3. */
    private static String normalized(String expression, DataType type) {
        if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
            return "CAST(round(" + expression + ", 9) AS STRING)";
        }
        return "CAST(" + expression + " AS STRING)";
    }

    private static List<List<String>> strings(Dataset<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                cells.add(row.isNullAt(i) ? null : row.getString(i));
            }
            out.add(cells);
        }
        return out;
    }

    /**
     * The columns and types of a table a model reads: declared (external_models.yaml, a model's
     * {@code columns}), or for a model, its query analyzed over its parents' types; empty when unknown.
     */
    Optional<StructType> schemaOf(String table) {
        Optional<StructType> cached = schemas.get(table);
        if (cached != null) {
            return cached;
        }
        Optional<StructType> schema = Optional.empty();
        if (ModelName.isValid(table)) {
            ModelName name = ModelName.parse(table);
            ExternalModel external = project.externals().get(name);
            ModelDefinition model = project.models().get(name);
            if (external != null && !external.columns().isEmpty()) {
                schema = Optional.of(StructType.fromDDL(external.columns().entrySet().stream()
                        .map(column -> SqlIdentifiers.quote(column.getKey()) + " " + column.getValue()).collect(Collectors.joining(", "))));
            }
            else if (model != null && !model.columns().isEmpty()) {
                schema = Optional.of(StructType.fromDDL(model.columns().stream()
                        .map(column -> SqlIdentifiers.quote(column.name()) + " " + column.type()).collect(Collectors.joining(", "))));
            }
            else if (model != null) {
                schema = inferred(model);
            }
        }
        schemas.put(table, schema);
        return schema;
    }

    /** The model's query analyzed (not run) over empty views typed like its parents. */
    private Optional<StructType> inferred(ModelDefinition model) {
        List<String> views = new ArrayList<>();
        try {
            Map<String, String> viewOf = new LinkedHashMap<>();
            for (String parent : ModelTestReader.reads(model)) {
                Optional<StructType> parentSchema = schemaOf(parent);
                if (parentSchema.isEmpty()) {
                    return Optional.empty();
                }
                String view = "__veneer_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                spark.createDataFrame(List.<Row>of(), parentSchema.get()).createOrReplaceTempView(view);
                views.add(view);
                viewOf.put(parent, SqlIdentifiers.quote(view));
            }
            String sql = QueryRewriter.rewriteTemplate(model.query(),
                    reference -> Optional.ofNullable(viewOf.get(reference.qualifiedName().toLowerCase(Locale.ROOT))))
                    .render(MacroVariables.values(new Interval(Instant.EPOCH, Instant.EPOCH.plusSeconds(86_400)), Instant.EPOCH));
            return Optional.of(spark.sql(sql).schema());
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
        finally {
            views.forEach(view -> spark.catalog().dropTempView(view));
        }
    }

    private static VeneerException unknownColumn(String table, String column, SourceLocation at, List<String> columns) {
        return invalid(at, "input " + table + " has no column '" + column + "'; its columns: " + String.join(", ", columns));
    }

    private static VeneerException invalid(SourceLocation location, String message) {
        return new VeneerException(ErrorCode.TEST_INVALID, location, message, null);
    }
}
