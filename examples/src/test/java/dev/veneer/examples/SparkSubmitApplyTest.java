package dev.veneer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.Planner;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.spark.testing.SharedSparkSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path: a plan made by the planner alone, then executed by Spark's own
 * {@code SparkSubmit} entry point in another JVM with the runner's spark-submit jar as the
 * application, on a classpath of Spark, Delta and Iceberg only. The project folder is gone by then.
 */
@ExtendWith(SharedSparkSession.class)
class SparkSubmitApplyTest {
    @TempDir
    Path tmp;

    @Test
    void applyRunsThroughSparkSubmitWithOnlyThePlanFile(SparkSession spark) throws Exception {
        Path project = tmp.resolve("project");
        Path stateUrlFile = tmp.resolve("state").resolve("state.db");
        write(project.resolve("veneer.yaml"), "name: submitted\nstate: jdbc:sqlite:" + stateUrlFile + "\n");
        write(project.resolve("models/staging/numbers.sql"), """
                MODEL (name staging.numbers, kind FULL, table_format iceberg);
                SELECT id, id * 2 AS doubled FROM VALUES (1), (2), (3) AS t(id)
                """);
        write(project.resolve("models/marts/total.sql"), """
                MODEL (name marts.total, kind FULL, table_format delta);
                SELECT sum(doubled) AS total FROM staging.numbers
                """);
        write(project.resolve("models/marts/numbers_view.sql"), """
                MODEL (name marts.numbers_view, kind VIEW);
                SELECT id FROM staging.numbers WHERE id > 1
                """);
        Path planFile = tmp.resolve("plan.json");
        Planner planner = new Planner();
        try (StateStore state = StateStores.open("jdbc:sqlite:" + stateUrlFile)) {
            PlanFile plan = planner.plan(planner.compile(project), state, PlanRequest.of("prod"));
            PlanFiles.write(plan, planFile);
        }
        deleteTree(project);

        Path cluster = tmp.resolve("cluster");
        ChildJvm.Result result = ChildJvm.sparkSubmit(cluster, ChildJvm.sparkConf(cluster, Map.of()), List.of(),
                "--project", tmp.resolve("nowhere").toString(), "apply", planFile.toString());
        String output = result.output();

        assertThat(result.exitCode()).as(output).isZero();
        assertThat(output).contains("[3/3]").contains("Environment prod is up to date");
        try (StateStore state = StateStores.open("jdbc:sqlite:" + stateUrlFile)) {
            EnvironmentRecord prod = state.environment("prod").orElseThrow();
            assertThat(prod.finalized()).isTrue();
            assertThat(prod.snapshots()).hasSize(3);
            String total = prod.pointer(dev.veneer.catalog.ModelName.parse("marts.total")).orElseThrow().physicalTable();
            Path table = cluster.resolve("warehouse").resolve("veneer__marts.db").resolve(total.substring(total.lastIndexOf('.') + 1));
            assertThat(spark.read().format("delta").load(table.toString()).first().getLong(0)).isEqualTo(12L);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
