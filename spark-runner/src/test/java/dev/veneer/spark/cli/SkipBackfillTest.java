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

/** {@code plan --skip-backfill} and {@code --include-unmodified}, the plan options of DESIGN.md's command line. */
@ExtendWith(SharedSparkSession.class)
class SkipBackfillTest {
    @TempDir
    Path tmp;

    ShopProject shop;

    @BeforeEach
    void prodThenABreakingChange() {
        shop = ShopProject.create(tmp, SharedSparkSession.spark());
        shop.ok("plan", "prod", "--auto-apply");
        shop.edit("models/staging/customers.sql", "FROM raw.customers", "FROM raw.customers WHERE country = 'FR'");
    }

    @Test
    void skippingTheBackfillGivesDevEmptyTablesBehindItsViewsAndTheNextPlanComputesThem() {
        CliRunner.Result readable = shop.ok("plan", "dev", "--skip-backfill");
        JsonNode skipped = shop.json("plan", "dev", "--skip-backfill", "--json", "--auto-apply");

        assertThat(readable.stdout()).contains("created empty, nothing computed (--skip-backfill)")
                .contains("! --skip-backfill: 3 tables are created empty");
        assertThat(skipped.get("backfills")).isEmpty();
        assertThat(stepsSkipped(skipped.get("builds"))).containsExactly(
                "staging.customers=true", "marts.customer_revenue=true", "reporting.country_revenue=true");
        assertThat(shop.count("SELECT count(*) FROM staging__dev.customers")).isZero();
        assertThat(shop.count("SELECT count(*) FROM reporting__dev.country_revenue")).isZero();
        assertThat(shop.rows("SELECT country FROM reporting.country_revenue ORDER BY country").toString())
                .as("prod untouched").isEqualTo("[[DE], [FR]]");

        JsonNode next = shop.json("plan", "dev", "--json", "--auto-apply");

        assertThat(JsonNodes.models(next.get("backfills"))).containsExactly("staging.customers", "marts.customer_revenue", "reporting.country_revenue");
        assertThat(next.get("views")).as("the views already point at these tables").isEmpty();
        assertThat(shop.rows("SELECT country FROM reporting__dev.country_revenue").toString()).isEqualTo("[[FR]]");
        assertThat(shop.count("SELECT count(*) FROM staging__dev.customers")).isEqualTo(2);
    }

    @Test
    void skippingTheBackfillOfProdWarnsThatProdShowsEmptyTables() {
        JsonNode plan = shop.json("plan", "prod", "--skip-backfill", "--json");

        assertThat(plan.get("backfills")).isEmpty();
        assertThat(plan.get("notes").toString()).contains("--skip-backfill in prod: prod's views of these models will show empty tables");
    }

    @Test
    void skipBackfillWithARestatementIsRefusedAndNothingChanges() {
        String before = shop.ok("envs", "--json").stdout();

        CliRunner.Result refused = shop.cli.run("plan", "dev", "--skip-backfill", "--restate", "staging.orders", "--auto-apply");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("--skip-backfill computes nothing and --restate computes data again: drop one of them");
        assertThat(shop.ok("envs", "--json").stdout()).isEqualTo(before);
        assertThat(shop.views("staging__dev")).isEmpty();
    }

    @Test
    void includeUnmodifiedIsWhatEveryEnvironmentHasAlreadyAViewOfEveryModel() {
        JsonNode plan = shop.json("plan", "dev", "--include-unmodified", "--json", "--auto-apply");

        assertThat(JsonNodes.models(plan.get("views"))).contains("staging.orders", "staging.customers");
        assertThat(shop.views("staging__dev")).containsExactly("customers", "orders");
        assertThat(shop.count("SELECT count(*) FROM staging__dev.orders")).isEqualTo(5);
    }

    private static List<String> stepsSkipped(JsonNode builds) {
        List<String> values = new ArrayList<>();
        builds.forEach(node -> values.add(node.get("model").asText() + "=" + node.get("skip_backfill").asBoolean()));
        return values;
    }
}
