package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.PhysicalNames;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.planner.plan.SqlNames;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.TimeLiterals;
import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.QueryRewriter;
import dev.veneer.planner.unittest.ModelTest;
import dev.veneer.planner.unittest.ModelTestReader;
import dev.veneer.planner.unittest.TestRows;
import dev.veneer.spark.unittest.UnitTestRunner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Writes a unit test from real data, as SQLMesh's {@code create_test}: each {@code --query UPSTREAM SQL}
 * runs in an environment (model names resolved to its views) and its rows become the input of that
 * upstream table; the model's query over those rows gives the expected output.
 */
@Command(name = "create-test", sortOptions = false,
        description = "Write tests/<name>.yaml for MODEL from real rows of its upstream tables (--query UPSTREAM \"SELECT ... LIMIT 5\").")
final class CreateTestCommand implements Callable<Integer> {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @ParentCommand
    VeneerCli root;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model to test.")
    String model;

    @Option(names = "--query", arity = "2", paramLabel = "UPSTREAM SQL", required = true,
            description = "An upstream table and the SQL whose rows are its input, e.g. --query staging.orders \"SELECT * FROM staging.orders LIMIT 5\". Repeat per table.")
    List<String> queries = new ArrayList<>();

    @Option(names = "--env", paramLabel = "ENV", defaultValue = EnvironmentName.PROD, description = "Environment to read from (default: prod).")
    String environment;

    @Option(names = "--name", paramLabel = "NAME", description = "Test name (default: test_<model table>); the file is tests/<NAME>.yaml.")
    String name;

    @Option(names = "--var", arity = "2", paramLabel = "NAME VALUE", description = "start, end or execution_time of the test, e.g. --var start 2024-01-01.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--overwrite", description = "Replace the test file if it exists.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        try (CommandContext context = new CommandContext(root.project)) {
            Project project = context.compiled().project();
            ModelName modelName = ModelName.isValid(model) ? ModelName.parse(model) : null;
            ModelDefinition definition = modelName == null ? null : project.model(modelName).orElse(null);
            if (definition == null) {
                throw new VeneerException(ErrorCode.MODEL_NOT_FOUND, "unknown model '" + model + "'; see 'veneer dag'");
            }
            String testName = name != null ? name : "test_" + definition.name().table();
            Path file = project.directory().resolve(ModelTestReader.FOLDER).resolve(testName + ".yaml");
            if (Files.exists(file) && !overwrite) {
                throw new VeneerException(ErrorCode.TEST_INVALID, file + " exists; pass --overwrite to replace it, or --name for another test");
            }
            Map<String, String> sqlByTable = new LinkedHashMap<>();
            for (int i = 0; i + 1 < queries.size(); i += 2) {
                sqlByTable.put(queries.get(i).toLowerCase(Locale.ROOT), queries.get(i + 1));
            }
            Set<String> reads = ModelTestReader.reads(definition);
            for (String table : sqlByTable.keySet()) {
                if (!reads.contains(table)) {
                    throw new VeneerException(ErrorCode.TEST_INVALID, "--query " + table + ": " + definition.name() + " does not read it; it reads: "
                            + String.join(", ", reads));
                }
            }
            for (String table : reads) {
                if (!sqlByTable.containsKey(table)) {
                    throw new VeneerException(ErrorCode.TEST_INVALID, definition.name() + " reads " + table + "; give its rows with --query "
                            + table + " \"SELECT * FROM " + table + " LIMIT 5\"");
                }
            }
            Map<String, String> times = times();
            EnvironmentRecord record = Environments.require(context.stateForReading(), environment);

            Map<String, TestRows> inputs = new LinkedHashMap<>();
            ObjectNode inputsNode = YAML.createObjectNode();
            for (Map.Entry<String, String> query : sqlByTable.entrySet()) {
                Dataset<Row> rows = run(context, record, query.getValue());
                inputs.put(query.getKey(), testRows(rows));
                inputsNode.putObject(query.getKey()).set("rows", yamlRows(rows));
            }
            SourceLocation here = new SourceLocation(ModelTestReader.FOLDER + "/" + testName + ".yaml", 1, 1);
            ModelTest probe = new ModelTest(testName, here.path(), here, definition.name(), here, Optional.empty(), inputs,
                    Optional.empty(), Map.of(), time(times, "start"), end(times), time(times, "execution_time"));
            UnitTestRunner runner = new UnitTestRunner(context.spark(), project);
            List<String> views = new ArrayList<>();
            ArrayNode outputRows;
            try {
                outputRows = yamlRows(runner.evaluate(probe, views));
            }
            finally {
                views.forEach(view -> runner.session().catalog().dropTempView(view));
            }

            ObjectNode document = YAML.createObjectNode();
            ObjectNode test = document.putObject(testName);
            test.put("model", definition.name().toString());
            test.set("inputs", inputsNode);
            test.putObject("outputs").putObject("query").set("rows", outputRows);
            if (!times.isEmpty()) {
                ObjectNode varsNode = test.putObject("vars");
                times.forEach(varsNode::put);
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, YAML.writeValueAsString(document), StandardCharsets.UTF_8);
            System.out.println("Wrote " + project.directory().relativize(file) + " (" + outputRows.size() + " expected row"
                    + (outputRows.size() == 1 ? "" : "s") + "); run it with: veneer test --match " + testName);
            return 0;
        }
    }

    private Map<String, String> times() {
        Map<String, String> times = new LinkedHashMap<>();
        for (int i = 0; i + 1 < vars.size(); i += 2) {
            String key = vars.get(i).toLowerCase(Locale.ROOT);
            if (!List.of("start", "end", "execution_time").contains(key)) {
                throw new VeneerException(ErrorCode.TEST_INVALID, "--var " + key + ": a test sets start, end or execution_time");
            }
            if (TimeLiterals.parse(vars.get(i + 1)).isEmpty()) {
                throw new VeneerException(ErrorCode.TEST_INVALID, "--var " + key + " " + vars.get(i + 1) + ": expected a date such as 2024-01-01");
            }
            times.put(key, vars.get(i + 1));
        }
        return times;
    }

    private static Optional<Instant> time(Map<String, String> times, String key) {
        return Optional.ofNullable(times.get(key)).flatMap(TimeLiterals::parse);
    }

    /** As a test file reads it: a date alone is the whole day. */
    private static Optional<Instant> end(Map<String, String> times) {
        return time(times, "end").map(end -> times.get("end").trim().length() == 10 ? end.plus(java.time.Duration.ofDays(1)) : end);
    }

    /** The SQL with model names resolved to the environment's views, run. */
    private Dataset<Row> run(CommandContext context, EnvironmentRecord record, String sql) {
        ParsedQuery parsed = context.planner().parser().parseStatement(sql);
        String statement = EnvironmentName.isProd(environment) ? sql : QueryRewriter.rewrite(parsed, reference -> {
            if (reference.nameParts().size() != 2 || !ModelName.isValid(reference.qualifiedName())) {
                return Optional.empty();
            }
            ModelName name = ModelName.parse(reference.qualifiedName());
            return record.pointers().containsKey(name)
                    ? Optional.of(SqlNames.quoteQualified(PhysicalNames.viewName(name, environment)))
                    : Optional.empty();
        });
        try {
            return context.spark().sql(statement).localCheckpoint(true);
        }
        catch (RuntimeException e) {
            throw new VeneerException(ErrorCode.QUERY_FAILED, "query failed in environment '" + environment + "': "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "\n  statement run: " + statement, e);
        }
    }

    private static TestRows testRows(Dataset<Row> rows) {
        List<TestRows.Row> out = new ArrayList<>();
        SourceLocation here = new SourceLocation("<query>", 1, 1);
        StructField[] fields = rows.schema().fields();
        for (Row row : rows.collectAsList()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                values.put(fields[i].name().toLowerCase(Locale.ROOT), plain(row.get(i)));
            }
            out.add(new TestRows.Row(values, Map.of(), here));
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (StructField field : fields) {
            types.put(field.name().toLowerCase(Locale.ROOT), field.dataType().sql());
        }
        return new TestRows(out, rows.isEmpty() ? types : Map.of(), here);
    }

    private static ArrayNode yamlRows(Dataset<Row> rows) {
        ArrayNode out = YAML.createArrayNode();
        StructField[] fields = rows.schema().fields();
        for (Row row : rows.collectAsList()) {
            ObjectNode node = out.addObject();
            for (int i = 0; i < fields.length; i++) {
                node.set(fields[i].name(), YAML.valueToTree(plain(row.get(i))));
            }
        }
        return out;
    }

    /** A Spark value as YAML writes it: numbers and booleans as they are, dates and times as ISO text. */
    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof BigDecimal
                || value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Double || value instanceof Float) {
            return value;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString().replace('T', ' ').replace("Z", "");
        }
        if (value instanceof java.time.LocalDate || value instanceof Instant || value instanceof java.time.LocalDateTime) {
            return value.toString();
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            List<Object> items = new ArrayList<>();
            scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(item -> items.add(plain(item)));
            return items;
        }
        if (value instanceof Row struct) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < struct.length(); i++) {
                map.put(struct.schema().fields()[i].name(), plain(struct.get(i)));
            }
            return map;
        }
        return value.toString();
    }
}
