package dev.veneer.planner.unittest;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.ProjectErrors;
import dev.veneer.planner.project.TimeLiterals;
import dev.veneer.planner.sql.TableReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the unit tests of {@code tests/**}{@code /*.yaml} (and {@code .yml}) and checks each against the
 * project: its model exists, and it gives rows for every table the model reads and for nothing else.
 * Every problem names its file, line and column; all are reported at once.
 *
 * <pre>
 * test_customer_revenue:
 *   model: marts.customer_revenue
 *   inputs:
 *     staging.orders:
 *       rows:
 *         - {order_id: 1, customer_id: 1, amount: 50.0}
 *   outputs:
 *     query:
 *       rows:
 *         - {customer_id: 1, revenue: 50.0}
 *   vars: {start: 2024-01-01, end: 2024-01-31, execution_time: 2024-02-01}
 * </pre>
 */
public final class ModelTestReader {
    public static final String FOLDER = "tests";
    static final List<String> TEST_KEYS = List.of("model", "description", "inputs", "outputs", "vars");
    static final List<String> ROWS_KEYS = List.of("rows", "columns", "partial");
    static final List<String> VARS = List.of("start", "end", "execution_time");

    private ModelTestReader() {}

    /** Every test of the project, in file then file order; none when there is no {@code tests/} folder. */
    public static List<ModelTest> read(Project project) {
        List<ModelTest> tests = new ArrayList<>();
        List<VeneerException> problems = new ArrayList<>();
        Map<String, ModelTest> byName = new LinkedHashMap<>();
        for (Path file : files(project.directory())) {
            String relative = project.directory().relativize(file).toString().replace('\\', '/');
            try {
                for (ModelTest test : parse(relative, readUtf8(file), project)) {
                    ModelTest earlier = byName.putIfAbsent(test.name(), test);
                    if (earlier != null) {
                        problems.add(new VeneerException(ErrorCode.TEST_INVALID, test.location(), "test " + test.name()
                                + " is defined twice (first at " + earlier.location() + "); rename one of them", null));
                    }
                    tests.add(test);
                }
            }
            catch (ProjectErrors e) {
                problems.addAll(e.problems());
            }
            catch (VeneerException e) {
                problems.add(e);
            }
            catch (IOException e) {
                problems.add(new VeneerException(ErrorCode.TEST_INVALID, new SourceLocation(relative, 1, 1),
                        "cannot read file: " + e.getMessage(), e));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProjectErrors(problems);
        }
        return tests;
    }

    /** The tests of one file, checked against {@code project}. */
    public static List<ModelTest> parse(String path, String content, Project project) {
        YamlNode root = YamlReader.read(path, content);
        if (root == null) {
            return List.of();
        }
        YamlNode.Mapping tests = mapping(root, "a test file: test names, each with model, inputs and outputs");
        List<ModelTest> parsed = new ArrayList<>();
        List<VeneerException> problems = new ArrayList<>();
        for (YamlNode.Entry entry : tests.entries().values()) {
            try {
                parsed.add(test(path, entry, project));
            }
            catch (VeneerException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new ProjectErrors(problems);
        }
        return parsed;
    }

    private static ModelTest test(String path, YamlNode.Entry entry, Project project) {
        String name = entry.key();
        YamlNode.Mapping body = mapping(entry.value(), "test " + name + ": a mapping with model, inputs and outputs");
        checkKeys(body, TEST_KEYS, "test " + name);
        YamlNode.Entry modelEntry = body.entries().get("model");
        if (modelEntry == null) {
            throw invalid(entry.keyLocation(), "test " + name + " has no model; add 'model: schema.table'");
        }
        String modelText = text(modelEntry.value(), "model").toLowerCase(Locale.ROOT);
        if (!ModelName.isValid(modelText) || project.model(ModelName.parse(modelText)).isEmpty()) {
            throw invalid(modelEntry.value().location(), "test " + name + ": unknown model '" + modelText + "'; the project's models: "
                    + String.join(", ", project.models().keySet().stream().map(ModelName::toString).toList()));
        }
        ModelDefinition model = project.model(ModelName.parse(modelText)).orElseThrow();
        Optional<String> description = Optional.ofNullable(body.entries().get("description")).map(d -> text(d.value(), "description"));

        Map<String, TestRows> inputs = new LinkedHashMap<>();
        YamlNode.Entry inputsEntry = body.entries().get("inputs");
        if (inputsEntry != null && !(inputsEntry.value() instanceof YamlNode.Scalar scalar && scalar.value() == null)) {
            for (YamlNode.Entry input : mapping(inputsEntry.value(), "inputs: each table the model reads, with its rows").entries().values()) {
                inputs.put(input.key().toLowerCase(Locale.ROOT), rows(input.value(), "input " + input.key()));
            }
        }
        Set<String> reads = reads(model);
        for (String input : inputs.keySet()) {
            if (!reads.contains(input)) {
                throw invalid(inputsEntry.value() instanceof YamlNode.Mapping mapping ? mapping.entries().values().stream()
                        .filter(e -> e.key().equalsIgnoreCase(input)).findFirst().orElseThrow().keyLocation() : inputsEntry.keyLocation(),
                        "test " + name + ": input " + input + " is not a table " + model.name() + " reads; it reads: " + String.join(", ", reads));
            }
        }
        for (String table : reads) {
            if (!inputs.containsKey(table)) {
                throw invalid(inputsEntry != null ? inputsEntry.keyLocation() : entry.keyLocation(), "test " + name + ": model "
                        + model.name() + " reads " + table + " but the test gives no input for it; add it under inputs:\n  " + table
                        + ":\n    rows:\n      - {column: value}");
            }
        }

        Optional<TestRows> query = Optional.empty();
        Map<String, TestRows> ctes = new LinkedHashMap<>();
        YamlNode.Entry outputs = body.entries().get("outputs");
        if (outputs == null) {
            throw invalid(entry.keyLocation(), "test " + name + " has no outputs; add outputs: query: rows: [...] (or ctes:)");
        }
        YamlNode.Mapping outputsMap = mapping(outputs.value(), "outputs: query and/or ctes");
        checkKeys(outputsMap, List.of("query", "ctes"), "outputs of test " + name);
        if (outputsMap.entries().containsKey("query")) {
            query = Optional.of(rows(outputsMap.entries().get("query").value(), "outputs.query"));
        }
        if (outputsMap.entries().containsKey("ctes")) {
            for (YamlNode.Entry cte : mapping(outputsMap.entries().get("ctes").value(), "ctes: CTE name → rows").entries().values()) {
                ctes.put(cte.key().toLowerCase(Locale.ROOT), rows(cte.value(), "outputs.ctes." + cte.key()));
            }
        }
        if (query.isEmpty() && ctes.isEmpty()) {
            throw invalid(outputs.keyLocation(), "test " + name + ": outputs checks nothing; add query: rows: [...] or ctes:");
        }

        Optional<Instant> start = Optional.empty();
        Optional<Instant> end = Optional.empty();
        Optional<Instant> executionTime = Optional.empty();
        YamlNode.Entry vars = body.entries().get("vars");
        if (vars != null) {
            YamlNode.Mapping varsMap = mapping(vars.value(), "vars: start, end, execution_time");
            checkKeys(varsMap, VARS, "vars of test " + name);
            start = Optional.ofNullable(varsMap.entries().get("start")).map(var -> time(var.value(), "start"));
            end = Optional.ofNullable(varsMap.entries().get("end")).map(var -> exclusiveEnd(var.value()));
            executionTime = Optional.ofNullable(varsMap.entries().get("execution_time")).map(var -> time(var.value(), "execution_time"));
        }
        return new ModelTest(name, path, entry.keyLocation(), model.name(), modelEntry.value().location(), description, inputs, query,
                ctes, start, end, executionTime);
    }

    /** The tables a model's query reads, as written (lower-cased): models and external tables alike. */
    public static Set<String> reads(ModelDefinition model) {
        Set<String> reads = new LinkedHashSet<>();
        for (TableReference reference : model.query().references()) {
            reads.add(reference.qualifiedName().toLowerCase(Locale.ROOT));
        }
        return reads;
    }

    /** {@code - {a: 1}} rows, or {@code {rows: [...], columns: {a: int}}}. */
    private static TestRows rows(YamlNode node, String what) {
        YamlNode rowsNode = node;
        Map<String, String> types = new LinkedHashMap<>();
        if (node instanceof YamlNode.Mapping mapping) {
            checkKeys(mapping, ROWS_KEYS, what);
            YamlNode.Entry rows = mapping.entries().get("rows");
            rowsNode = rows == null ? new YamlNode.Sequence(List.of(), mapping.location()) : rows.value();
            YamlNode.Entry columns = mapping.entries().get("columns");
            if (columns != null) {
                for (YamlNode.Entry column : mapping(columns.value(), what + " columns: column → Spark SQL type").entries().values()) {
                    types.put(column.key().toLowerCase(Locale.ROOT), text(column.value(), "the type of column " + column.key()));
                }
            }
        }
        if (rowsNode instanceof YamlNode.Scalar scalar && scalar.value() == null) {
            rowsNode = new YamlNode.Sequence(List.of(), scalar.location());
        }
        if (!(rowsNode instanceof YamlNode.Sequence sequence)) {
            throw invalid(rowsNode.location(), what + " expects a list of rows such as '- {id: 1, name: a}', found " + rowsNode.describe());
        }
        List<TestRows.Row> rows = new ArrayList<>();
        for (YamlNode item : sequence.items()) {
            YamlNode.Mapping row = mapping(item, "a row of " + what + ": column: value pairs");
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, SourceLocation> locations = new LinkedHashMap<>();
            for (YamlNode.Entry cell : row.entries().values()) {
                String column = cell.key().toLowerCase(Locale.ROOT);
                if (values.containsKey(column)) {
                    throw invalid(cell.keyLocation(), "column '" + cell.key() + "' is given twice in this row (names are case-insensitive)");
                }
                values.put(column, plain(cell.value()));
                locations.put(column, cell.keyLocation());
            }
            rows.add(new TestRows.Row(values, locations, row.location()));
        }
        return new TestRows(rows, types, node.location());
    }

    /** A value as plain Java: scalars as they are, lists and mappings as List and Map. */
    private static Object plain(YamlNode node) {
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar.value();
        }
        if (node instanceof YamlNode.Sequence sequence) {
            return sequence.items().stream().map(ModelTestReader::plain).toList();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        ((YamlNode.Mapping) node).entries().values().forEach(entry -> map.put(entry.key(), plain(entry.value())));
        return map;
    }

    private static Instant time(YamlNode node, String key) {
        String written = node instanceof YamlNode.Scalar scalar && scalar.value() != null ? scalar.value().toString() : "";
        return TimeLiterals.parse(written).orElseThrow(() -> invalid(node.location(), "vars." + key
                + " expects a date such as 2024-01-01 or a UTC time such as '2024-01-01 06:00:00', found " + node.describe()));
    }

    /** A date alone is the whole day, as in SQLMesh: {@code end: 2024-01-31} includes the 31st. */
    private static Instant exclusiveEnd(YamlNode node) {
        Instant end = time(node, "end");
        String written = ((YamlNode.Scalar) node).value().toString().trim();
        return written.length() == 10 ? end.plus(Duration.ofDays(1)) : end;
    }

    private static String text(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar scalar && scalar.value() != null && !(scalar.value() instanceof Boolean)) {
            return scalar.value().toString();
        }
        throw invalid(node.location(), what + " expects a value, found " + node.describe());
    }

    private static YamlNode.Mapping mapping(YamlNode node, String expected) {
        if (node instanceof YamlNode.Mapping mapping) {
            return mapping;
        }
        throw invalid(node.location(), "expected " + expected + ", found " + node.describe());
    }

    private static void checkKeys(YamlNode.Mapping mapping, List<String> valid, String what) {
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!valid.contains(entry.key())) {
                throw invalid(entry.keyLocation(), "unknown key '" + entry.key() + "' in " + what + "; valid keys: " + String.join(", ", valid));
            }
        }
    }

    static VeneerException invalid(SourceLocation location, String message) {
        return new VeneerException(ErrorCode.TEST_INVALID, location, message, null);
    }

    private static String readUtf8(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    }

    private static List<Path> files(Path projectDir) {
        Path folder = projectDir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(path -> Files.isRegularFile(path)
                            && (path.getFileName().toString().endsWith(".yaml") || path.getFileName().toString().endsWith(".yml")))
                    .sorted().toList();
        }
        catch (IOException e) {
            throw new VeneerException(ErrorCode.PROJECT_INVALID, "cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
