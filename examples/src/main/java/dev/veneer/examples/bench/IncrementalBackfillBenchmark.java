package dev.veneer.examples.bench;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.examples.TpchLoader;
import dev.veneer.planner.Planner;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.project.ProjectConfig;
import dev.veneer.planner.sql.MacroVariables;
import dev.veneer.spark.apply.ApplyListener;
import dev.veneer.spark.apply.ApplyOptions;
import dev.veneer.spark.apply.ApplyResult;
import dev.veneer.spark.apply.BuildStatements;
import dev.veneer.spark.apply.PlanExecutor;
import dev.veneer.spark.session.EmbeddedSparkSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The backfill of the TPC-H example's incremental model {@code marts.daily_revenue} alone, three ways
 * in one SparkSession, rows per second each:
 *
 * <ol>
 *   <li>Veneer: {@code apply} of a prod plan in which only that model changed (a new {@code stamp}),
 *       so the plan builds its new version in its monthly batches, records each batch in state and
 *       repoints one view;</li>
 *   <li>direct, same batches: the very statements of that build ({@code CREATE TABLE ... WHERE false},
 *       then one {@code INSERT INTO ... REPLACE WHERE ... SELECT} per batch), run one after the other;</li>
 *   <li>direct, one statement: {@code CREATE TABLE ... AS SELECT} of the whole range at once.</li>
 * </ol>
 *
 * The rest of the project is built once beforehand (not timed); every side reads the same parent
 * table. One warm-up of each side runs first.
 *
 * <pre>bench/spark-main.sh dev.veneer.examples.bench.IncrementalBackfillBenchmark [--scale 0.1] [--rounds 3]</pre>
 */
public final class IncrementalBackfillBenchmark {
    private static final String MODEL = "marts.daily_revenue";
    private static final String FILE = "models/marts/daily_revenue.sql";

    private IncrementalBackfillBenchmark() {}

    public static void main(String[] args) throws Exception {
        double scale = 0.1;
        int rounds = 3;
        boolean withAudits = false;
        Path source = Path.of(System.getProperty("veneer.home", "."), "examples", "tpch");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--project" -> source = Path.of(args[++i]);
                case "--with-audits" -> withAudits = true;
                default -> throw new IllegalArgumentException(
                        "usage: IncrementalBackfillBenchmark [--scale S] [--rounds R] [--project DIR] [--with-audits]");
            }
        }
        Path work = Files.createTempDirectory("veneer-backfill-bench-");
        SparkSession spark = EmbeddedSparkSession.create(work.resolve("lakehouse"), "lake", Map.of());
        TpchLoader.load(spark, scale);
        Path project = work.resolve("tpch");
        BenchSupport.copyProject(source, project);
        String original = Files.readString(project.resolve(FILE));
        if (!withAudits) {
            // like for like: the direct side runs no audits
            original = withoutAudits(original);
        }
        apply(spark, plan(project));

        apply(spark, stamped(project, original, "warmup-veneer"));
        direct(spark, stamped(project, original, "warmup-batches"));
        whole(spark, stamped(project, original, "warmup-whole"));
        double veneerTotal = 0;
        double batchesTotal = 0;
        double wholeTotal = 0;
        long rows = 0;
        long sourceRows = 0;
        for (int round = 0; round < rounds; round++) {
            PlanFile veneerPlan = stamped(project, original, "veneer-" + round);
            long start = System.nanoTime();
            ApplyResult result = apply(spark, veneerPlan);
            double veneer = BenchSupport.seconds(start);
            BuildStep built = step(veneerPlan);
            rows = spark.table(built.physicalTable()).count();
            sourceRows = spark.table(parentTable(veneerPlan)).count();
            double batches = direct(spark, stamped(project, original, "batches-" + round));
            double whole = whole(spark, stamped(project, original, "whole-" + round));
            veneerTotal += veneer;
            batchesTotal += batches;
            wholeTotal += whole;
            System.out.printf("round %d: veneer %.2f s (%d batches; model %.2f s, views %.2f s, apply %.2f s), direct same batches"
                    + " %.2f s, direct one statement %.2f s; veneer / same batches %.2f%n", round, veneer, built.batches().count(),
                    result.built().get(0).elapsed().toNanos() / 1e9, result.viewTime().toNanos() / 1e9,
                    result.totalTime().toNanos() / 1e9, batches, whole, veneer / batches);
        }
        System.out.printf("%s at TPC-H scale %s, %d round(s), %d rows written from %d source rows, audits %s, cores %d:%n", MODEL,
                scale, rounds, rows, sourceRows, withAudits ? "on" : "off", Runtime.getRuntime().availableProcessors());
        report("veneer apply", veneerTotal, rounds, rows, sourceRows);
        report("direct, same batches", batchesTotal, rounds, rows, sourceRows);
        report("direct, one statement", wholeTotal, rounds, rows, sourceRows);
        System.out.printf("overhead: %.1f %% over the same batches, %.1f %% over one statement%n",
                (veneerTotal / batchesTotal - 1) * 100, (veneerTotal / wholeTotal - 1) * 100);
        spark.stop();
        System.exit(0);
    }

    private static void report(String side, double total, int rounds, long rows, long sourceRows) {
        double mean = total / rounds;
        System.out.printf("  %-22s %.2f s mean: %,.0f rows/s written, %,.0f source rows/s%n", side, mean, rows / mean, sourceRows / mean);
    }

    /** A prod plan in which only the model changed: a new stamp, so a new version built from its start. */
    private static PlanFile stamped(Path project, String original, String stamp) throws IOException {
        Files.writeString(project.resolve(FILE), original.replace("  name marts.daily_revenue,\n",
                "  name marts.daily_revenue,\n  stamp '" + stamp + "',\n"));
        PlanFile plan = plan(project);
        if (plan.builds().size() != 1 || !step(plan).model().equals(MODEL)) {
            throw new IllegalStateException("expected one build of " + MODEL + ", got " + plan.builds());
        }
        return plan;
    }

    /** The model file without its header's {@code audits (...)} property. */
    private static String withoutAudits(String file) {
        int start = file.indexOf(",\n  audits (");
        if (start < 0) {
            return file;
        }
        int depth = 0;
        int end = file.indexOf('(', start);
        do {
            char c = file.charAt(end++);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        } while (depth > 0);
        return file.substring(0, start) + file.substring(end);
    }

    private static PlanFile plan(Path project) {
        Planner planner = new Planner();
        try (StateStore state = StateStores.open(ProjectConfig.defaultStateUrl(project))) {
            return planner.plan(planner.compile(project), state, PlanRequest.of("prod"));
        }
    }

    private static ApplyResult apply(SparkSession spark, PlanFile plan) {
        try (StateStore state = StateStores.open(plan.state())) {
            return new PlanExecutor(spark, state, ApplyListener.silent(), new ApplyOptions(1, ApplyOptions.defaults().viewThreads(),
                    Clock.systemUTC())).apply(plan);
        }
    }

    /** The build's statements as Veneer would run them, without Veneer. */
    private static double direct(SparkSession spark, PlanFile plan) {
        long start = System.nanoTime();
        BuildStatements.of(step(plan), plan.executionTime()).forEach(spark::sql);
        return BenchSupport.seconds(start);
    }

    /** The whole range in one {@code CREATE TABLE ... AS SELECT}. */
    private static double whole(SparkSession spark, PlanFile plan) {
        BuildStep step = step(plan);
        Interval range = new Interval(step.intervals().get(0).start(), step.intervals().get(step.intervals().size() - 1).end());
        String query = step.template().render(MacroVariables.values(range, plan.executionTime()));
        long start = System.nanoTime();
        spark.sql("CREATE TABLE " + step.physicalTable() + " USING " + step.tableFormat() + " AS " + query);
        return BenchSupport.seconds(start);
    }

    private static BuildStep step(PlanFile plan) {
        return plan.builds().get(0);
    }

    /** The physical table of the model's parent, which every side reads. */
    private static String parentTable(PlanFile plan) {
        return plan.environmentSnapshots().stream().filter(pointer -> pointer.model().equals("marts.order_revenue")).findFirst()
                .orElseThrow().physicalTable();
    }
}
