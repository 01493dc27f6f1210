package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veneer.spark.testing.SharedSparkSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code table-diff}, {@code plan --diff}, {@code lineage} and {@code dag} through the real CLI on the
 * shop project: {@code staging.orders} is a Delta table, {@code marts.customer_revenue} an Iceberg one
 * with grain {@code customer_id}.
 */
@ExtendWith(SharedSparkSession.class)
class QualityGatesCliTest {
    private static final String ORDERS = "models/staging/orders.sql";
    private static final String REVENUE = "models/marts/customer_revenue.sql";

    @TempDir
    Path tmp;

    ShopProject shop;

    @BeforeEach
    void setUp() {
        shop = ShopProject.create(tmp, SharedSparkSession.spark());
        shop.ok("plan", "prod", "--auto-apply");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.isTextual() ? node.asText() : node.toString()));
        return texts;
    }

    private static JsonNode column(JsonNode diff, String name) {
        for (JsonNode column : diff.get("columns")) {
            if (column.get("column").asText().equals(name)) {
                return column;
            }
        }
        throw new AssertionError("no column " + name + " in " + diff);
    }

    @Test
    void tableDiffComparesIdenticalChangedAndDuplicateKeyTablesOnDeltaAndIcebergAndRefusesBadInputs() {
        CliRunner.Result same = shop.ok("table-diff", "prod:prod", "staging.orders");
        assertThat(same.stdout()).contains("Both environments point at the same physical table").doesNotContain("Rows:");

        // identical data in a new table (Delta), then changed values (and, downstream, an Iceberg table)
        shop.edit(ORDERS, "  amount,", "  amount + 0 AS amount,");
        shop.ok("plan", "same_data", "--auto-apply");
        JsonNode identical = shop.json("table-diff", "prod:same_data", "staging.orders", "--on", "order_id", "--json");
        assertThat(identical.get("same_table").asBoolean()).isFalse();
        assertThat(identical.get("identical").asBoolean()).isTrue();
        assertThat(identical.get("rows").get("joined").asLong()).isEqualTo(5);

        shop.edit(ORDERS, "  amount + 0 AS amount,", "  CASE WHEN id = 1 THEN amount * 2 ELSE amount END AS amount,\n  amount AS raw_amount,");
        CliRunner.Result planned = shop.ok("plan", "dev", "--auto-apply", "--diff");
        assertThat(planned.stdout()).contains("~ marts.big_orders  INDIRECT_BREAKING  (rebuilt: its rows depend on: staging.orders.amount)",
                "Data diff of directly modified models, prod -> dev:", "staging.orders: 5 rows -> 5 rows (no grain");

        JsonNode orders = shop.json("table-diff", "prod:dev", "staging.orders", "--on", "order_id", "--json");
        assertThat(orders.get("row_counts").toString()).isEqualTo("{\"source\":5,\"target\":5}");
        assertThat(column(orders, "amount").get("differing").asLong()).isEqualTo(1);
        assertThat(column(orders, "amount").get("share").asDouble()).isEqualTo(0.2);
        assertThat(column(orders, "status").get("differing").asLong()).isZero();
        assertThat(texts(orders.get("schema").get("added"))).containsExactly("{\"column\":\"raw_amount\",\"type\":\"double\"}");
        assertThat(orders.get("samples").get("differing").get(0).toString())
                .isEqualTo("{\"order_id\":1,\"customer_id__a\":1,\"customer_id__b\":1,\"amount__a\":50.0,\"amount__b\":100.0,\"status__a\":\"paid\",\"status__b\":\"paid\"}");

        JsonNode revenue = shop.json("table-diff", "prod:dev", "marts.customer_revenue", "--json");
        assertThat(texts(revenue.get("on"))).as("keys from the model's grain").containsExactly("customer_id");
        assertThat(revenue.get("target_table").asText()).startsWith("lake.");
        assertThat(column(revenue, "revenue").get("differing").asLong()).isEqualTo(1);
        CliRunner.Result text = shop.ok("table-diff", "prod:dev", "marts.customer_revenue");
        assertThat(text.stdout()).contains("joined on: customer_id", "revenue", "1   33.33%", "Matched rows with differing values");

        JsonNode filtered = shop.json("table-diff", "prod:dev", "staging.orders", "--on", "customer_id", "--where", "order_id > 1", "--json");
        assertThat(column(filtered, "amount").get("differing").asLong()).as("order 1 filtered out").isZero();
        assertThat(filtered.get("duplicate_keys").get("source").get("keys").asLong()).as("customer 3 twice; customer 1 once after the filter")
                .isEqualTo(1);

        // duplicate keys are counted and left out, on Delta and on Iceberg
        CliRunner.Result byCustomer = shop.ok("table-diff", "prod:dev", "staging.orders", "--on", "customer_id");
        assertThat(byCustomer.stdout()).contains("! prod repeats 2 keys in 4 rows: those rows are left out of the matching",
                "! dev repeats 2 keys in 4 rows", "matched on the keys: 1   only in prod: 0   only in dev: 0");
        JsonNode byCountry = shop.json("table-diff", "prod:dev", "marts.customer_revenue", "--on", "country", "--json");
        assertThat(byCountry.get("duplicate_keys").get("source").get("keys").asLong()).isEqualTo(1);
        assertThat(byCountry.get("rows").get("joined").asLong()).isEqualTo(1);

        // bad inputs: a message, the right exit status, nothing changed
        String envsBefore = shop.ok("envs", "--json").stdout();

        CliRunner.Result noColon = shop.veneer("table-diff", "prod", "staging.orders");
        assertThat(noColon.exitCode()).isEqualTo(2);
        assertThat(noColon.stderr()).contains("'prod' is not ENV_A:ENV_B");
        assertThat(shop.veneer("table-diff", "prod:", "staging.orders").exitCode()).isEqualTo(2);

        CliRunner.Result unknownEnv = shop.veneer("table-diff", "prod:nope", "staging.orders", "--json");
        assertThat(unknownEnv.exitCode()).isEqualTo(1);
        assertThat(ShopProject.parse(unknownEnv.stdout()).get("error").get("message").asText()).contains("environment 'nope' does not exist");

        CliRunner.Result unknownModel = shop.veneer("table-diff", "prod:dev", "staging.nope");
        assertThat(unknownModel.exitCode()).isEqualTo(1);
        assertThat(unknownModel.stderr()).contains("model staging.nope is not in environment 'prod'");

        CliRunner.Result noKey = shop.veneer("table-diff", "prod:dev", "staging.orders");
        assertThat(noKey.exitCode()).isEqualTo(1);
        assertThat(noKey.stderr()).contains("no key to match rows of staging.orders on", "--on COL", "grain");

        CliRunner.Result badKey = shop.veneer("table-diff", "prod:dev", "staging.orders", "--on", "nope");
        assertThat(badKey.exitCode()).isEqualTo(1);
        assertThat(badKey.stderr()).contains("key column 'nope' is not a column of", "its columns are: order_id, customer_id, amount, status");

        assertThat(shop.veneer("table-diff", "prod:dev", "staging.orders", "--on", "order_id", "--limit", "-1").exitCode()).isEqualTo(2);
        assertThat(shop.ok("envs", "--json").stdout()).isEqualTo(envsBefore);

        // plan --diff of a model with a grain, in JSON
        shop.edit(REVENUE, "sum(p.amount) AS revenue", "sum(p.amount) + 1 AS revenue");
        JsonNode plan = shop.json("plan", "dev", "--auto-apply", "--diff", "--json");
        JsonNode diffs = plan.get("table_diffs");
        assertThat(diffs).hasSize(1);
        assertThat(diffs.get(0).get("model").asText()).isEqualTo("marts.customer_revenue");
        assertThat(column(diffs.get(0), "revenue").get("share").asDouble()).isEqualTo(1.0);
        assertThat(shop.spark.sql("SHOW VIEWS").collectAsList()).as("no temporary view left behind")
                .noneMatch(row -> row.getString(1).startsWith("__veneer"));
    }

    @Test
    void lineageAndDagReadTheProjectOrAnEnvironment() {
        CliRunner.Result revenue = shop.ok("lineage", "marts.customer_revenue.revenue");
        assertThat(revenue.stdout()).contains("Upstream (what feeds it):", "<- staging.orders.amount", "<- raw.orders.amount  (external)",
                "Its rows are decided by: staging.customers.country, staging.customers.customer_id, staging.customers.name, "
                        + "staging.orders.customer_id, staging.orders.status",
                "-> reporting.country_revenue.revenue");

        JsonNode amount = shop.json("lineage", "staging.orders.amount", "--json");
        assertThat(texts(amount.get("downstream")).toString()).contains("marts.big_orders.amount", "marts.customer_revenue.revenue",
                "reporting.country_revenue.revenue");
        assertThat(amount.get("rows_depend_on_it").toString()).contains("marts.big_orders");

        JsonNode model = shop.json("lineage", "marts.big_orders", "--json");
        assertThat(model.get("columns").toString()).as("* expanded from staging.orders' columns")
                .contains("{\"column\":\"order_id\",\"sources\":[\"staging.orders.order_id\"]}");

        shop.edit(ORDERS, "  amount,", "  amount AS total,");
        assertThat(shop.ok("lineage", "marts.big_orders").stdout()).contains("total", "<- staging.orders.total");
        assertThat(shop.ok("lineage", "marts.big_orders", "--env", "prod").stdout()).as("the code prod runs")
                .contains("<- staging.orders.amount").doesNotContain("total");

        CliRunner.Result noModel = shop.veneer("lineage", "marts.nope.x");
        assertThat(noModel.exitCode()).isEqualTo(1);
        assertThat(noModel.stderr()).contains("there is no model marts.nope");
        CliRunner.Result noColumn = shop.veneer("lineage", "marts.customer_revenue.nope", "--json");
        assertThat(noColumn.exitCode()).isEqualTo(1);
        assertThat(ShopProject.parse(noColumn.stdout()).get("error").get("message").asText())
                .isEqualTo("model marts.customer_revenue has no column 'nope'; its columns are: customer_id, name, country, revenue");
        assertThat(shop.veneer("lineage", "nonsense").exitCode()).isEqualTo(1);
        assertThat(shop.veneer("lineage", "raw.orders.amount").stderr()).contains("raw.orders is an external table, not a model");
        assertThat(shop.veneer("lineage", "staging.orders.amount", "--env", "nope").stderr()).contains("environment 'nope' does not exist");

        CliRunner.Result dag = shop.ok("dag", "--env", "prod");
        assertThat(dag.stdout()).contains("* staging.orders", "[BREAKING]", "* marts.big_orders", "[INDIRECT_BREAKING]",
                "  staging.customers", "Against prod: 0 added, 4 changed (4 to rebuild), 0 removed.");
        JsonNode json = shop.json("dag", "--format", "json", "--env", "prod");
        assertThat(json.get("models").toString()).contains(
                "\"model\":\"staging.customers\",\"kind\":\"FULL\",\"path\":\"models/staging/customers.sql\",\"parents\":[],"
                        + "\"external_parents\":[\"raw.customers\"],\"change\":\"unchanged\",\"category\":null,\"rebuilt\":false");
        String dot = shop.ok("dag", "--format", "dot").stdout();
        assertThat(dot).startsWith("digraph veneer {").contains("\"staging.orders\" -> \"marts.customer_revenue\";",
                "\"raw.orders\" [shape=ellipse");
        assertThat(shop.veneer("dag", "--format", "xml").exitCode()).isEqualTo(2);
        assertThat(shop.veneer("dag", "--env", "nope").exitCode()).isEqualTo(1);
    }
}
