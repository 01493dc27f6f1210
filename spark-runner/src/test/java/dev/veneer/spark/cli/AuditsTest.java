package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veneer.spark.testing.SharedSparkSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audits end to end through the CLI on the {@code gates} fixture: every built-in audit and a user
 * audit on a Delta and an Iceberg model, passing on clean data and failing on bad data; a failing
 * blocking audit leaves the environment and its views as they were; a failing batch audit stops the
 * later batches; a changed audit re-runs on the kept table.
 */
@ExtendWith(SharedSparkSession.class)
class AuditsTest {
    private static final String CLEAN = """
            (1, 10, 5.0, 'open', 1, 'a', 'x'), (2, 10, 7.0, 'shipped', 2, 'b', 'y'),
            (3, 11, 9.0, 'open', 1, 'c', 'z'), (4, 12, 1.0, 'shipped', 3, 'd', 'w')""";
    // two rows breaking every audit of the staging models at once
    private static final String BAD = """
            (1, NULL, -5.0, 'void', 0, '', NULL), (1, NULL, 500.0, 'void', 0, '', NULL)""";

    @TempDir
    Path tmp;

    private ShopProject gates(SparkSession spark) {
        ShopProject project = ShopProject.fixtureProject(tmp, "gates", spark);
        spark.sql("CREATE SCHEMA raw");
        spark.sql("CREATE TABLE raw.orders (id BIGINT, customer_id BIGINT, amount DOUBLE, status STRING, qty INT, code STRING,"
                + " name STRING) USING delta");
        spark.sql("INSERT INTO raw.orders VALUES " + CLEAN);
        spark.sql("CREATE TABLE raw.sales (sale_id BIGINT, sale_date DATE, amount DOUBLE) USING delta");
        spark.sql("""
                INSERT INTO raw.sales VALUES (1, DATE '2024-01-01', 10.0), (2, DATE '2024-01-02', -3.0),
                  (3, DATE '2024-01-03', 4.0), (4, DATE '2024-01-04', 6.0)""");
        return project;
    }

    @Test
    void everyAuditKindPassesOnCleanDataAndFailsOnBadDataInBothFormats(SparkSession spark) {
        ShopProject gates = gates(spark);
        gates.write("models/marts/daily_sales.sql", gates.read("models/marts/daily_sales.sql").replace("amount >= 0", "sales > 0"));

        CliRunner.Result applied = gates.ok("plan", "prod", "--auto-apply", "--execution-time", "2024-01-05T00:00:00Z");

        assertThat(applied.stdout()).contains("staging.orders_delta  -> ").contains("; audits: not_null, unique_values,")
                .contains("assert_positive (non-blocking)");
        assertThat(applied.stderr()).contains("staging.orders_delta  audits passed: not_null, unique_values, "
                + "unique_combination_of_columns, accepted_values, accepted_range, number_of_rows, forall, not_constant, at_least_one, "
                + "not_empty_string, assert_positive");
        assertThat(gates.ok("audit", "--json").stdout()).doesNotContain("\"passed\" : false");

        // the tables go bad behind Veneer's back; 'audit' checks them as they are
        spark.sql("INSERT OVERWRITE " + gates.tableName("staging.orders_delta", "prod") + " VALUES " + BAD);
        spark.sql("INSERT OVERWRITE " + gates.tableName("staging.orders_iceberg", "prod") + " VALUES " + BAD);
        CliRunner.Result audit = gates.veneer("audit", "staging.orders_delta", "staging.orders_iceberg", "--json");

        assertThat(audit.exitCode()).as("a blocking audit failed").isEqualTo(1);
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("not_null", 2L);
        expected.put("unique_values", 1L);
        expected.put("unique_combination_of_columns", 1L);
        expected.put("accepted_values", 2L);
        expected.put("accepted_range", 2L);
        expected.put("number_of_rows", 1L);
        expected.put("forall", 2L);
        expected.put("not_constant", 1L);
        expected.put("at_least_one", 1L);
        expected.put("not_empty_string", 2L);
        expected.put("assert_positive", 2L);
        JsonNode results = ShopProject.parse(audit.stdout()).get("results");
        for (String model : List.of("staging.orders_delta", "staging.orders_iceberg")) {
            Map<String, Long> found = new LinkedHashMap<>();
            results.forEach(result -> {
                if (result.get("model").asText().equals(model)) {
                    found.put(result.get("audit").asText(), result.get("offending_rows").asLong());
                }
            });
            assertThat(found).as(model).containsExactlyEntriesOf(expected);
        }
        JsonNode notNull = results.get(0);
        assertThat(notNull.get("sample")).hasSize(2);
        assertThat(notNull.get("sample").get(0).get("customer_id").asText()).isEqualTo("NULL");
        assertThat(gates.veneer("audit", "staging.orders_iceberg").stdout()).contains("staging.orders_iceberg  not_null",
                "FAILED  2 offending rows", "customer_id=NULL", "assert_positive", "(non-blocking)", "0 passed, 11 failed (10 blocking).");
    }

    @Test
    void aFailingBlockingAuditLeavesTheEnvironmentAndItsViewsAsTheyWere(SparkSession spark) {
        ShopProject gates = gates(spark);
        gates.write("models/marts/daily_sales.sql", gates.read("models/marts/daily_sales.sql").replace("amount >= 0", "sales > 0"));
        gates.ok("plan", "prod", "--auto-apply", "--execution-time", "2024-01-05T00:00:00Z");
        String prodTable = gates.tableName("staging.orders_iceberg", "prod");
        String views = gates.viewDefinitions();

        CliRunner.Result reused = gates.ok("plan", "dev", "--execution-time", "2024-01-05T00:00:00Z");
        assertThat(reused.stdout()).as("plan shows what the audits of reused tables found")
                .contains("staging.orders_iceberg  = " + prodTable + "  [audits: accepted_range passed, accepted_values passed,");

        // a metadata change: the audit re-runs on prod's table, which is not rebuilt, and fails
        gates.edit("models/staging/orders_iceberg.sql", "threshold := 3", "threshold := 10");
        JsonNode plan = gates.json("plan", "dev", "--json", "--execution-time", "2024-01-05T00:00:00Z");
        assertThat(plan.get("builds")).isEmpty();
        assertThat(plan.get("audit_checks").get(0).get("model").asText()).isEqualTo("staging.orders_iceberg");
        CliRunner.Result failed = gates.veneer("plan", "dev", "--auto-apply", "--execution-time", "2024-01-05T00:00:00Z");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stderr()).contains("error: audit number_of_rows of model staging.orders_iceberg failed: 1 offending row",
                "row_count=4", "environment 'dev' is unchanged");
        assertThat(gates.veneer("table-name", "staging.orders_iceberg", "--env", "dev").exitCode()).isEqualTo(1);
        assertThat(gates.views("staging__dev")).isEmpty();
        assertThat(gates.viewDefinitions()).isEqualTo(views);

        gates.edit("models/staging/orders_iceberg.sql", "threshold := 10", "threshold := 10, blocking := false");
        CliRunner.Result warned = gates.ok("plan", "dev", "--auto-apply", "--execution-time", "2024-01-05T00:00:00Z");
        assertThat(warned.stderr()).contains("staging.orders_iceberg  WARNING: non-blocking audit number_of_rows failed: 1 offending row");
        assertThat(gates.tableName("staging.orders_iceberg", "dev")).isEqualTo(prodTable);
    }

    @Test
    void aFailingBatchAuditStopsTheLaterBatches(SparkSession spark) {
        ShopProject gates = gates(spark);

        CliRunner.Result failed = gates.veneer("plan", "prod", "--auto-apply", "--execution-time", "2024-01-05T00:00:00Z");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stderr()).contains("audit forall of model marts.daily_sales failed: 1 offending row in [2024-01-02, 2024-01-03)",
                "amount=-3.0", "environment 'prod' is unchanged")
                .contains("marts.daily_sales  batch 1/4").doesNotContain("marts.daily_sales  batch 3/4");
        assertThat(gates.veneer("envs", "--json").stdout()).doesNotContain("\"prod\"");
        String table = spark.sql("SHOW TABLES IN lake.veneer__marts").collectAsList().get(0).getString(1);
        assertThat(gates.rows("SELECT CAST(sale_date AS STRING) FROM lake.veneer__marts." + table + " ORDER BY sale_date").toString())
                .as("batches 3 and 4 never ran").isEqualTo("[[2024-01-01], [2024-01-02]]");
    }
}
