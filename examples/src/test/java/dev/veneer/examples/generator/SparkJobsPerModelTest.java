package dev.veneer.examples.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.project.ExternalModel;
import dev.veneer.spark.apply.ApplyListener;
import dev.veneer.spark.apply.PlanExecutor;
import dev.veneer.spark.apply.SparkJobCounter;
import dev.veneer.spark.testing.SharedSparkSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Spark really does for a plan, counted with a listener on a generated project: a dev
 * environment with a few models changed runs jobs for exactly the models the plan builds (FULL
 * ones; a VIEW costs no job), and promoting it to prod runs no model job and writes no data file.
 */
@ExtendWith(SharedSparkSession.class)
class SparkJobsPerModelTest {
    private static final int MODELS = 24;

    @TempDir
    Path tmp;

    @Test
    void onlyChangedModelsAndTheirAffectedChildrenRunJobsAndPromotionWritesNothing(SparkSession spark) throws IOException {
        Path project = tmp.resolve("project");
        ProjectGenerator.generate(project, MODELS, 5);
        Files.writeString(project.resolve("veneer.yaml"), "physical_schema_prefix: " + SharedSparkSession.uniqueName("jobs")
                + "\nstate: jdbc:sqlite:" + tmp.resolve("state.db") + "\n", java.nio.file.StandardOpenOption.APPEND);
        Planner planner = new Planner();
        createSources(spark, planner.compile(project));

        try (StateStore state = StateStores.open("jdbc:sqlite:" + tmp.resolve("state.db"))) {
            PlanExecutor executor = new PlanExecutor(spark, state, ApplyListener.silent());
            PlanFile prod = plan(planner, project, state, "prod");
            try (SparkJobCounter jobs = SparkJobCounter.register(spark)) {
                executor.apply(prod);
                assertThat(jobs.drain().byModel().keySet()).isEqualTo(fullBuilds(prod));
            }

            CompiledProject compiled = planner.compile(project);
            List<String> edited = new ArrayList<>();
            for (var model : compiled.project().models().values()) {
                if (edited.size() < 2 && model.query().text().contains("WHERE ") && !compiled.graph().children(model.name()).isEmpty()) {
                    Path file = project.resolve(model.path());
                    Files.writeString(file, Files.readString(file).replaceFirst("WHERE ", "WHERE 1 = 1 AND "));
                    edited.add(model.name().toString());
                }
            }
            assertThat(edited).hasSize(2);
            PlanFile dev = plan(planner, project, state, "dev");
            assertThat(dev.builds().size()).isLessThan(MODELS);
            try (SparkJobCounter jobs = SparkJobCounter.register(spark)) {
                executor.apply(dev);
                Set<String> computed = jobs.drain().byModel().keySet();
                assertThat(computed).containsAll(edited.stream().filter(fullBuilds(dev)::contains).toList())
                        .isEqualTo(fullBuilds(dev));
            }

            long filesBefore = dataFiles(SharedSparkSession.stateDir());
            PlanFile promotion = plan(planner, project, state, "prod");
            assertThat(promotion.builds()).isEmpty();
            assertThat(promotion.views()).isNotEmpty();
            try (SparkJobCounter jobs = SparkJobCounter.register(spark)) {
                executor.apply(promotion);
                assertThat(jobs.drain().byModel()).isEmpty();
                assertThat(jobs.recordsWritten()).isZero();
            }
            assertThat(dataFiles(SharedSparkSession.stateDir())).isEqualTo(filesBefore);
        }
    }

    private static PlanFile plan(Planner planner, Path project, StateStore state, String environment) {
        return planner.plan(planner.compile(project), state, PlanRequest.of(environment));
    }

    /** The models a plan computes with Spark jobs: its FULL builds (a VIEW build is one DDL statement). */
    private static Set<String> fullBuilds(PlanFile plan) {
        return plan.builds().stream().filter(step -> step.kind().equals("FULL")).map(BuildStep::model)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Empty tables with the declared columns: the generated SQL type-checks and runs against them. */
    private static void createSources(SparkSession spark, CompiledProject compiled) {
        for (ExternalModel source : compiled.project().externals().values()) {
            spark.sql("CREATE SCHEMA IF NOT EXISTS " + source.name().schema());
            String columns = source.columns().entrySet().stream().map(column -> column.getKey() + " " + column.getValue())
                    .collect(Collectors.joining(", "));
            spark.sql("CREATE TABLE IF NOT EXISTS " + source.name() + " (" + columns + ") USING parquet");
        }
    }

    private static long dataFiles(Path warehouse) throws IOException {
        try (Stream<Path> files = Files.walk(warehouse)) {
            return files.filter(file -> file.toString().endsWith(".parquet")).count();
        }
    }
}
