package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veneer.spark.testing.SharedSparkSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unit tests of models through the CLI on the {@code gates} fixture: passing, failing with a
 * readable diff, each bad input with its file and line, the plan's gate, and create-test's round trip.
 */
@ExtendWith(SharedSparkSession.class)
class UnitTestsTest {
    private static final String CUSTOMER_TOTALS = """
            MODEL (name marts.customer_totals, kind FULL);

            WITH shipped AS (
              SELECT customer_id, amount FROM staging.orders_iceberg WHERE status = 'shipped'
            )
            SELECT customer_id, sum(amount) AS total, count(*) AS orders
            FROM shipped
            GROUP BY customer_id
            """;

    private static final String TESTS = """
            test_customer_totals:
              model: marts.customer_totals
              inputs:
                staging.orders_iceberg:
                  rows:
                    - {id: 1, customer_id: 10, amount: 5.0, status: shipped}
                    - {id: 2, customer_id: 10, amount: 7.5, status: shipped}
                    - {id: 3, customer_id: 11, amount: 9.0, status: open}
              outputs:
                ctes:
                  shipped:
                    rows:
                      - {customer_id: 10, amount: 7.5}
                      - {customer_id: 10, amount: 5.0}
                query:
                  rows:
                    - {customer_id: 10, total: 12.5}

            test_daily_sales:
              model: marts.daily_sales
              inputs:
                raw.sales:
                  - {sale_id: 1, sale_date: 2024-01-01, amount: 0.1}
                  - {sale_id: 2, sale_date: 2024-01-01, amount: 0.2}
                  - {sale_id: 3, sale_date: 2024-01-03, amount: 4.0}
              outputs:
                query:
                  - {sale_date: 2024-01-01, amount: 0.3, sales: 2}
              vars:
                start: 2024-01-01
                end: 2024-01-02
            """;

    private static final String FAILING = """
            test_wrong_total:
              model: marts.customer_totals
              inputs:
                staging.orders_iceberg:
                  rows:
                    - {customer_id: 10, amount: 5.0, status: shipped}
                    - {customer_id: 11, amount: 1.0, status: shipped}
              outputs:
                query:
                  rows:
                    - {customer_id: 10, total: 99.0}
                    - {customer_id: 12, total: 1.0}
            """;

    @TempDir
    Path tmp;

    private ShopProject gates(SparkSession spark) {
        ShopProject gates = ShopProject.fixtureProject(tmp, "gates", spark);
        gates.write("models/marts/customer_totals.sql", CUSTOMER_TOTALS);
        gates.write("tests/test_models.yaml", TESTS);
        return gates;
    }

    @Test
    void testsPassOrFailWithAReadableDiff(SparkSession spark) {
        ShopProject gates = gates(spark);
        gates.write("tests/test_failing.yaml", FAILING);

        CliRunner.Result run = gates.veneer("test");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("Running 3 unit tests:", "PASS  test_customer_totals  (marts.customer_totals, tests/test_models.yaml:1:1)",
                "PASS  test_daily_sales", "FAIL  test_wrong_total  (marts.customer_totals, tests/test_failing.yaml:1:1)",
                "outputs.query differs (rows compared in any order, on customer_id, total): expected 2 rows, got 2",
                "expected (tests/test_failing.yaml:11:11): customer_id=10, total=99.0",
                "actual:   customer_id=10, total=5.0",
                "total: expected 99.0, actual 5.0",
                "expected (tests/test_failing.yaml:12:11): customer_id=12, total=1.0",
                "customer_id: expected 12, actual 11",
                "2 passed, 1 failed, 0 errors.");
        JsonNode matched = ShopProject.parse(gates.ok("test", "--match", "test_customer_*", "--json").stdout());
        assertThat(matched.get("passed").asBoolean()).isTrue();
        assertThat(matched.get("tests")).hasSize(1);
    }

    @Test
    void badTestFilesAreErrorsNamingFileAndLine(SparkSession spark) {
        ShopProject gates = gates(spark);

        gates.write("tests/test_bad.yaml", "test_missing:\n  model: marts.customer_totals\n  inputs: {}\n"
                + "  outputs:\n    query: []\n");
        assertThat(gates.veneer("test").stderr()).contains("error: tests/test_bad.yaml:3:3: test test_missing: model marts.customer_totals"
                + " reads staging.orders_iceberg but the test gives no input for it");

        gates.write("tests/test_bad.yaml", "test_yaml:\n  model: [marts.customer_totals\n  inputs: {}\n");
        assertThat(gates.veneer("test").stderr()).contains("error: tests/test_bad.yaml:3:", "not valid YAML");

        gates.write("tests/test_bad.yaml", "test_unknown:\n  model: marts.nope\n  outputs:\n    query: []\n");
        assertThat(gates.veneer("test").stderr()).contains("error: tests/test_bad.yaml:2:10: test test_unknown: unknown model 'marts.nope';"
                + " the project's models: marts.customer_totals, marts.daily_sales");

        gates.write("tests/test_bad.yaml", "test_column:\n  model: marts.customer_totals\n  inputs:\n    staging.orders_iceberg:\n"
                + "      - {customer_id: 1, colour: red}\n  outputs:\n    query: []\n");
        CliRunner.Result column = gates.veneer("test", "--match", "test_column");
        assertThat(column.exitCode()).isEqualTo(1);
        assertThat(column.stdout()).contains("ERROR test_column", "tests/test_bad.yaml:5:26: input staging.orders_iceberg has no column"
                + " 'colour'; its columns: id, customer_id, amount, status, qty, code, name");
        assertThat(Files.exists(gates.dir.resolve(".veneer/state.db"))).as("a test touches no state").isFalse();
    }

    @Test
    void planRunsTheTestsOfChangedModelsAndCreateTestWritesAPassingTest(SparkSession spark) {
        ShopProject gates = gates(spark);
        gates.write("tests/test_failing.yaml", FAILING);
        spark.sql("CREATE SCHEMA raw");
        spark.sql("CREATE TABLE raw.orders (id BIGINT, customer_id BIGINT, amount DOUBLE, status STRING, qty INT, code STRING,"
                + " name STRING) USING delta");
        spark.sql("INSERT INTO raw.orders VALUES (1, 10, 5.0, 'shipped', 1, 'a', 'x'), (2, 10, 7.0, 'open', 2, 'b', 'y'),"
                + " (3, 11, 9.0, 'shipped', 1, 'c', 'z'), (4, 12, 1.0, 'shipped', 3, 'd', 'w')");
        spark.sql("CREATE TABLE raw.sales (sale_id BIGINT, sale_date DATE, amount DOUBLE) USING delta");
        spark.sql("INSERT INTO raw.sales VALUES (1, DATE '2024-01-01', 10.0)");

        assertThat(gates.ok("plan", "prod").stdout()).contains("Unit tests of the changed models: 3 (test_wrong_total, "
                + "test_customer_totals, test_daily_sales); they run before --auto-apply applies, or now with --run-tests");
        CliRunner.Result refused = gates.veneer("plan", "prod", "--auto-apply", "--execution-time", "2024-01-02T00:00:00Z");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stdout()).contains("FAIL  test_wrong_total", "2 passed, 1 failed");
        assertThat(refused.stderr()).contains("1 of 3 unit tests of the changed models failed (see above), so nothing was applied");
        assertThat(gates.ok("envs", "--json").stdout()).doesNotContain("\"prod\"");

        gates.ok("plan", "prod", "--auto-apply", "--skip-tests", "--execution-time", "2024-01-02T00:00:00Z");
        CliRunner.Result created = gates.ok("create-test", "marts.customer_totals", "--query", "staging.orders_iceberg",
                "SELECT * FROM staging.orders_iceberg WHERE customer_id <= 11 ORDER BY id LIMIT 5", "--name", "test_from_prod");

        assertThat(created.stdout()).contains("Wrote tests/test_from_prod.yaml (2 expected rows)");
        assertThat(gates.read("tests/test_from_prod.yaml")).contains("test_from_prod:", "model: marts.customer_totals",
                "staging.orders_iceberg:", "- id: 1", "status: shipped", "total: 9.0");
        assertThat(gates.ok("test", "--match", "test_from_prod").stdout()).contains("PASS  test_from_prod", "1 passed");
    }
}
