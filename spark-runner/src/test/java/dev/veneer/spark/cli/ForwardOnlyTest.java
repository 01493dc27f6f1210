package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veneer.spark.testing.SharedSparkSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forward-only changes end to end, on Delta and on Iceberg: a dev environment previews the change on
 * a shallow clone or a branch without writing prod's table; promotion changes prod's table in place
 * and computes only from then on; new columns are added by ALTER TABLE, keeping the rows; dropping a
 * column needs --allow-destructive-model; --effective-from recomputes exactly from its date; the
 * janitor removes the preview with its environment.
 */
@ExtendWith(SharedSparkSession.class)
class ForwardOnlyTest {
    private static final String MODEL = "models/staging/events.sql";
    private static final String DAY_11 = "2024-01-11T01:00:00Z";

    @TempDir
    Path tmp;

    /** Ten days of two events each in prod: 2024-01-01 .. 2024-01-10, amounts 0 .. 19. */
    private ShopProject deployed(SparkSession spark, String format) {
        ShopProject project = ShopProject.fixtureProject(tmp, "forward", spark);
        project.write("veneer.yaml", "name: forward\ndefault_table_format: " + format + "\n");
        spark.sql("CREATE SCHEMA raw");
        spark.sql("CREATE TABLE raw.events (event_id BIGINT, user_id BIGINT, event_date DATE, amount DOUBLE) USING delta");
        spark.sql("""
                INSERT INTO raw.events
                SELECT id, id % 3, date_add(DATE '2024-01-01', CAST(id DIV 2 AS INT)), CAST(id AS DOUBLE)
                FROM range(0, 24)""");
        project.ok("plan", "prod", "--auto-apply", "--execution-time", DAY_11);
        return project;
    }

    @ParameterizedTest
    @ValueSource(strings = {"delta", "iceberg"})
    void aDevPreviewNeverWritesProdsTableAndPromotionAppliesFromNowOn(String format, SparkSession spark) {
        ShopProject shop = deployed(spark, format);
        String table = shop.tableName("staging.events", "prod");
        String prodHead = head(spark, table, format);
        Set<String> prodFiles = files(spark, table);
        shop.edit(MODEL, "event_date, amount", "event_date, amount * 10 AS amount");

        JsonNode plan = shop.json("plan", "dev", "--forward-only", "--json", "--execution-time", DAY_11, "--auto-apply");

        assertThat(plan.get("directly_modified").get(0).get("category").asText()).isEqualTo("FORWARD_ONLY");
        JsonNode change = plan.get("forward_only_changes").get(0);
        assertThat(change.get("mode").asText()).isEqualTo("PREVIEW");
        assertThat(change.get("physical_table").asText()).isEqualTo(table);
        assertThat(change.get("intervals").toString()).as("the last complete interval by default")
                .isEqualTo("[[\"2024-01-10T00:00:00Z\",\"2024-01-11T00:00:00Z\"]]");
        assertThat(change.get("how_previewed").asText()).contains(format.equals("delta") ? "Delta shallow clone" : "branch veneer_dev_");
        String preview = shop.tableName("staging.events", "dev");
        assertThat(preview).isEqualTo(change.get("preview").asText()).startsWith("spark_catalog.veneer__staging.");

        assertThat(amounts(spark, "staging__dev.events")).as("the preview range by the new query, the rest read from prod's table")
                .containsExactly("2024-01-09 33.0", "2024-01-10 370.0");
        assertThat(amounts(spark, "staging.events")).containsExactly("2024-01-09 33.0", "2024-01-10 37.0");
        assertThat(shop.count("SELECT count(*) FROM staging__dev.events")).isEqualTo(20);
        assertThat(head(spark, table, format)).as("prod's table: latest version / snapshot unchanged").isEqualTo(prodHead);
        assertThat(files(spark, table)).isEqualTo(prodFiles);
        Set<String> written = files(spark, "(SELECT * FROM staging__dev.events WHERE event_date = DATE '2024-01-10')");
        assertThat(written).isNotEmpty().doesNotContainAnyElementsOf(prodFiles);

        JsonNode promoted = shop.json("plan", "prod", "--json", "--execution-time", DAY_11, "--auto-apply");
        assertThat(promoted.get("directly_modified").get(0).get("category").asText()).isEqualTo("FORWARD_ONLY");
        assertThat(promoted.get("forward_only_changes").get(0).get("mode").asText()).isEqualTo("IN_PLACE");
        assertThat(shop.tableName("staging.events", "prod")).as("prod keeps its table").isEqualTo(table);
        assertThat(amounts(spark, "staging.events")).as("nothing recomputed on promotion").containsExactly("2024-01-09 33.0", "2024-01-10 37.0");
        shop.ok("run", "--execution-time", "2024-01-12T00:30:00Z");
        assertThat(spark.sql("SELECT CAST(event_date AS STRING), sum(amount) FROM staging.events WHERE event_date >= DATE '2024-01-10'"
                + " GROUP BY event_date ORDER BY event_date").collectAsList().stream().map(ForwardOnlyTest::line).toList())
                .as("the next run computes with the new query").containsExactly("2024-01-10 37.0", "2024-01-11 410.0");

        shop.ok("invalidate", "dev");
        JsonNode janitor = shop.json("janitor", "--grace", "0s", "--json");
        assertThat(janitor.toString()).contains("\"subject\":\"PREVIEW\"", preview, "\"outcome\":\"DROPPED\"");
        String previewName = preview.substring(preview.lastIndexOf('.') + 1);
        assertThat(spark.sql("SHOW TABLES IN veneer__staging").collectAsList().stream().map(row -> row.getString(1)).toList())
                .doesNotContain(previewName, previewName + "__rows");
        if (format.equals("iceberg")) {
            assertThat(spark.sql("SELECT name FROM " + table + ".refs").collectAsList().stream().map(row -> row.getString(0)).toList())
                    .as("the preview branch is gone").containsExactly("main");
        }
        assertThat(shop.count("SELECT count(*) FROM staging.events")).isEqualTo(22);
    }

    @ParameterizedTest
    @ValueSource(strings = {"delta", "iceberg"})
    void aPreviewWithANewColumnLeavesProdsColumnsAlone(String format, SparkSession spark) {
        ShopProject shop = deployed(spark, format);
        String table = shop.tableName("staging.events", "prod");
        String prodHead = head(spark, table, format);
        shop.edit(MODEL, "event_date, amount", "event_date, amount, amount * 2 AS doubled");

        shop.ok("plan", "dev", "--forward-only", "--start", "2024-01-09", "--end", "2024-01-11", "--execution-time", DAY_11,
                "--auto-apply");

        assertThat(spark.table(table).schema().fieldNames()).containsExactly("event_id", "user_id", "event_date", "amount");
        assertThat(head(spark, table, format)).isEqualTo(prodHead);
        assertThat(spark.sql("SELECT * FROM staging__dev.events").schema().fieldNames())
                .containsExactly("event_id", "user_id", "event_date", "amount", "doubled");
        // Delta: the clone holds prod's rows and the new column for the preview range; Iceberg: a branch shares its
        // table's columns, so the preview is a table of the preview range only
        assertThat(spark.sql("SELECT CAST(event_date AS STRING), count(*), count(doubled) FROM staging__dev.events"
                + " WHERE event_date >= DATE '2024-01-08' GROUP BY event_date ORDER BY event_date").collectAsList().stream()
                .map(ForwardOnlyTest::line).toList())
                .containsExactlyElementsOf(format.equals("delta")
                        ? List.of("2024-01-08 2 0", "2024-01-09 2 2", "2024-01-10 2 2")
                        : List.of("2024-01-09 2 2", "2024-01-10 2 2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"delta", "iceberg"})
    void columnsChangeInPlaceAddingFreelyDroppingOnlyWhenAllowed(String format, SparkSession spark) {
        ShopProject shop = deployed(spark, format);
        String table = shop.tableName("staging.events", "prod");
        String envsBefore = shop.ok("envs", "--json").stdout();
        String viewsBefore = shop.viewDefinitions();
        String headBefore = head(spark, table, format);

        shop.edit(MODEL, "event_date, amount", "event_date, amount * 2 AS doubled");
        CliRunner.Result refused = shop.veneer("plan", "prod", "--forward-only", "--execution-time", DAY_11, "--auto-apply");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains("staging.events drops column amount of " + table, "Nothing was changed",
                "--allow-destructive-model");
        assertThat(shop.ok("envs", "--json").stdout()).isEqualTo(envsBefore);
        assertThat(shop.viewDefinitions()).isEqualTo(viewsBefore);
        assertThat(head(spark, table, format)).isEqualTo(headBefore);
        assertThat(spark.table(table).schema().fieldNames()).containsExactly("event_id", "user_id", "event_date", "amount");

        shop.edit(MODEL, "amount * 2 AS doubled", "amount, amount * 2 AS doubled");
        JsonNode plan = shop.json("plan", "prod", "--forward-only", "--effective-from", "2024-01-08", "--json",
                "--execution-time", DAY_11, "--auto-apply");

        assertThat(plan.get("forward_only_changes").get(0).get("intervals").toString())
                .isEqualTo("[[\"2024-01-08T00:00:00Z\",\"2024-01-11T00:00:00Z\"]]");
        assertThat(shop.tableName("staging.events", "prod")).isEqualTo(table);
        assertThat(spark.table(table).schema().fieldNames()).containsExactly("event_id", "user_id", "event_date", "amount", "doubled");
        if (format.equals("delta")) {
            assertThat(spark.sql("DESCRIBE HISTORY " + table).collectAsList().stream().map(row -> row.getAs("operation").toString()))
                    .contains("ADD COLUMNS");
        }
        assertThat(spark.sql("SELECT CAST(event_date AS STRING), count(*), count(doubled) FROM staging.events"
                + " GROUP BY event_date ORDER BY event_date").collectAsList().stream().map(ForwardOnlyTest::line).toList())
                .as("old rows kept, without the new column before the effective date; recomputed from it, each row once")
                .containsExactly("2024-01-01 2 0", "2024-01-02 2 0", "2024-01-03 2 0", "2024-01-04 2 0", "2024-01-05 2 0",
                        "2024-01-06 2 0", "2024-01-07 2 0", "2024-01-08 2 2", "2024-01-09 2 2", "2024-01-10 2 2");

        shop.edit(MODEL, "amount, amount * 2 AS doubled", "amount * 2 AS doubled");
        shop.ok("plan", "prod", "--forward-only", "--allow-destructive-model", "staging.events", "--execution-time", DAY_11,
                "--auto-apply");

        assertThat(shop.tableName("staging.events", "prod")).isEqualTo(table);
        assertThat(spark.table(table).schema().fieldNames()).containsExactly("event_id", "user_id", "event_date", "doubled");
        assertThat(spark.sql("SELECT * FROM staging.events").schema().fieldNames()).containsExactly("event_id", "user_id", "event_date", "doubled");
        assertThat(shop.count("SELECT count(doubled) FROM staging.events")).as("the rows stay, with what they had").isEqualTo(6);
        assertThat(shop.count("SELECT count(*) FROM staging.events")).isEqualTo(20);
    }

    /** Delta: the table's latest version (DESCRIBE HISTORY); Iceberg: its main branch's snapshot. */
    private static String head(SparkSession spark, String table, String format) {
        if (format.equals("delta")) {
            return String.valueOf(spark.sql("DESCRIBE HISTORY " + table).collectAsList().stream()
                    .mapToLong(row -> row.getLong(row.fieldIndex("version"))).max().orElseThrow());
        }
        return String.valueOf(spark.sql("SELECT snapshot_id FROM " + table + ".refs WHERE name = 'main'").collectAsList().get(0).get(0));
    }

    /** The data files a relation (a table or a parenthesized query) reads now. */
    private static Set<String> files(SparkSession spark, String relation) {
        return spark.sql("SELECT DISTINCT input_file_name() FROM " + relation + " AS r").collectAsList().stream()
                .map(row -> row.getString(0))
                .filter(file -> !file.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** "day sum(amount)" for the last two days of prod's data. */
    private static List<String> amounts(SparkSession spark, String view) {
        return spark.sql("SELECT CAST(event_date AS STRING), sum(amount) FROM " + view + " WHERE event_date >= DATE '2024-01-09'"
                + " GROUP BY event_date ORDER BY event_date").collectAsList().stream().map(ForwardOnlyTest::line).toList();
    }

    private static String line(Row row) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < row.length(); i++) {
            out.append(i == 0 ? "" : " ").append(row.get(i));
        }
        return out.toString();
    }
}
