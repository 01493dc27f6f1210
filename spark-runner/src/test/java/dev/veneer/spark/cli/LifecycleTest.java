package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.spark.testing.SharedSparkSession;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Environments age, are listed, compared, invalidated and cleaned up, and prod is never touched. */
@ExtendWith(SharedSparkSession.class)
class LifecycleTest {
    @TempDir
    Path tmp;

    ShopProject shop;

    @BeforeEach
    void deployProdAndDev() {
        shop = ShopProject.create(tmp, SharedSparkSession.spark());
        shop.ok("plan", "prod", "--auto-apply");
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'");
        shop.ok("plan", "dev", "--auto-apply");
    }

    @Test
    void envsDiffAndInvalidateDescribeAndAgeEnvironments() {
        JsonNode envs = shop.json("envs", "--json").get("environments");
        JsonNode dev = envs.get(0);
        assertThat(dev.get("name").asText()).isEqualTo("dev");
        assertThat(dev.get("base_environment").asText()).isEqualTo("prod");
        assertThat(texts(dev.get("changed_against_prod")))
                .containsExactly("marts.customer_revenue", "reporting.country_revenue", "staging.customers");
        assertThat(Duration.between(Instant.parse(dev.get("last_planned_at").asText()), Instant.parse(dev.get("expires_at").asText())))
                .isBetween(Duration.ofDays(7).minusMinutes(5), Duration.ofDays(7));
        assertThat(envs.get(1).get("expires_at").isNull()).as("prod never expires").isTrue();
        assertThat(shop.ok("envs").stdout()).contains("CHANGED", "LAST PLAN", "never");

        JsonNode diff = shop.json("diff", "prod", "dev", "--json");
        assertThat(categories(diff)).containsExactly(
                "marts.customer_revenue=INDIRECT_BREAKING", "reporting.country_revenue=INDIRECT_BREAKING", "staging.customers=BREAKING");
        assertThat(shop.ok("diff", "dev", "prod").stdout()).contains("3 models differ between dev and prod", "staging.customers", "BREAKING");
        assertThat(shop.ok("diff", "prod", "prod").stdout()).contains("same snapshot");

        shop.write("veneer.yaml", shop.read("veneer.yaml") + "environment_ttl: 2h\n");
        shop.edit("models/staging/orders.sql", "status\n", "status,\n  amount * 2 AS doubled\n");
        shop.ok("plan", "short_lived", "--auto-apply");
        JsonNode shortLived = shop.json("envs", "--json").get("environments").get(2);
        assertThat(shortLived.get("name").asText()).isEqualTo("short_lived");
        assertThat(Duration.between(Instant.parse(shortLived.get("last_planned_at").asText()), Instant.parse(shortLived.get("expires_at").asText())))
                .isBetween(Duration.ofHours(2).minusMinutes(5), Duration.ofHours(2));
        assertThat(categories(shop.json("diff", "prod", "short_lived", "--json"))).contains("staging.orders=NON_BREAKING");

        CliRunner.Result prod = shop.veneer("invalidate", "prod");
        assertThat(prod.exitCode()).isEqualTo(1);
        assertThat(prod.stderr()).contains("prod cannot be invalidated");
        assertThat(shop.veneer("invalidate", "nope").stderr()).contains("environment 'nope' does not exist");
        shop.ok("invalidate", "dev");
        assertThat(shop.json("envs", "--json").get("environments").get(0).get("expired").asBoolean()).isTrue();
        assertThat(shop.views("staging__dev")).as("views stay until the janitor runs").containsExactly("customers", "orders");
    }

    @Test
    void janitorRemovesExpiredEnvironmentsThenUnusedTablesAndNeverProd() {
        String prodViews = prodViewDefinitions();
        String devCustomers = shop.tableName("staging.customers", "dev");
        String prodCustomers = shop.tableName("staging.customers", "prod");
        shop.ok("invalidate", "dev");

        JsonNode dry = shop.json("janitor", "--dry-run", "--ignore-ttl", "--grace", "0s", "--json");
        assertThat(outcome(dry, "ENVIRONMENT", "dev")).isEqualTo("WOULD_DROP");
        assertThat(outcome(dry, "TABLE", devCustomers)).isEqualTo("WOULD_DROP");
        assertThat(shop.views("staging__dev")).as("a dry run drops nothing").hasSize(2);

        JsonNode first = shop.json("janitor", "--json");
        assertThat(outcome(first, "ENVIRONMENT", "dev")).isEqualTo("DROPPED");
        assertThat(outcome(first, "VIEW", "staging__dev.customers")).isEqualTo("DROPPED");
        assertThat(outcome(first, "SCHEMA", "staging__dev")).isEqualTo("DROPPED");
        assertThat(outcome(first, "TABLE", devCustomers)).as("just built: within the grace period").isEqualTo("KEPT");
        assertThat(reason(first, "TABLE", devCustomers)).contains("grace period");
        assertThat(reason(first, "TABLE", prodCustomers)).contains("environment prod points at it");
        assertThat(shop.json("envs", "--json").get("environments")).hasSize(1);
        assertThat(shop.views("staging__dev")).isEmpty();

        JsonNode second = shop.json("janitor", "--ignore-ttl", "--grace", "0s", "--json");
        assertThat(outcome(second, "TABLE", devCustomers)).isEqualTo("DROPPED");
        assertThat(outcome(second, "TABLE", prodCustomers)).isEqualTo("KEPT");
        assertThat(shop.spark.catalog().tableExists(devCustomers)).isFalse();
        assertThat(prodViewDefinitions()).isEqualTo(prodViews);
        assertThat(shop.rows("SELECT country, revenue FROM reporting.country_revenue ORDER BY country").toString())
                .isEqualTo("[[DE,200.0], [FR,320.0]]");
        assertThat(shop.json("janitor", "--ignore-ttl", "--grace", "0s", "--json").get("summary").asText())
                .as("idempotent").startsWith("dropped 0 environments, 0 tables");

        // --sweep-orphans: a table in a physical schema that state does not know, once past the grace period
        shop.spark.sql("CREATE TABLE veneer__staging.leftover USING delta AS SELECT 1 AS id");
        JsonNode young = shop.json("janitor", "--sweep-orphans", "--json");
        assertThat(outcome(young, "ORPHAN", "spark_catalog.veneer__staging.leftover")).isEqualTo("KEPT");
        JsonNode swept = shop.json("janitor", "--sweep-orphans", "--grace", "0s", "--json");
        assertThat(outcome(swept, "ORPHAN", "spark_catalog.veneer__staging.leftover")).isEqualTo("DROPPED");
        assertThat(swept.get("actions").findValuesAsText("subject")).containsOnlyOnce("ORPHAN");
        assertThat(shop.spark.catalog().tableExists("veneer__staging.leftover")).isFalse();
        assertThat(prodViewDefinitions()).isEqualTo(prodViews);
    }

    @Test
    void snapshotsKeepTheirTablesForTheirTtlSoARollbackCostsNothing() {
        String devCustomers = shop.tableName("staging.customers", "dev");
        shop.ok("plan", "prod", "--auto-apply");
        assertThat(shop.tableName("staging.customers", "prod")).isEqualTo(devCustomers);
        shop.edit("models/staging/customers.sql", "FROM raw.customers WHERE country = 'FR'", "FROM raw.customers");
        shop.ok("plan", "prod", "--auto-apply");
        shop.ok("invalidate", "dev");

        JsonNode kept = shop.json("janitor", "--grace", "0s", "--json");
        assertThat(outcome(kept, "TABLE", devCustomers)).isEqualTo("KEPT");
        assertThat(reason(kept, "TABLE", devCustomers)).contains("its snapshot keeps it until", "snapshot_ttl");

        shop.write("veneer.yaml", shop.read("veneer.yaml") + "snapshot_ttl: 1s\n");
        sleep(1100);
        assertThat(outcome(shop.json("janitor", "--grace", "0s", "--json"), "TABLE", devCustomers)).isEqualTo("DROPPED");
        assertThat(shop.count("SELECT count(*) FROM staging.customers")).isEqualTo(3);
    }

    @Test
    void aFailingDropIsReportedTheRestIsCleanedUpAndMissingTablesAreForgotten() {
        String prodOrders = shop.tableName("staging.orders", "prod");
        shop.spark.sql("DROP TABLE " + prodOrders);
        JsonNode repaired = shop.json("janitor", "--json");
        assertThat(outcome(repaired, "MISSING_TABLE", prodOrders)).isEqualTo("DROPPED");
        JsonNode plan = shop.json("plan", "dev", "--json", "--auto-apply");
        assertThat(plan.get("builds").findValuesAsText("physical_table")).as("rebuilt by the next plan").containsExactly(prodOrders);
        assertThat(shop.count("SELECT count(*) FROM staging.orders")).isEqualTo(5);

        shop.ok("plan", "other", "--auto-apply");
        shop.ok("invalidate", "dev");
        shop.ok("invalidate", "other");
        // someone replaced one of dev's views by a table: DROP VIEW refuses it
        shop.spark.sql("DROP VIEW staging__dev.orders");
        shop.spark.sql("CREATE TABLE staging__dev.orders USING delta AS SELECT 1 AS id");

        CliRunner.Result result = shop.veneer("janitor", "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("could not drop 2 objects", "run 'veneer janitor' again");
        JsonNode report = ShopProject.parse(result.stdout());
        assertThat(outcome(report, "VIEW", "staging__dev.orders")).isEqualTo("FAILED");
        assertThat(outcome(report, "ENVIRONMENT", "dev")).isEqualTo("FAILED");
        assertThat(outcome(report, "ENVIRONMENT", "other")).isEqualTo("DROPPED");
        assertThat(shop.json("envs", "--json").get("environments").findValuesAsText("name")).containsExactly("dev", "prod");
    }

    @Test
    void aPhysicalViewKeepsTheTableItReadsWhenNoEnvironmentPointsAtIt() {
        // A kept physical view (its snapshot is in use) names a table no environment points at any more.
        String prodOrders = shop.tableName("staging.orders", "prod");
        String prodBigOrders = shop.tableName("marts.big_orders", "prod");
        try (StateStore state = StateStores.open("jdbc:sqlite:" + shop.dir.resolve(".veneer/state.db"))) {
            EnvironmentRecord prod = state.environment("prod").orElseThrow();
            List<SnapshotPointer> withoutOrders = new ArrayList<>(prod.snapshots());
            withoutOrders.removeIf(pointer -> pointer.model().equals(ModelName.parse("staging.orders"))
                    || pointer.model().equals(ModelName.parse("marts.big_orders")));
            state.commitEnvironment(new EnvironmentRecord("prod", "hand-made", "prod", withoutOrders, prod.createdAt(), Instant.now(), null, true),
                    prod.planId());
            SnapshotKey view = prod.pointer(ModelName.parse("marts.big_orders")).orElseThrow().key();
            state.touchSnapshots(List.of(view), Instant.now().plusSeconds(3600));
        }
        shop.ok("invalidate", "dev");

        JsonNode report = shop.json("janitor", "--ignore-ttl", "--grace", "0s", "--json");

        assertThat(outcome(report, "TABLE", prodBigOrders)).isEqualTo("KEPT");
        assertThat(outcome(report, "TABLE", prodOrders)).isEqualTo("KEPT");
        assertThat(reason(report, "TABLE", prodOrders)).contains("physical view " + prodBigOrders);
        assertThat(shop.count("SELECT count(*) FROM " + prodBigOrders)).isEqualTo(3);
    }

    private String prodViewDefinitions() {
        StringBuilder out = new StringBuilder();
        for (String schema : List.of("staging", "marts", "reporting")) {
            for (String view : shop.views(schema)) {
                out.append(shop.spark.sql("SHOW CREATE TABLE " + schema + "." + view).collectAsList().get(0).getString(0)).append('\n');
            }
        }
        return out.toString();
    }

    private static String outcome(JsonNode report, String subject, String name) {
        return action(report, subject, name).get("outcome").asText();
    }

    private static String reason(JsonNode report, String subject, String name) {
        return action(report, subject, name).get("reason").asText();
    }

    private static JsonNode action(JsonNode report, String subject, String name) {
        for (JsonNode action : report.get("actions")) {
            if (action.get("subject").asText().equals(subject) && action.get("name").asText().equals(name)) {
                return action;
            }
        }
        throw new AssertionError("no " + subject + " " + name + " in " + report.toPrettyString());
    }

    private static List<String> categories(JsonNode diff) {
        List<String> categories = new ArrayList<>();
        diff.get("models").forEach(model -> categories.add(model.get("model").asText() + "=" + model.get("category").asText()));
        return categories;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
