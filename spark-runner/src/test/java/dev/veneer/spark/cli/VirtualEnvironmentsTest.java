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
 * The walking skeleton end to end through the real CLI: SQL files, a real SparkSession writing
 * Delta and Iceberg tables, views in a real Hive metastore, state in SQLite.
 */
@ExtendWith(SharedSparkSession.class)
class VirtualEnvironmentsTest {
    @TempDir
    Path tmp;

    ShopProject shop;

    @BeforeEach
    void setUp() {
        shop = ShopProject.create(tmp, SharedSparkSession.spark());
    }

    @Test
    void firstProdDeployBuildsEveryModelInBothFormats() {
        JsonNode plan = shop.json("plan", "prod", "--json", "--auto-apply");

        assertThat(texts(plan.get("added"))).containsExactly(
                "marts.big_orders", "marts.customer_revenue", "reporting.country_revenue", "staging.customers", "staging.orders");
        assertThat(plan.get("backfills")).hasSize(4);
        assertThat(shop.tableName("staging.orders", "prod")).startsWith("spark_catalog.veneer__staging.staging__orders__");
        assertThat(shop.tableName("staging.customers", "prod")).startsWith("lake.veneer__staging.staging__customers__");
        assertThat(shop.count("SELECT count(*) FROM staging.orders")).isEqualTo(5);
        assertThat(shop.rows("SELECT country, revenue FROM reporting.country_revenue ORDER BY country").toString())
                .isEqualTo("[[DE,200.0], [FR,320.0]]");
        assertThat(shop.count("SELECT count(*) FROM marts.big_orders")).isEqualTo(3);
        assertThat(shop.spark.sql("DESCRIBE EXTENDED " + shop.tableName("staging.customers", "prod"))
                .filter("col_name = 'Provider'").collectAsList().get(0).getString(1)).isEqualToIgnoringCase("iceberg");
        assertThat(shop.spark.sql("DESCRIBE EXTENDED " + shop.tableName("staging.orders", "prod"))
                .filter("col_name = 'Provider'").collectAsList().get(0).getString(1)).isEqualToIgnoringCase("delta");

        JsonNode envs = shop.json("envs", "--json");
        assertThat(envs.get("environments")).hasSize(1);
        assertThat(envs.get("environments").get(0).get("name").asText()).isEqualTo("prod");
        assertThat(envs.get("environments").get(0).get("finalized").asBoolean()).isTrue();
    }

    @Test
    void breakingChangeInDevRebuildsOnlyTheModelAndItsChildren() {
        shop.ok("plan", "prod", "--auto-apply");
        String prodOrders = shop.tableName("staging.orders", "prod");
        String prodCustomers = shop.tableName("staging.customers", "prod");
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'");

        CliRunner.Result readable = shop.ok("plan", "dev");
        assertThat(readable.stdout())
                .contains("Plan for environment dev (base: prod)")
                .contains("staging.customers  BREAKING")
                .contains("+FROM raw.customers WHERE country = 'FR'")
                .contains("marts.customer_revenue  INDIRECT_BREAKING")
                .contains("reporting.country_revenue  INDIRECT_BREAKING")
                .contains("Summary:");
        JsonNode plan = shop.json("plan", "dev", "--json", "--auto-apply");

        assertThat(plan.get("environment").asText()).isEqualTo("dev");
        assertThat(plan.get("base_environment").asText()).isEqualTo("prod");
        assertThat(plan.get("directly_modified").get(0).get("model").asText()).isEqualTo("staging.customers");
        assertThat(plan.get("directly_modified").get(0).get("category").asText()).isEqualTo("BREAKING");
        assertThat(JsonNodes.models(plan.get("backfills"))).containsExactly("staging.customers", "marts.customer_revenue", "reporting.country_revenue");
        assertThat(shop.tableName("staging.orders", "dev")).isEqualTo(prodOrders);
        assertThat(shop.tableName("staging.customers", "dev")).isNotEqualTo(prodCustomers);
        assertThat(shop.rows("SELECT country FROM reporting__dev.country_revenue").toString()).isEqualTo("[[FR]]");
        assertThat(shop.rows("SELECT country FROM reporting.country_revenue ORDER BY country").toString()).isEqualTo("[[DE], [FR]]");
        assertThat(shop.ok("query", "--env", "dev", "SELECT count(*) AS n FROM staging.customers").stdout()).contains("2");
        assertThat(shop.ok("query", "SELECT count(*) AS n FROM staging.customers").stdout()).contains("3");
        assertThat(shop.views("staging__dev")).containsExactly("customers", "orders");
    }

    @Test
    void nonBreakingChangeKeepsChildrenTablesButRepointsViewModels() {
        shop.ok("plan", "prod", "--auto-apply");
        String prodRevenue = shop.tableName("marts.customer_revenue", "prod");
        String prodBigOrders = shop.tableName("marts.big_orders", "prod");
        shop.edit("models/staging/orders.sql", "  status\nFROM", "  status,\n  amount * 2 AS double_amount\nFROM");

        JsonNode plan = shop.json("plan", "dev", "--json", "--auto-apply");

        assertThat(plan.get("directly_modified").get(0).get("category").asText()).isEqualTo("NON_BREAKING");
        assertThat(categories(plan.get("indirectly_modified"))).containsExactly(
                "marts.big_orders=INDIRECT_NON_BREAKING", "marts.customer_revenue=INDIRECT_NON_BREAKING",
                "reporting.country_revenue=INDIRECT_NON_BREAKING");
        assertThat(shop.tableName("marts.customer_revenue", "dev")).isEqualTo(prodRevenue);
        // A VIEW-kind model names its parent's physical table, so it gets a new physical view.
        assertThat(shop.tableName("marts.big_orders", "dev")).isNotEqualTo(prodBigOrders);
        assertThat(JsonNodes.models(plan.get("backfills"))).containsExactly("staging.orders");
        assertThat(shop.rows("SELECT max(double_amount) FROM marts__dev.big_orders").toString()).isEqualTo("[[400.0]]");
    }

    @Test
    void promotionToProdComputesNothingAndRepointsViews() {
        shop.ok("plan", "prod", "--auto-apply");
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'");
        shop.ok("plan", "dev", "--auto-apply");
        String devRevenue = shop.tableName("reporting.country_revenue", "dev");

        JsonNode promotion = shop.json("plan", "prod", "--json", "--auto-apply");

        assertThat(promotion.get("backfills")).isEmpty();
        assertThat(promotion.get("builds")).isEmpty();
        assertThat(JsonNodes.models(promotion.get("views"))).containsExactly("marts.customer_revenue", "reporting.country_revenue", "staging.customers");
        assertThat(shop.tableName("reporting.country_revenue", "prod")).isEqualTo(devRevenue);
        assertThat(shop.rows("SELECT country FROM reporting.country_revenue").toString()).isEqualTo("[[FR]]");
    }

    @Test
    void revertingCodeRepointsViewsAtTheOldTables() {
        shop.ok("plan", "prod", "--auto-apply");
        String original = shop.read("models/staging/customers.sql");
        String originalTable = shop.tableName("staging.customers", "prod");
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'");
        shop.ok("plan", "prod", "--auto-apply");
        assertThat(shop.tableName("staging.customers", "prod")).isNotEqualTo(originalTable);

        shop.write("models/staging/customers.sql", original);
        JsonNode rollback = shop.json("plan", "prod", "--json", "--auto-apply");

        assertThat(rollback.get("builds")).isEmpty();
        assertThat(shop.tableName("staging.customers", "prod")).isEqualTo(originalTable);
        assertThat(shop.count("SELECT count(*) FROM staging.customers")).isEqualTo(3);
    }

    @Test
    void formattingOnlyEditChangesNothing() {
        shop.ok("plan", "prod", "--auto-apply");
        shop.write("models/staging/customers.sql", """
                MODEL (name staging.customers, kind FULL, owner 'data-eng');
                -- the same query, reformatted
                select   ID as CUSTOMER_ID,
                         name,   country
                  from RAW.CUSTOMERS
                """);

        JsonNode plan = shop.json("plan", "prod", "--json");

        assertThat(plan.get("directly_modified")).isEmpty();
        assertThat(plan.get("metadata_updated")).isEmpty();
        assertThat(plan.get("views")).isEmpty();
        assertThat(shop.ok("plan", "prod").stdout()).contains("No changes");
    }

    @Test
    void metadataOnlyChangeKeepsTheTable() {
        shop.ok("plan", "prod", "--auto-apply");
        String table = shop.tableName("staging.customers", "prod");
        shop.edit("models/staging/customers.sql", "owner 'data-eng'", "owner 'analytics'");

        JsonNode plan = shop.json("plan", "prod", "--json", "--auto-apply");

        assertThat(texts(plan.get("metadata_updated"))).containsExactly("staging.customers");
        assertThat(plan.get("builds")).isEmpty();
        assertThat(shop.tableName("staging.customers", "prod")).isEqualTo(table);
    }

    @Test
    void secondOfTwoRacingPlansIsRefusedAndChangesNothing() {
        shop.ok("plan", "prod", "--auto-apply");
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'");
        shop.ok("plan", "dev", "--out", tmp.resolve("first.json").toString());
        shop.edit("models/staging/customers.sql", "country = 'FR'", "country = 'DE'");
        shop.ok("plan", "dev", "--out", tmp.resolve("second.json").toString());

        shop.ok("apply", tmp.resolve("first.json").toString());
        String envsAfterFirst = shop.ok("envs", "--json").stdout();
        String viewsAfterFirst = shop.viewDefinitions();
        CliRunner.Result second = shop.veneer("apply", tmp.resolve("second.json").toString());

        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.stderr()).contains("environment 'dev' changed since this plan was made; plan again");
        assertThat(shop.ok("envs", "--json").stdout()).isEqualTo(envsAfterFirst);
        assertThat(shop.viewDefinitions()).isEqualTo(viewsAfterFirst);
        assertThat(shop.rows("SELECT DISTINCT country FROM staging__dev.customers").toString()).isEqualTo("[[FR]]");
    }

    @Test
    void failingModelLeavesEnvironmentAndViewsAsTheyWereAndRetryReusesFinishedBuilds() {
        shop.ok("plan", "prod", "--auto-apply");
        shop.ok("plan", "dev", "--auto-apply");
        String envsBefore = shop.ok("envs", "--json").stdout();
        String viewsBefore = shop.viewDefinitions();
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'");
        shop.edit("models/reporting/country_revenue.sql", "sum(revenue) AS revenue", "sum(no_such_column) AS revenue");

        CliRunner.Result result = shop.veneer("plan", "dev", "--auto-apply");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("reporting.country_revenue").contains("no_such_column");
        assertThat(shop.ok("envs", "--json").stdout()).isEqualTo(envsBefore);
        assertThat(shop.viewDefinitions()).isEqualTo(viewsBefore);

        // Fixing the model and applying again reuses what the failed attempt already built.
        shop.edit("models/reporting/country_revenue.sql", "sum(no_such_column) AS revenue", "sum(revenue) AS revenue");
        JsonNode fixed = shop.json("plan", "dev", "--json", "--auto-apply");
        assertThat(JsonNodes.models(fixed.get("builds"))).containsExactly("reporting.country_revenue");
        assertThat(shop.rows("SELECT country FROM reporting__dev.country_revenue").toString()).isEqualTo("[[FR]]");
    }

    @Test
    void renderShowsPhysicalTablesOfTheEnvironment() {
        shop.ok("plan", "prod", "--auto-apply");

        String rendered = shop.ok("render", "marts.customer_revenue").stdout();

        String orders = shop.tableName("staging.orders", "prod");
        assertThat(rendered).contains("`" + orders.replace(".", "`.`") + "`").contains("WITH paid AS");
        assertThat(shop.ok("dag").stdout()).contains("staging.orders").contains("raw.orders (external)");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static List<String> categories(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get("model").asText() + "=" + node.get("category").asText()));
        return values;
    }
}
