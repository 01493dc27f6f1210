package dev.veneer.planner.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.interval.IntervalUnit;
import dev.veneer.planner.interval.Schedule;
import dev.veneer.planner.sql.SqlParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kinds' header syntax, what each property means, and every bad option reported where it is written. */
class ModelKindsTest {
    private static final String PATH = "models/events.sql";
    private final Map<String, String> seeds = new java.util.HashMap<>();
    private final ModelFileParser parser = new ModelFileParser(new SqlParser(), (path, where) -> {
        String content = seeds.get(path);
        if (content == null) {
            throw new VeneerException(ErrorCode.MODEL_INVALID, where, "seed file " + path + " does not exist", null);
        }
        return content;
    });

    private ModelDefinition parse(String content) {
        return parser.parse(PATH, content);
    }

    private VeneerException error(String content) {
        try {
            parse(content);
        }
        catch (VeneerException e) {
            return e;
        }
        throw new AssertionError("expected an error for:\n" + content);
    }

    @Test
    void incrementalByTimeRangeReadsItsColumnBatchesAndSchedule() {
        ModelDefinition model = parse("""
                MODEL (
                  name raw.events,
                  kind INCREMENTAL_BY_TIME_RANGE (time_column event_date, format 'yyyy-MM-dd', batch_size 3, batch_concurrency 2, lookback 1),
                  start '2024-01-01',
                  end '2024-02-01 00:00:00',
                  cron '@hourly',
                  interval_unit day
                );
                SELECT * FROM src.events WHERE event_date BETWEEN @start_ds AND @end_ds""");

        assertThat(model.kind()).isEqualTo(ModelKind.INCREMENTAL_BY_TIME_RANGE);
        assertThat(model.options().timeColumn()).contains("event_date");
        assertThat(model.options().timeFormat()).contains("yyyy-MM-dd");
        Schedule schedule = model.schedule();
        assertThat(schedule.start()).contains(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(schedule.end()).contains(Instant.parse("2024-02-01T00:00:00Z"));
        assertThat(schedule.cron()).isEqualTo("@hourly");
        assertThat(schedule.intervalUnit()).isEqualTo(IntervalUnit.DAY);
        assertThat(schedule.batchSize()).contains(3);
        assertThat(schedule.batchConcurrency()).isEqualTo(2);
        assertThat(schedule.lookback()).isEqualTo(1);
        assertThat(model.query().macros()).hasSize(2);
    }

    @Test
    void theIntervalUnitDefaultsToTheCronsAndTheCronToDaily() {
        ModelDefinition model = parse("MODEL (name a.b, kind INCREMENTAL_BY_TIME_RANGE (time_column ds), start '2024-01-01') SELECT 1 AS ds");
        assertThat(model.schedule().cron()).isEqualTo("@daily");
        assertThat(model.schedule().intervalUnit()).isEqualTo(IntervalUnit.DAY);
        assertThat(model.schedule().batchSize()).isEmpty();
        ModelDefinition fiveMinutes = parse("MODEL (name a.b, kind INCREMENTAL_BY_TIME_RANGE (time_column ds), start '2024-01-01',"
                + " cron '*/5 * * * *') SELECT 1 AS ds");
        assertThat(fiveMinutes.schedule().intervalUnit()).isEqualTo(IntervalUnit.FIVE_MINUTE);
    }

    @Test
    void uniqueKeyAndScdKindsReadTheirKeys() {
        ModelDefinition merge = parse("MODEL (name a.b, kind INCREMENTAL_BY_UNIQUE_KEY (unique_key (id, region),"
                + " when_matched 'UPDATE SET target.amount = source.amount')) SELECT 1 AS id");
        assertThat(merge.options().uniqueKey()).containsExactly("id", "region");
        assertThat(merge.options().whenMatched()).contains("WHEN MATCHED THEN UPDATE SET target.amount = source.amount");

        ModelDefinition scd = parse("MODEL (name a.b, kind SCD_TYPE_2 (unique_key id, updated_at_name changed_at,"
                + " invalidate_hard_deletes true)) SELECT 1 AS id");
        assertThat(scd.options().uniqueKey()).containsExactly("id");
        assertThat(scd.options().updatedAtColumn()).contains("changed_at");
        assertThat(scd.options().invalidateHardDeletes()).isTrue();
        assertThat(scd.options().validFromName()).isEqualTo("valid_from");

        ModelDefinition byColumn = parse("MODEL (name a.b, kind SCD_TYPE_2_BY_COLUMN (unique_key [id], columns [status, Amount])) SELECT 1 AS id");
        assertThat(byColumn.options().scdColumns()).containsExactly("status", "amount");
        assertThat(byColumn.options().updatedAtColumn()).isEmpty();
        ModelDefinition all = parse("MODEL (name a.b, kind SCD_TYPE_2_BY_COLUMN (unique_key id, columns *)) SELECT 1 AS id");
        assertThat(all.options().scdAllColumns()).isTrue();
        assertThat(parse("MODEL (name a.b, kind SCD_TYPE_2_BY_TIME (unique_key id)) SELECT 1 AS id").kind()).isEqualTo(ModelKind.SCD_TYPE_2);
    }

    @Test
    void aSeedIsLoadedFromItsCsvWithDeclaredAndInferredTypes() {
        seeds.put("seeds/countries.csv", "code,name,population,joined\nFR,France,68000000,2024-01-01\nDE,\"Germany, Federal Republic\",,2023-05-06\n");

        ModelDefinition seed = parse("""
                MODEL (name ref.countries, kind SEED (path 'seeds/countries.csv'), columns (code string, population bigint));
                """);

        assertThat(seed.kind()).isEqualTo(ModelKind.SEED);
        assertThat(seed.columns()).containsExactly(new ColumnDefinition("code", "string"), new ColumnDefinition("population", "bigint"));
        assertThat(seed.query().text())
                .contains("CAST(`code` AS string) AS `code`")
                .contains("CAST(`name` AS string) AS `name`")
                .contains("CAST(`population` AS bigint) AS `population`")
                .contains("CAST(`joined` AS date) AS `joined`")
                .contains("('DE', 'Germany, Federal Republic', NULL, '2023-05-06')");
    }

    @Test
    void anEditedSeedIsADifferentQuery() {
        seeds.put("seeds/c.csv", "id\n1\n");
        String before = parse("MODEL (name ref.c, kind SEED (path 'seeds/c.csv'))").query().canonicalText();
        seeds.put("seeds/c.csv", "id\n2\n");
        assertThat(parse("MODEL (name ref.c, kind SEED (path 'seeds/c.csv'))").query().canonicalText()).isNotEqualTo(before);
    }

    @Test
    void badKindOptionsAreErrorsWhereTheyAreWritten() {
        assertRefused("MODEL (name a.b, kind INCREMENTAL_BY_TIME_RANGE (batch_size 2), start '2024-01-01') SELECT 1",
                1, 23, "kind INCREMENTAL_BY_TIME_RANGE needs the property 'time_column'; write kind INCREMENTAL_BY_TIME_RANGE (time_column order_date)");
        assertRefused("MODEL (name a.b, kind INCREMENTAL_BY_TIME_RANGE (time_column ds, batch_sise 2), start '2024-01-01') SELECT 1",
                1, 66, "unknown property 'batch_sise' of kind INCREMENTAL_BY_TIME_RANGE; valid properties of INCREMENTAL_BY_TIME_RANGE:"
                        + " time_column, format, batch_size, batch_concurrency, lookback");
        assertRefused("MODEL (name a.b, kind INCREMENTAL_BY_TIME_RANGE (time_column ds, batch_size 0), start '2024-01-01') SELECT 1",
                1, 77, "property 'batch_size' expects a whole number of at least 1, found number 0");
        assertRefused("MODEL (name a.b, kind INCREMENTAL_BY_TIME_RANGE (time_column ds, lookback 'two'), start '2024-01-01') SELECT 1",
                1, 75, "property 'lookback' expects a whole number, found string 'two'");
        assertRefused("MODEL (name a.b, kind INCREMENTAL_BY_TIME_RANGE (time_column ds)) SELECT 1",
                1, 1, "a INCREMENTAL_BY_TIME_RANGE model needs a start: add start '2024-01-01'");
        assertRefused("MODEL (name a.b, kind INCREMENTAL_BY_UNIQUE_KEY) SELECT 1",
                1, 23, "kind INCREMENTAL_BY_UNIQUE_KEY needs the property 'unique_key'");
        assertRefused("MODEL (name a.b, kind INCREMENTAL_BY_UNIQUE_KEY (unique_key id, when_matched 'DELETE ALL')) SELECT 1",
                1, 78, "property 'when_matched' expects a MERGE action on target and source");
        assertRefused("MODEL (name a.b, kind SCD_TYPE_2_BY_COLUMN (unique_key id)) SELECT 1",
                1, 23, "kind SCD_TYPE_2_BY_COLUMN needs the property 'columns'");
        assertRefused("MODEL (name a.b, kind SCD_TYPE_2 (unique_key id, invalidate_hard_deletes 'yes')) SELECT 1",
                1, 74, "property 'invalidate_hard_deletes' expects true or false, found string 'yes'");
        assertRefused("MODEL (name a.b, kind SEED) ", 1, 23, "kind SEED needs the property 'path'");
        assertRefused("MODEL (name a.b, kind INCREMENTAL_BY_TIME_RANGE (ds), start '2024-01-01') SELECT 1",
                1, 50, "kind INCREMENTAL_BY_TIME_RANGE takes named properties, found name ds");
    }

    @Test
    void badScheduleValuesAreErrors() {
        assertRefused("MODEL (name a.b, cron 'every day') SELECT 1", 1, 23,
                "property 'cron' expects a cron expression such as '@daily', '@hourly' or '0 6 * * *' (UTC), found 'every day'");
        assertRefused("MODEL (name a.b, cron '61 * * * *') SELECT 1", 1, 23, "property 'cron' expects a cron expression");
        assertRefused("MODEL (name a.b, start 'yesterday') SELECT 1", 1, 24,
                "property 'start' expects a date such as '2024-01-01' or a UTC time such as '2024-01-01 06:00:00', found string 'yesterday'");
        assertRefused("MODEL (name a.b, start '2024-13-45') SELECT 1", 1, 24, "property 'start' expects a date");
        assertRefused("MODEL (name a.b, start '2024-02-01', end '2024-01-01') SELECT 1", 1, 42, "property 'end' expects a time after start");
        assertRefused("MODEL (name a.b, interval_unit fortnight) SELECT 1", 1, 32,
                "unknown interval_unit 'fortnight'; valid units: minute, five_minute, quarter_hour, half_hour, hour, day, month, year");
        assertRefused("MODEL (name a.b, forward_only true) SELECT 1", 1, 18,
                "forward_only applies to incremental kinds (INCREMENTAL_BY_TIME_RANGE, INCREMENTAL_BY_UNIQUE_KEY, SCD_TYPE_2,"
                        + " SCD_TYPE_2_BY_COLUMN): a FULL model is rebuilt whole on every build, so it has no history to keep; remove the property");
        assertRefused("MODEL (name a.b, kind VIEW, forward_only true) SELECT 1", 1, 29, "forward_only applies to incremental kinds");
        assertRefused("MODEL (name a.b, kind INCREMENTAL_BY_UNIQUE_KEY (unique_key id), forward_only 'yes') SELECT 1 AS id", 1, 79,
                "property 'forward_only' expects true or false, found string 'yes'");
        assertRefused("MODEL (name a.b, columns (id bigint, name strng)) SELECT 1", 1, 38, "property 'columns' expects a Spark SQL type");
        assertRefused("MODEL (name a.b, columns [id, name]) SELECT 1", 1, 27, "property 'columns' expects a column and its type");
    }

    @Test
    void seedProblemsNameTheFileAndTheFix() {
        assertRefused("MODEL (name a.b, kind SEED (path 'seeds/missing.csv'))", 1, 34, "seed file seeds/missing.csv does not exist");
        seeds.put("seeds/short.csv", "id,name\n1,a\n2\n");
        VeneerException shortRow = error("MODEL (name a.b, kind SEED (path 'seeds/short.csv'))");
        assertThat(shortRow.location()).contains(new SourceLocation("seeds/short.csv", 3, 1));
        assertThat(shortRow.getMessage()).isEqualTo("row 2 of seed seeds/short.csv has 1 values, but the header names 2 columns;"
                + " make every line hold 2 comma-separated values");
        seeds.put("seeds/ok.csv", "id\n1\n");
        assertRefused("MODEL (name a.b, kind SEED (path 'seeds/ok.csv'), columns (code string))", 1, 34,
                "column code is declared in columns but seed seeds/ok.csv has no such column (it has id)");
        assertRefused("MODEL (name a.b, kind SEED (path 'seeds/ok.csv')) SELECT 1", 1, 1,
                "a SEED model is loaded from its CSV file and has no query");
        seeds.put("seeds/empty.csv", "");
        assertRefused("MODEL (name a.b, kind SEED (path 'seeds/empty.csv'))", 1, 34, "seed file seeds/empty.csv is empty");
    }

    @Test
    void aViewCannotUseTimeVariables() {
        assertRefused("MODEL (name a.b, kind VIEW) SELECT * FROM t WHERE ds = @start_ds", 1, 1,
                "a VIEW model cannot use @start_ds: a view has no batch to take the time from");
    }

    @Test
    void fullModelsHaveADailyScheduleWithoutStart() {
        Schedule schedule = parse("MODEL (name a.b) SELECT 1").schedule();
        assertThat(schedule.start()).isEmpty();
        assertThat(schedule.cron()).isEqualTo("@daily");
        assertThat(parse("MODEL (name a.b) SELECT 1").options()).isEqualTo(KindOptions.NONE);
        assertThat(parse("MODEL (name a.b) SELECT 1").columns()).isEqualTo(List.of());
        assertThat(parse("MODEL (name a.b) SELECT 1").schedule().end()).isEqualTo(Optional.empty());
    }

    private void assertRefused(String content, int line, int column, String messageStart) {
        assertThatThrownBy(() -> parse(content))
                .isInstanceOfSatisfying(VeneerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID);
                    assertThat(e.getMessage()).startsWith(messageStart);
                    assertThat(e.location()).map(SourceLocation::line).contains(line);
                    assertThat(e.location()).map(SourceLocation::column).contains(column);
                });
    }
}
