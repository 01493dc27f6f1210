package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.spark.testing.SharedSparkSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input gets a message naming the file and the fix, a non-zero exit, and changes
 * nothing: neither the environments in state nor any view.
 */
@ExtendWith(SharedSparkSession.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputsTest {
    @TempDir
    static Path tmp;

    ShopProject shop;
    String envsBefore;
    String viewsBefore;

    @BeforeAll
    void deploy() {
        shop = ShopProject.create(tmp, SharedSparkSession.spark());
        shop.ok("plan", "prod", "--auto-apply");
        shop.ok("plan", "dev", "--auto-apply");
        envsBefore = shop.ok("envs", "--json").stdout();
        viewsBefore = shop.viewDefinitions();
    }

    @BeforeEach
    @AfterEach
    void restoreProjectFiles() {
        deleteTree(shop.dir.resolve("models"));
        ShopProject.copyTree(ShopProject.fixture("shop").resolve("models"), shop.dir.resolve("models"));
        shop.write("veneer.yaml", readFixture("veneer.yaml"));
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() {
        shop.edit("models/staging/customers.sql", "SELECT id AS customer_id, name, country", "SELECT id AS customer_id, name, country,");

        CliRunner.Result result = shop.veneer("plan", "dev", "--auto-apply");

        // Spark reads the trailing "FROM" as a column name, so the error is at the dot of raw.customers.
        assertRefused(result, "models/staging/customers.sql:8:9", "syntax error at or near '.'");
    }

    @Test
    void unknownReferenceNamesTheTableAndHowToDeclareIt() {
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.clients");

        assertRefused(shop.veneer("plan", "dev", "--auto-apply"),
                "models/staging/customers.sql:8:6", "unknown table 'raw.clients'", "external_models.yaml");
    }

    @Test
    void cycleNamesEveryModelInIt() {
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE id IN (SELECT customer_id FROM reporting.country_revenue)");
        shop.edit("models/reporting/country_revenue.sql", "FROM marts.customer_revenue", "FROM marts.customer_revenue");

        assertRefused(shop.veneer("plan", "dev", "--auto-apply"), "dependency cycle",
                "staging.customers", "marts.customer_revenue", "reporting.country_revenue");
    }

    @Test
    void duplicateModelNameNamesBothFiles() {
        shop.write("models/staging/orders_again.sql", shop.read("models/staging/orders.sql"));

        assertRefused(shop.veneer("plan", "dev", "--auto-apply"),
                "models/staging/orders_again.sql", "model staging.orders is also defined in models/staging/orders.sql");
    }

    @Test
    void unknownHeaderPropertyListsTheValidOnes() {
        shop.edit("models/staging/customers.sql", "kind FULL,", "kind FULL,\n  colour 'red',");

        assertRefused(shop.veneer("plan", "dev"), "models/staging/customers.sql:4:3",
                "unknown property 'colour'", "valid properties", "partitioned_by");
    }

    @Test
    void externalKindInAModelFileSaysWhereExternalTablesGo() {
        shop.edit("models/staging/customers.sql", "kind FULL,", "kind EXTERNAL,");

        assertRefused(shop.veneer("plan", "dev"), "models/staging/customers.sql", "kind EXTERNAL is not written in a model file",
                "external_models.yaml", "FULL", "VIEW", "INCREMENTAL_BY_TIME_RANGE");
    }

    @Test
    void everyBadFileIsReportedAtOnce() {
        shop.edit("models/staging/customers.sql", "kind FULL,", "kind FULL,\n  colour 'red',");
        shop.edit("models/marts/big_orders.sql", "WHERE amount >= 100", "WHERE amount >=");

        CliRunner.Result result = shop.veneer("plan", "dev", "--json");

        assertRefused(result, "2 problems", "models/staging/customers.sql", "models/marts/big_orders.sql");
        JsonNodes.assertErrorDocument(result.stdout(), "PROJECT_INVALID", 2);
    }

    @Test
    void badEnvironmentNameIsRefused() {
        assertRefused(shop.veneer("plan", "Feature-1"), "invalid environment name 'Feature-1'", "lower-case");
    }

    @Test
    void corruptPlanFileIsRefused() throws IOException {
        Path plan = tmp.resolve("corrupt.json");
        Files.writeString(plan, "{\"format_version\": 1, \"plan_id\": ");

        assertRefused(shop.veneer("apply", plan.toString()), "corrupt.json is corrupt", "veneer plan ENV --out FILE");
    }

    @Test
    void planFileOfAnotherProjectIsRefused() {
        Path plan = tmp.resolve("shop-plan.json");
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'");
        shop.ok("plan", "dev", "--out", plan.toString());
        shop.edit("veneer.yaml", "name: shop", "name: warehouse");

        assertRefused(shop.veneer("apply", plan.toString()), "was made for project 'shop'", "'warehouse'");
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRunner.Result result = shop.veneer("plan", "--no-such-flag");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Unknown option: '--no-such-flag'");
    }

    private void assertRefused(CliRunner.Result result, String... messageParts) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).as(result.toString()).contains(messageParts);
        assertThat(shop.ok("envs", "--json").stdout()).isEqualTo(envsBefore);
        assertThat(shop.viewDefinitions()).isEqualTo(viewsBefore);
    }

    private static String readFixture(String relative) {
        try {
            return Files.readString(ShopProject.fixture("shop").resolve(relative));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
