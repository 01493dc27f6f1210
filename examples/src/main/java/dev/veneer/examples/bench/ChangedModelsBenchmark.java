package dev.veneer.examples.bench;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.examples.generator.ProjectGenerator;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.project.ExternalModel;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.spark.apply.ApplyListener;
import dev.veneer.spark.apply.PlanExecutor;
import dev.veneer.spark.apply.SparkJobCounter;
import dev.veneer.spark.session.EmbeddedSparkSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Issue 6's "5 of 1,000 models changed" at its own scale: a generated project applied to prod over
 * small source tables, K models edited (a changed filter: a breaking change), a dev environment
 * planned and applied while a listener counts Spark's jobs per model, then that environment promoted
 * to prod while the listener counts jobs and written records and the lakehouse's data files are
 * counted before and after. Prints what the plans claimed beside what Spark did. Not a test: figures
 * for BENCHMARKS.md (the same checks on a small project run in SparkJobsPerModelTest).
 *
 * <pre>java … dev.veneer.examples.bench.ChangedModelsBenchmark [--models 1000] [--edits 5] [--seed 42] [--rows 200]</pre>
 */
public final class ChangedModelsBenchmark {
    private ChangedModelsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int models = 1000;
        int edits = 5;
        long seed = 42;
        int rows = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = Integer.parseInt(args[++i]);
                case "--edits" -> edits = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: ChangedModelsBenchmark [--models N] [--edits K] [--seed S] [--rows R]");
            }
        }
        Path work = Files.createTempDirectory("veneer-changed-models-");
        Path lakehouse = work.resolve("lakehouse");
        Path project = work.resolve("project");
        ProjectGenerator.generate(project, models, seed);
        Files.writeString(project.resolve("veneer.yaml"), "state: jdbc:sqlite:" + work.resolve("state.db") + "\n",
                StandardOpenOption.APPEND);
        SparkSession spark = EmbeddedSparkSession.create(lakehouse, "lake", Map.of());
        Planner planner = new Planner();
        CompiledProject compiled = planner.compile(project);
        createSources(spark, compiled, rows);
        System.out.printf("project: %d models, %d external sources of %d rows; %d cores%n", compiled.project().models().size(),
                compiled.project().externals().size(), rows, Runtime.getRuntime().availableProcessors());

        try (StateStore state = StateStores.open("jdbc:sqlite:" + work.resolve("state.db"))) {
            PlanExecutor executor = new PlanExecutor(spark, state, ApplyListener.silent());
            PlanFile prod = plan(planner, project, state, "prod");
            Counted first = applyCounted(spark, executor, prod);
            System.out.printf("prod: %d builds (%s), applied in %.1f s; Spark jobs for %d models%n", prod.builds().size(),
                    kinds(prod), first.seconds, first.jobs.byModel().size());

            CompiledProject before = planner.compile(project);
            List<String> edited = edit(project, before, edits, new Random(seed));
            Set<String> affected = withDescendants(before, edited);
            PlanFile dev = plan(planner, project, state, "dev");
            Set<String> devBuilds = dev.builds().stream().map(BuildStep::model).collect(Collectors.toCollection(TreeSet::new));
            Counted devRun = applyCounted(spark, executor, dev);
            Set<String> computed = devRun.jobs.byModel().keySet();
            Set<String> expected = computedBuilds(dev);
            System.out.printf("dev: edited %s; with their descendants %d models%n", edited, affected.size());
            System.out.printf("dev: the plan builds %d (%s), reuses %d; built but not edited or downstream: %s;"
                    + " edited or downstream but not built: %s; applied in %.1f s%n", devBuilds.size(), kinds(dev),
                    models - devBuilds.size(), difference(devBuilds, affected), difference(affected, devBuilds), devRun.seconds);
            System.out.printf("dev: Spark jobs ran for %d models (%d jobs, %d outside any model); the plan's table builds: %d;"
                    + " jobs for a model the plan does not build: %s; a table build without jobs: %s%n", computed.size(),
                    devRun.jobs.byModel().values().stream().mapToInt(Integer::intValue).sum(), devRun.jobs.untagged(), expected.size(),
                    difference(computed, expected), difference(expected, computed));

            long filesBefore = dataFiles(lakehouse);
            PlanFile promotion = plan(planner, project, state, "prod");
            Counted promoted = applyCounted(spark, executor, promotion);
            long filesAfter = dataFiles(lakehouse);
            System.out.printf("promotion: %d builds, %d of %d views repointed, applied in %.1f s; Spark jobs for %d models,"
                    + " %d records written, data files %d -> %d (%+d)%n", promotion.builds().size(), promotion.views().size(), models,
                    promoted.seconds, promoted.jobs.byModel().size(), promoted.jobs.recordsWritten(), filesBefore, filesAfter,
                    filesAfter - filesBefore);
        }
        spark.stop();
        System.exit(0);
    }

    private record Counted(SparkJobCounter jobs, double seconds) {}

    private static Counted applyCounted(SparkSession spark, PlanExecutor executor, PlanFile plan) {
        try (SparkJobCounter jobs = SparkJobCounter.register(spark)) {
            long start = System.nanoTime();
            executor.apply(plan);
            double seconds = BenchSupport.seconds(start);
            jobs.drain();
            return new Counted(jobs, seconds);
        }
    }

    private static PlanFile plan(Planner planner, Path project, StateStore state, String environment) {
        return planner.plan(planner.compile(project), state, PlanRequest.of(environment));
    }

    /**
     * Adds {@code 1 = 1 AND} to the filter of {@code count} models drawn at random among those that
     * have a {@code WHERE} and children: a breaking change, so each and everything downstream is rebuilt.
     */
    private static List<String> edit(Path project, CompiledProject compiled, int count, Random random) throws IOException {
        List<ModelDefinition> candidates = new TreeMap<>(compiled.project().models()).values().stream()
                .filter(model -> model.query().text().contains("WHERE ") && !compiled.graph().children(model.name()).isEmpty())
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(candidates, random);
        List<String> edited = new ArrayList<>();
        for (ModelDefinition model : candidates.subList(0, Math.min(count, candidates.size()))) {
            Path file = project.resolve(model.path());
            Files.writeString(file, Files.readString(file).replaceFirst("WHERE ", "WHERE 1 = 1 AND "));
            edited.add(model.name().toString());
        }
        return edited;
    }

    private static Set<String> withDescendants(CompiledProject compiled, List<String> models) {
        Set<ModelName> seen = new HashSet<>();
        Deque<ModelName> next = new ArrayDeque<>();
        models.forEach(model -> next.add(ModelName.parse(model)));
        while (!next.isEmpty()) {
            ModelName model = next.poll();
            if (seen.add(model)) {
                next.addAll(compiled.graph().children(model));
            }
        }
        return seen.stream().map(ModelName::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The builds that are Spark work: every kind but VIEW (a view's build is one DDL statement). */
    private static Set<String> computedBuilds(PlanFile plan) {
        return plan.builds().stream().filter(step -> !step.kind().equals("VIEW")).map(BuildStep::model)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String kinds(PlanFile plan) {
        Map<String, Long> byKind = plan.builds().stream().collect(Collectors.groupingBy(BuildStep::kind, TreeMap::new, Collectors.counting()));
        return byKind.entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", "));
    }

    private static String difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest.isEmpty() ? "none" : rest.toString();
    }

    /** Source tables with the declared columns and {@code rows} rows: unique keys, so joins stay one to one. */
    private static void createSources(SparkSession spark, CompiledProject compiled, int rows) {
        for (ExternalModel source : compiled.project().externals().values()) {
            spark.sql("CREATE SCHEMA IF NOT EXISTS " + source.name().schema());
            String values = source.columns().entrySet().stream()
                    .map(column -> value(column.getValue()) + " AS " + column.getKey())
                    .collect(Collectors.joining(", "));
            spark.sql("CREATE TABLE IF NOT EXISTS " + source.name() + " USING parquet AS SELECT " + values + " FROM range(" + rows + ")");
        }
    }

    private static String value(String type) {
        String lower = type.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("string")) {
            return "concat('v', CAST(id % 7 AS STRING))";
        }
        if (lower.equals("date")) {
            return "date_add(DATE'2024-01-01', CAST(id % 365 AS INT))";
        }
        if (lower.equals("timestamp")) {
            return "CAST(timestamp_seconds(1704067200 + id * 3600) AS TIMESTAMP)";
        }
        if (lower.equals("boolean")) {
            return "id % 2 = 0";
        }
        return "CAST(id AS " + type + ")";
    }

    private static long dataFiles(Path lakehouse) throws IOException {
        try (Stream<Path> files = Files.walk(lakehouse)) {
            return files.filter(file -> file.toString().endsWith(".parquet")).count();
        }
    }
}
