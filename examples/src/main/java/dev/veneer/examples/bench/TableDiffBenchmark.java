package dev.veneer.examples.bench;

import dev.veneer.spark.diff.TableDiff;
import dev.veneer.spark.session.EmbeddedSparkSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Times {@code table-diff}'s comparison ({@link TableDiff}) of two tables of N rows each on the
 * embedded lakehouse: 0.1 % of the rows have a different value, 0.01 % exist on one side only. Not a
 * test: a figure for BENCHMARKS.md.
 *
 * <pre>java … dev.veneer.examples.bench.TableDiffBenchmark [--rows 10000000] [--format iceberg|delta]</pre>
 */
public final class TableDiffBenchmark {
    private TableDiffBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000;
        String format = "iceberg";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--format" -> format = args[++i];
                default -> throw new IllegalArgumentException("usage: TableDiffBenchmark [--rows N] [--format iceberg|delta]");
            }
        }
        Path state = Files.createTempDirectory("veneer-diff-");
        SparkSession spark = EmbeddedSparkSession.create(state, "lake", Map.of("spark.sql.shuffle.partitions", "8"));
        String catalog = format.equals("iceberg") ? "lake" : "spark_catalog";
        spark.sql("CREATE SCHEMA IF NOT EXISTS " + catalog + ".bench_diff");
        long started = System.nanoTime();
        spark.sql("CREATE OR REPLACE TABLE " + catalog + ".bench_diff.a USING " + format + " AS SELECT id, id % 1000 AS customer_id, "
                + "CAST(id * 1.5 AS DOUBLE) AS amount, concat('status_', id % 7) AS status, DATE '2024-01-01' + CAST(id % 365 AS INT) AS day "
                + "FROM range(" + rows + ")");
        spark.sql("CREATE OR REPLACE TABLE " + catalog + ".bench_diff.b USING " + format + " AS SELECT id, id % 1000 AS customer_id, "
                + "CAST(CASE WHEN id % 1000 = 7 THEN id * 1.5 + 1 ELSE id * 1.5 END AS DOUBLE) AS amount, concat('status_', id % 7) AS status, "
                + "DATE '2024-01-01' + CAST(id % 365 AS INT) AS day FROM range(" + rows + ") WHERE id % 10000 <> 3 "
                + "UNION ALL SELECT id, 0, 0.0, 'new', DATE '2025-01-01' FROM range(" + rows + ", " + (rows + rows / 10000) + ")");
        System.err.printf("tables written in %.1f s%n", (System.nanoTime() - started) / 1e9);
        TableDiff diff = new TableDiff(spark);
        TableDiff.Request request = new TableDiff.Request(catalog + ".bench_diff.a", catalog + ".bench_diff.b", List.of("id"), Optional.empty(), 5);
        for (int round = 1; round <= 2; round++) {
            started = System.nanoTime();
            TableDiff.Result result = diff.compare(request);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("round %d: rows=%d+%d format=%s cores=%d: %.1f s, %.0f rows/s compared; joined %d, only in a %d, only in b %d, "
                    + "amount differs in %d%n", round, result.rowsA(), result.rowsB(), format, Runtime.getRuntime().availableProcessors(), seconds,
                    (result.rowsA() + result.rowsB()) / seconds, result.joined(), result.onlyA(), result.onlyB(),
                    result.columns().stream().filter(column -> column.column().equals("amount")).findFirst().orElseThrow().differing());
        }
        spark.stop();
    }
}
