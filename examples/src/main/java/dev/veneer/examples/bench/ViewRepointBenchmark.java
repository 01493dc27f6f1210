package dev.veneer.examples.bench;

import dev.veneer.planner.plan.PlanFile.ViewChange;
import dev.veneer.planner.plan.ViewAction;
import dev.veneer.spark.apply.ApplyOptions;
import dev.veneer.spark.apply.VirtualLayer;
import dev.veneer.spark.session.EmbeddedSparkSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Times the virtual layer on the embedded lakehouse (Derby metastore): N views created over one
 * physical table, then the same N views repointed to another (what a promotion does), through the
 * apply's own view step ({@link VirtualLayer}, its bounded pool). Not a test: a figure for BENCHMARKS.md.
 *
 * <pre>java … dev.veneer.examples.bench.ViewRepointBenchmark [--views 1000] [--format iceberg|delta] [--threads N]</pre>
 */
public final class ViewRepointBenchmark {
    private ViewRepointBenchmark() {}

    public static void main(String[] args) throws Exception {
        int views = 1000;
        String format = "iceberg";
        int threads = ApplyOptions.defaults().viewThreads();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--views" -> views = Integer.parseInt(args[++i]);
                case "--format" -> format = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: ViewRepointBenchmark [--views N] [--format iceberg|delta] [--threads N]");
            }
        }
        Path state = Files.createTempDirectory("veneer-views-");
        SparkSession spark = EmbeddedSparkSession.create(state, "lake", Map.of());
        String catalog = format.equals("iceberg") ? "lake" : "spark_catalog";
        spark.sql("CREATE SCHEMA IF NOT EXISTS " + catalog + ".bench_physical");
        for (String table : List.of("a", "b")) {
            spark.sql("CREATE OR REPLACE TABLE " + catalog + ".bench_physical." + table + " USING " + format
                    + " AS SELECT id, id * 2 AS doubled FROM range(1000)");
        }
        // Warm-up: the analyzer, the catalogs and the metastore client on a few views of their own.
        VirtualLayer.publish(spark, "prod", changes("bench_warmup", 20, catalog + ".bench_physical.a"), threads);

        long start = System.nanoTime();
        VirtualLayer.publish(spark, "prod", changes("bench_views", views, catalog + ".bench_physical.a"), threads);
        double create = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        VirtualLayer.publish(spark, "prod", changes("bench_views", views, catalog + ".bench_physical.b"), threads);
        double repoint = (System.nanoTime() - start) / 1e9;
        String text = spark.sql("SHOW CREATE TABLE bench_views.v" + (views - 1)).first().getString(0);
        boolean repointed = java.util.regex.Pattern.compile("bench_physical\\W*\\.\\W*b\\b").matcher(text).find();

        System.out.printf("views=%d format=%s threads=%d cores=%d: create %.1f s (%.1f ms/view), repoint %.1f s (%.1f ms/view)%s%n",
                views, format, threads, Runtime.getRuntime().availableProcessors(), create, create * 1000 / views, repoint,
                repoint * 1000 / views, repointed ? "" : " (CHECK FAILED: the last view does not read table b)");
        spark.stop();
        System.exit(0);
    }

    private static List<ViewChange> changes(String schema, int count, String physicalTable) {
        List<ViewChange> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(new ViewChange(schema + ".m" + i, schema + ".v" + i, physicalTable, ViewAction.CREATE_OR_REPLACE));
        }
        return changes;
    }
}
