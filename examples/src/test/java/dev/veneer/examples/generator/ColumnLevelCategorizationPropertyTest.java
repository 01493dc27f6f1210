package dev.veneer.examples.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.Category;
import dev.veneer.planner.plan.ModelRenderer;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.ModelChange;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.project.ExternalModel;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.spark.apply.ApplyListener;
import dev.veneer.spark.apply.PlanExecutor;
import dev.veneer.spark.testing.SharedSparkSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The property column-level categorization must keep: a child the planner lets keep its table
 * (INDIRECT_NON_BREAKING) holds exactly the data a rebuild would give. On a generated project over
 * small deterministic data, each round edits one output column of one model (values NULLed for
 * some rows, type kept; the previous round's edit reverted), plans and applies an environment, then
 * rebuilds every kept child's query over that environment's tables and compares it with the table
 * it kept, row for row ({@code EXCEPT ALL} both ways). Rounds: {@code -Dveneer.property.rounds} (default 3), seed {@code -Dveneer.property.seed}.
 */
@ExtendWith(SharedSparkSession.class)
class ColumnLevelCategorizationPropertyTest {
    private static final int MODELS = 12;
    private static final int ROWS = 4;

    @TempDir
    Path tmp;

    @Test
    void everyKeptChildEqualsItsRebuild(SparkSession spark) throws IOException {
        int rounds = Integer.getInteger("veneer.property.rounds", 3);
        long seed = Long.getLong("veneer.property.seed", 11);
        Path project = tmp.resolve("project");
        ProjectGenerator.generate(project, MODELS, seed);
        String raw = SharedSparkSession.uniqueName("raw");
        prepare(project, raw);
        Files.writeString(project.resolve("veneer.yaml"), "physical_schema_prefix: " + SharedSparkSession.uniqueName("prop")
                + "\nstate: jdbc:sqlite:" + tmp.resolve("state.db") + "\n", java.nio.file.StandardOpenOption.APPEND);
        Planner planner = new Planner();
        createSources(spark, planner.compile(project));

        Random random = new Random(seed);
        int kept = 0;
        int rebuilt = 0;
        try (StateStore state = StateStores.open("jdbc:sqlite:" + tmp.resolve("state.db"))) {
            PlanExecutor executor = new PlanExecutor(spark, state, ApplyListener.silent());
            long started = System.nanoTime();
            executor.apply(planner.plan(planner.compile(project), state, PlanRequest.of("prod")));
            System.err.printf("column-level property: prod of %d models built in %.1f s%n", MODELS, (System.nanoTime() - started) / 1e9);
            // One environment for every round, so a round changes only the views its edit moves.
            String environment = "prop";

            for (int round = 1; round <= rounds; round++) {
                CompiledProject current = planner.compile(project);
                List<ModelDefinition> parents = current.project().models().values().stream()
                        .filter(model -> !current.graph().children(model.name()).isEmpty()).toList();
                ModelDefinition target = parents.get(random.nextInt(parents.size()));
                Path file = project.resolve(target.path());
                String original = Files.readString(file, StandardCharsets.UTF_8);
                String edited = ColumnEdits.editOneColumn(original, target, random);
                if (edited == null) {
                    continue;
                }
                Files.writeString(file, edited, StandardCharsets.UTF_8);
                try {
                    EnvironmentRecord before = state.environment(environment).or(() -> state.environment("prod")).orElseThrow();
                    CompiledProject compiled = planner.compile(project);
                    PlanFile plan = planner.plan(compiled, state, PlanRequest.of(environment));
                    executor.apply(plan);
                    EnvironmentRecord dev = state.environment(environment).orElseThrow();
                    // One Spark query per round: for each kept child, the rows its rebuild and its kept table do not share.
                    List<String> checks = new ArrayList<>();
                    List<ModelChange> keptChildren = new ArrayList<>();
                    for (ModelChange change : plan.indirectlyModified()) {
                        if (change.category() != Category.INDIRECT_NON_BREAKING) {
                            rebuilt++;
                            continue;
                        }
                        ModelName name = ModelName.parse(change.model());
                        String keptTable = before.pointer(name).orElseThrow().physicalTable();
                        String rebuild = new ModelRenderer(compiled.project(), dev.pointers()).render(compiled.project().models().get(name));
                        checks.add("SELECT " + keptChildren.size() + " AS child, (SELECT count(*) FROM ((SELECT * FROM (" + rebuild
                                + ")) EXCEPT ALL (SELECT * FROM " + keptTable + "))) + (SELECT count(*) FROM ((SELECT * FROM " + keptTable
                                + ") EXCEPT ALL (SELECT * FROM (" + rebuild + ")))) AS differing");
                        keptChildren.add(change);
                    }
                    kept += keptChildren.size();
                    if (!checks.isEmpty()) {
                        for (var row : spark.sql(String.join("\nUNION ALL\n", checks)).collectAsList()) {
                            ModelChange change = keptChildren.get(row.getInt(0));
                            assertThat(row.getLong(1)).as("round %d: %s kept its table (%s) after editing %s:%n%s", round, change.model(),
                                    change.reason(), target.name(), diff(original, edited)).isZero();
                        }
                    }
                }
                finally {
                    Files.writeString(file, original, StandardCharsets.UTF_8);
                }
            }
        }
        System.err.printf("column-level property: %d rounds, %d kept children checked equal to their rebuild, %d rebuilt%n",
                rounds, kept, rebuilt);
        assertThat(kept).as("the rounds exercised at least one kept child").isPositive();
    }

    /** Iceberg only (fast small writes) and the sources in a schema of this test's own. */
    private static void prepare(Path project, String raw) throws IOException {
        try (Stream<Path> files = Files.walk(project)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(file, text.replace("table_format delta", "table_format iceberg").replace("raw.", raw + "."),
                        StandardCharsets.UTF_8);
            }
        }
    }

    private static String diff(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "";
            String y = i < b.size() ? b.get(i) : "";
            if (!x.equals(y)) {
                out.append("- ").append(x).append("\n+ ").append(y).append('\n');
            }
        }
        return out.toString();
    }

    /** Tables with the declared columns and {@value #ROWS} rows: every key column holds the row number, so joins match 1:1. */
    private static void createSources(SparkSession spark, CompiledProject compiled) {
        for (ExternalModel source : compiled.project().externals().values()) {
            spark.sql("CREATE SCHEMA IF NOT EXISTS " + source.name().schema());
            String columns = source.columns().entrySet().stream().map(column -> column.getKey() + " " + column.getValue())
                    .collect(Collectors.joining(", "));
            spark.sql("CREATE TABLE " + source.name() + " (" + columns + ") USING parquet");
            List<String> rows = new ArrayList<>();
            for (int i = 1; i <= ROWS; i++) {
                int row = i;
                rows.add(source.columns().entrySet().stream().map(column -> value(column, row)).collect(Collectors.joining(", ", "(", ")")));
            }
            spark.sql("INSERT INTO " + source.name() + " VALUES " + String.join(", ", rows));
        }
    }

    private static String value(Map.Entry<String, String> column, int row) {
        String type = column.getValue();
        String name = column.getKey();
        if (row == ROWS && !name.endsWith("_id")) {
            return "NULL";
        }
        return switch (type) {
            case "bigint", "int" -> name.endsWith("_id") ? String.valueOf(row) : String.valueOf(row * 7 + name.length());
            case "double" -> String.valueOf(row * 1.25 + name.length());
            case "string" -> "'" + name + "_" + row + (row % 2 == 0 ? " " : "") + "'";
            case "timestamp" -> "TIMESTAMP '2024-01-0" + row + " 1" + row + ":00:00'";
            case "date" -> "DATE '2024-02-0" + row + "'";
            case "boolean" -> row % 2 == 0 ? "true" : "false";
            default -> type.startsWith("decimal") ? "CAST(" + (row * 3.5 + name.length()) + " AS " + type + ")" : "NULL";
        };
    }
}
