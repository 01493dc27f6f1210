package dev.veneer.examples.bench;

import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.examples.TpchLoader;
import dev.veneer.planner.Planner;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.project.ProjectConfig;
import dev.veneer.spark.apply.ApplyListener;
import dev.veneer.spark.apply.ApplyOptions;
import dev.veneer.spark.apply.AuditRunner;
import dev.veneer.spark.apply.BuildStatements;
import dev.veneer.spark.apply.PlanExecutor;
import dev.veneer.spark.apply.SparkJobCounter;
import dev.veneer.spark.session.EmbeddedSparkSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Veneer's {@code apply} of the TPC-H example against the same SQL run directly in the same
 * SparkSession: every build statement of the plan and each model's audit query, one after the
 * other, with no state store, no scheduler and no views. Each side builds into its own physical
 * schemas (a planned project copy per run, {@code physical_schema_prefix} apart), after one warm-up
 * run of the direct SQL, so both pay the same first-touch costs; odd rounds run the direct SQL
 * first. Prints seconds and the ratio.
 *
 * <pre>java … dev.veneer.examples.bench.TpchApplyBenchmark [--scale 0.1] [--build-threads N] [--rounds 1]</pre>
 */
public final class TpchApplyBenchmark {
    private TpchApplyBenchmark() {}

    public static void main(String[] args) throws Exception {
        double scale = 0.1;
        int buildThreads = ApplyOptions.defaults().buildThreads();
        int rounds = 1;
        Path source = Path.of(System.getProperty("veneer.home", "."), "examples", "tpch");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--build-threads" -> buildThreads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--project" -> source = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: TpchApplyBenchmark [--scale S] [--build-threads N] [--rounds R] [--project DIR]");
            }
        }
        Path work = Files.createTempDirectory("veneer-tpch-bench-");
        SparkSession spark = EmbeddedSparkSession.create(work.resolve("lakehouse"), "lake", Map.of());
        long loadStart = System.nanoTime();
        TpchLoader.load(spark, scale);
        System.out.printf("loaded TPC-H scale %s in %.1f s%n", scale, BenchSupport.seconds(loadStart));

        direct(spark, plan(source, work, "warmup"));
        double veneerTotal = 0;
        double directTotal = 0;
        for (int round = 0; round < rounds; round++) {
            // Every other round runs the direct SQL first: whichever runs second finds a warmer JVM and caches.
            boolean directFirst = round % 2 == 1;
            double direct = directFirst ? direct(spark, plan(source, work, "direct" + round)) : 0;
            PlanFile veneerPlan = plan(source, work, "veneer" + round);
            long start = System.nanoTime();
            int jobs;
            dev.veneer.spark.apply.ApplyResult result;
            try (StateStore state = StateStores.open(veneerPlan.state());
                    SparkJobCounter counter = SparkJobCounter.register(spark)) {
                result = new PlanExecutor(spark, state, ApplyListener.silent(), new ApplyOptions(buildThreads,
                        ApplyOptions.defaults().viewThreads(), Clock.systemUTC())).apply(veneerPlan);
                jobs = counter.drain().byModel().values().stream().mapToInt(Integer::intValue).sum();
            }
            double veneer = BenchSupport.seconds(start);
            if (!directFirst) {
                direct = direct(spark, plan(source, work, "direct" + round));
            }
            veneerTotal += veneer;
            directTotal += direct;
            System.out.printf("round %d: veneer apply %.1f s (%d builds in %.1f s, %d views in %.1f s, %d model jobs), direct SQL %.1f s, ratio %.2f%n",
                    round, veneer, veneerPlan.builds().size(), result.buildTime().toMillis() / 1e3, veneerPlan.views().size(),
                    result.viewTime().toMillis() / 1e3, jobs, direct, veneer / direct);
        }
        System.out.printf("TPC-H scale %s, %d round(s), build threads %d, cores %d: veneer %.1f s, direct %.1f s, ratio %.2f%n",
                scale, rounds, buildThreads, Runtime.getRuntime().availableProcessors(), veneerTotal, directTotal,
                veneerTotal / directTotal);
        spark.stop();
        System.exit(0);
    }

    /** A copy of the project whose physical tables live under their own prefix, planned for prod against its own state. */
    private static PlanFile plan(Path source, Path work, String prefix) throws IOException {
        Path project = work.resolve(prefix);
        BenchSupport.copyProject(source, project);
        Files.writeString(project.resolve(ProjectConfig.FILE_NAME), Files.readString(project.resolve(ProjectConfig.FILE_NAME))
                .replaceAll("(?m)^physical_schema_prefix:.*$", "physical_schema_prefix: " + prefix));
        Planner planner = new Planner();
        try (StateStore state = StateStores.open(ProjectConfig.defaultStateUrl(project))) {
            return planner.plan(planner.compile(project), state, PlanRequest.of("prod"));
        }
    }

    /**
     * The plan's build statements, in its dependency order, one at a time, each model's audit
     * queries after its build (what {@code dbt build} would run too: Veneer's apply runs them).
     */
    private static double direct(SparkSession spark, PlanFile plan) {
        long start = System.nanoTime();
        plan.builds().stream().map(BuildStep::physicalTable).map(table -> table.substring(0, table.lastIndexOf('.')))
                .distinct().forEach(schema -> spark.sql("CREATE SCHEMA IF NOT EXISTS " + schema));
        for (BuildStep step : plan.builds()) {
            BuildStatements.of(step, plan.executionTime()).forEach(spark::sql);
            if (!step.audits().isEmpty()) {
                AuditRunner.Target table = new AuditRunner.Target(step.model(), step.physicalTable(), step.kind(), step.version(),
                        step.options(), Optional.empty());
                spark.sql(AuditRunner.countsQuery(table, plan.executionTime(), step.audits())).collectAsList();
            }
        }
        return BenchSupport.seconds(start);
    }
}
