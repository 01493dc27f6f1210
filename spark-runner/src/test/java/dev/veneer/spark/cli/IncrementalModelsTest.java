package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veneer.spark.testing.SharedSparkSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental kinds end to end through the CLI, on Delta and on Iceberg, with the execution time
 * fixed so every interval is known: batches write each day exactly once, {@code run} computes what
 * its cron completed, lookback recomputes late days, restatement replaces exactly its range.
 */
@ExtendWith(SharedSparkSession.class)
class IncrementalModelsTest {
    @TempDir
    Path tmp;

    private ShopProject project(SparkSession spark, String format) {
        ShopProject project = ShopProject.fixtureProject(tmp, "events", spark);
        project.write("veneer.yaml", "name: events\ndefault_table_format: " + format + "\n");
        spark.sql("CREATE SCHEMA raw");
        spark.sql("CREATE TABLE raw.events (event_id BIGINT, user_id BIGINT, event_date DATE, amount DOUBLE) USING delta");
        // two events a day from 2024-01-01 to 2024-01-12
        spark.sql("""
                INSERT INTO raw.events
                SELECT id, id % 3, date_add(DATE '2024-01-01', CAST(id DIV 2 AS INT)), CAST(id AS DOUBLE)
                FROM range(0, 24)""");
        spark.sql("CREATE TABLE raw.accounts (id BIGINT, plan STRING, updated_at TIMESTAMP) USING delta");
        spark.sql("INSERT INTO raw.accounts VALUES (1, 'free', TIMESTAMP '2024-01-01 00:00:00'), (2, 'pro', TIMESTAMP '2024-01-02 00:00:00')");
        spark.sql("CREATE TABLE raw.user_status (id BIGINT, status STRING) USING delta");
        spark.sql("INSERT INTO raw.user_status VALUES (1, 'active'), (2, 'active'), (3, CAST(NULL AS STRING))");
        return project;
    }

    @ParameterizedTest
    @ValueSource(strings = {"delta", "iceberg"})
    void dailyBatchesWriteEachDayOnceAndRunComputesWhatTheCronCompleted(String format, SparkSession spark) {
        ShopProject shop = project(spark, format);

        JsonNode plan = shop.json("plan", "prod", "--json", "--execution-time", "2024-01-11T01:00:00Z");
        JsonNode events = backfill(plan, "staging.events");
        assertThat(events.get("intervals").toString()).isEqualTo("[[\"2024-01-01T00:00:00Z\",\"2024-01-11T00:00:00Z\"]]");
        assertThat(events.get("batches").asLong()).isEqualTo(4);

        CliRunner.Result applied = shop.ok("plan", "prod", "--auto-apply", "--execution-time", "2024-01-11T01:00:00Z");
        assertThat(applied.stdout()).contains("staging.events  -> ").contains("[2024-01-01, 2024-01-11) in 4 batches");
        assertThat(applied.stderr()).contains("staging.events  batch 4/4  [2024-01-10, 2024-01-11)");
        assertThat(perDay(spark, "staging.events")).containsExactlyElementsOf(twoPerDay(1, 10));
        assertThat(shop.count("SELECT count(*) FROM marts.daily_totals")).isEqualTo(10);

        JsonNode nothing = shop.json("run", "--json", "--execution-time", "2024-01-11T20:00:00Z");
        assertThat(nothing.get("ran")).isEmpty();
        assertThat(nothing.get("next_run").asText()).isEqualTo("2024-01-12T00:00:00Z");
        assertThat(shop.ok("run", "--execution-time", "2024-01-11T20:00:00Z").stdout())
                .contains("Nothing due in prod as of 2024-01-11T20:00:00Z; next at 2024-01-12T00:00:00Z.");

        JsonNode ran = shop.json("run", "--json", "--execution-time", "2024-01-12T00:30:00Z");
        assertThat(ran.get("ran").findValuesAsText("model")).as("a seed changes only with its file").doesNotContain("ref.countries");
        assertThat(ranIntervals(ran, "staging.events")).isEqualTo("[[\"2024-01-11T00:00:00Z\",\"2024-01-12T00:00:00Z\"]]");
        assertThat(ranIntervals(ran, "marts.daily_totals")).as("lookback 2 recomputes the two days before")
                .isEqualTo("[[\"2024-01-09T00:00:00Z\",\"2024-01-12T00:00:00Z\"]]");
        assertThat(perDay(spark, "staging.events")).containsExactlyElementsOf(twoPerDay(1, 11));
        assertThat(spark.sql("SELECT event_day, events FROM marts.daily_totals ORDER BY event_day").collectAsList())
                .hasSize(11).allSatisfy(row -> assertThat(row.getLong(1)).isEqualTo(2));
    }

    @Test
    void renderPrintsTheSqlOfOneBatchOrOfTheGivenRangeReadyToRun(SparkSession spark) {
        ShopProject shop = project(spark, "delta");
        shop.ok("plan", "prod", "--skip-backfill", "--auto-apply", "--execution-time", "2024-01-11T01:00:00Z");
        String events = "`" + shop.tableName("staging.events", "prod").replace(".", "`.`") + "`";

        String lastDay = shop.ok("render", "marts.daily_totals", "--execution-time", "2024-01-11T01:00:00Z").stdout();
        assertThat(lastDay).as("a daily model's last complete day").contains("FROM " + events)
                .contains("WHERE event_date BETWEEN '2024-01-10' AND '2024-01-10'").doesNotContain("@");
        assertThat(shop.count("SELECT count(*) FROM (" + lastDay + ")")).as("it runs as printed").isZero();

        String range = shop.ok("render", "marts.daily_totals", "--start", "2024-01-03", "--end", "2024-01-05").stdout();
        assertThat(range).as("the end is exclusive, as plan's").contains("BETWEEN '2024-01-03' AND '2024-01-04'");

        CliRunner.Result empty = shop.veneer("render", "marts.daily_totals", "--start", "2024-01-05", "--end", "2024-01-05");
        assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(2);
        assertThat(empty.stderr()).contains("the range to render is empty: start 2024-01-05T00:00:00Z is not before end"
                + " 2024-01-05T00:00:00Z; give --start before --end");
        assertThat(empty.stdout()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"delta", "iceberg"})
    void restatementReplacesExactlyItsRangeAndDownstream(String format, SparkSession spark) {
        ShopProject shop = project(spark, format);
        shop.ok("plan", "prod", "--auto-apply", "--execution-time", "2024-01-11T01:00:00Z");
        spark.sql("UPDATE raw.events SET amount = amount + 1000 WHERE event_date IN (DATE '2024-01-04', DATE '2024-01-08')");

        JsonNode plan = shop.json("plan", "prod", "--json", "--restate", "staging.events", "--start", "2024-01-04", "--end", "2024-01-05",
                "--execution-time", "2024-01-11T01:00:00Z", "--auto-apply");

        assertThat(backfill(plan, "staging.events").get("restatement").asBoolean()).isTrue();
        assertThat(backfill(plan, "staging.events").get("intervals").toString())
                .isEqualTo("[[\"2024-01-04T00:00:00Z\",\"2024-01-05T00:00:00Z\"]]");
        assertThat(backfill(plan, "marts.daily_totals").get("intervals").toString())
                .isEqualTo("[[\"2024-01-04T00:00:00Z\",\"2024-01-05T00:00:00Z\"]]");
        assertThat(perDay(spark, "staging.events")).containsExactlyElementsOf(twoPerDay(1, 10));
        List<Row> totals = spark.sql("SELECT event_day, amount FROM marts.daily_totals WHERE event_day IN ('2024-01-04', '2024-01-08')"
                + " ORDER BY event_day").collectAsList();
        assertThat(totals.get(0).getDouble(1)).as("restated day has the new data").isEqualTo(6 + 7 + 2000.0);
        assertThat(totals.get(1).getDouble(1)).as("a day outside the range is untouched").isEqualTo(14 + 15.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"delta", "iceberg"})
    void mergesByKeyAndKeepsHistoryOverThreeRuns(String format, SparkSession spark) {
        ShopProject shop = project(spark, format);
        shop.ok("plan", "prod", "--auto-apply", "--execution-time", "2024-01-11T01:00:00Z");
        assertThat(rows(spark, "SELECT id, plan, CAST(valid_from AS STRING), CAST(valid_to AS STRING) FROM snap.accounts ORDER BY id"))
                .containsExactly("1 free 1970-01-01 00:00:00 null", "2 pro 1970-01-01 00:00:00 null");

        spark.sql("UPDATE raw.accounts SET plan = 'pro', updated_at = TIMESTAMP '2024-01-11 05:00:00' WHERE id = 1");
        spark.sql("INSERT INTO raw.accounts VALUES (3, 'free', TIMESTAMP '2024-01-11 07:00:00')");
        spark.sql("UPDATE raw.user_status SET status = 'churned' WHERE id = 1");
        spark.sql("DELETE FROM raw.user_status WHERE id = 2");
        shop.ok("run", "--execution-time", "2024-01-12T00:30:00Z");

        assertThat(rows(spark, "SELECT id, plan, CAST(valid_from AS STRING), CAST(valid_to AS STRING) FROM snap.accounts ORDER BY id, valid_from"))
                .containsExactly(
                        "1 free 1970-01-01 00:00:00 2024-01-11 05:00:00",
                        "1 pro 2024-01-11 05:00:00 null",
                        "2 pro 1970-01-01 00:00:00 null",
                        "3 free 2024-01-11 07:00:00 null");
        assertThat(rows(spark, "SELECT id, status, CAST(valid_from AS STRING), CAST(valid_to AS STRING) FROM snap.user_status"
                + " ORDER BY id, valid_from"))
                .as("a changed column opens a version at the execution time; a deleted key is closed; a NULL status is unchanged")
                .containsExactly(
                        "1 active 1970-01-01 00:00:00 2024-01-12 00:30:00",
                        "1 churned 2024-01-12 00:30:00 null",
                        "2 active 1970-01-01 00:00:00 2024-01-12 00:30:00",
                        "3 null 1970-01-01 00:00:00 null");
        assertThat(rows(spark, "SELECT user_id, CAST(last_seen AS STRING) FROM marts.users ORDER BY user_id"))
                .as("one row per key: the day's users updated in place, none duplicated")
                .containsExactly("0 2024-01-11", "1 2024-01-10", "2 2024-01-11");

        spark.sql("INSERT INTO raw.user_status VALUES (2, 'active')");
        shop.ok("run", "--execution-time", "2024-01-13T00:30:00Z");
        assertThat(rows(spark, "SELECT id, status, CAST(valid_from AS STRING), CAST(valid_to AS STRING) FROM snap.user_status"
                + " WHERE id = 2 ORDER BY valid_from"))
                .containsExactly("2 active 1970-01-01 00:00:00 2024-01-12 00:30:00", "2 active 2024-01-13 00:30:00 null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"iceberg"})
    void anEditedSeedIsANewVersionAndProdKeepsItsTable(String format, SparkSession spark) {
        ShopProject shop = project(spark, format);
        shop.ok("plan", "prod", "--auto-apply", "--execution-time", "2024-01-11T01:00:00Z");
        String prodTable = shop.tableName("ref.countries", "prod");
        shop.write("seeds/countries.csv", "code,name,population\nFR,France,68000000\nDE,Germany,84000000\nIT,Italy,59000000\n");

        JsonNode plan = shop.json("plan", "dev", "--json", "--execution-time", "2024-01-11T01:00:00Z", "--auto-apply");

        assertThat(plan.get("directly_modified").get(0).get("model").asText()).isEqualTo("ref.countries");
        assertThat(shop.tableName("ref.countries", "dev")).isNotEqualTo(prodTable);
        assertThat(shop.tableName("staging.events", "dev")).isEqualTo(shop.tableName("staging.events", "prod"));
        assertThat(shop.count("SELECT count(*) FROM ref__dev.countries")).isEqualTo(3);
        assertThat(shop.count("SELECT count(*) FROM ref.countries")).isEqualTo(2);
    }

    private static List<String> rows(SparkSession spark, String sql) {
        return spark.sql(sql).collectAsList().stream()
                .map(row -> {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < row.length(); i++) {
                        values.add(String.valueOf(row.get(i)));
                    }
                    return String.join(" ", values);
                })
                .toList();
    }

    private static JsonNode backfill(JsonNode plan, String model) {
        return StreamSupport.stream(plan.get("backfills").spliterator(), false)
                .filter(entry -> entry.get("model").asText().equals(model))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no backfill of " + model + " in " + plan.get("backfills")));
    }

    private static String ranIntervals(JsonNode run, String model) {
        return StreamSupport.stream(run.get("ran").spliterator(), false)
                .filter(entry -> entry.get("model").asText().equals(model))
                .findFirst()
                .orElseThrow(() -> new AssertionError("did not run " + model + ": " + run))
                .get("intervals").toString();
    }

    /** "date count" per day, sorted. */
    private static List<String> perDay(SparkSession spark, String view) {
        return spark.sql("SELECT CAST(event_date AS STRING), count(*) FROM " + view + " GROUP BY event_date ORDER BY event_date")
                .collectAsList().stream().map(row -> row.getString(0) + " " + row.getLong(1)).toList();
    }

    private static List<String> twoPerDay(int firstDay, int lastDay) {
        List<String> days = new ArrayList<>();
        for (int day = firstDay; day <= lastDay; day++) {
            days.add(String.format("2024-01-%02d 2", day));
        }
        return days;
    }
}
