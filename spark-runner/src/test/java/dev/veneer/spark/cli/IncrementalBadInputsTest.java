package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.spark.testing.SharedSparkSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs of the incremental kinds, through the CLI on a deployed project: each names the file,
 * the place and the fix, exits 1, and changes neither the environments nor any view.
 */
@ExtendWith(SharedSparkSession.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalBadInputsTest {
    private static final String MODEL = "models/staging/events.sql";

    @TempDir
    static Path tmp;

    ShopProject shop;
    String envsBefore;
    String viewsBefore;

    @BeforeAll
    void deploy() {
        shop = ShopProject.create(tmp, SharedSparkSession.spark());
        shop.ok("plan", "prod", "--auto-apply");
        envsBefore = shop.ok("envs", "--json").stdout();
        viewsBefore = shop.viewDefinitions();
    }

    @AfterEach
    void removeAddedFiles() throws IOException {
        Files.deleteIfExists(shop.dir.resolve(MODEL));
        Files.deleteIfExists(shop.dir.resolve("models/ref/countries.sql"));
        Files.deleteIfExists(shop.dir.resolve("seeds/countries.csv"));
    }

    static Stream<Arguments> badModels() {
        return Stream.of(
                Arguments.of("missing time_column", """
                        MODEL (name staging.events, kind INCREMENTAL_BY_TIME_RANGE (batch_size 3), start '2024-01-01');
                        SELECT id, amount FROM raw.orders""",
                        MODEL + ":1:34", "kind INCREMENTAL_BY_TIME_RANGE needs the property 'time_column'"),
                Arguments.of("unknown kind property", """
                        MODEL (name staging.events, kind INCREMENTAL_BY_TIME_RANGE (time_column ds, partition ds), start '2024-01-01');
                        SELECT id AS ds FROM raw.orders""",
                        MODEL + ":1:77", "unknown property 'partition' of kind INCREMENTAL_BY_TIME_RANGE"),
                Arguments.of("bad cron", """
                        MODEL (name staging.events, cron '*/70 * * * *');
                        SELECT id FROM raw.orders""",
                        MODEL + ":1:34", "property 'cron' expects a cron expression"),
                Arguments.of("start in the future", """
                        MODEL (name staging.events, kind INCREMENTAL_BY_TIME_RANGE (time_column ds), start '2999-01-01');
                        SELECT id AS ds FROM raw.orders""",
                        MODEL + ":1:1", "start 2999-01-01T00:00:00Z is after the execution time"),
                Arguments.of("bad date", """
                        MODEL (name staging.events, kind INCREMENTAL_BY_TIME_RANGE (time_column ds), start '2024-02-30');
                        SELECT id AS ds FROM raw.orders""",
                        MODEL + ":1:84", "property 'start' expects a date such as '2024-01-01'"),
                Arguments.of("unknown macro variable", """
                        MODEL (name staging.events, kind INCREMENTAL_BY_TIME_RANGE (time_column ds), start '2024-01-01');
                        SELECT id AS ds FROM raw.orders WHERE id > @start_day""",
                        MODEL + ":2:44", "unknown macro variable @start_day"),
                Arguments.of("forward_only on a FULL model", """
                        MODEL (name staging.events, forward_only true);
                        SELECT id FROM raw.orders""",
                        MODEL + ":1:29", "forward_only applies to incremental kinds (INCREMENTAL_BY_TIME_RANGE, INCREMENTAL_BY_UNIQUE_KEY,"
                                + " SCD_TYPE_2, SCD_TYPE_2_BY_COLUMN): a FULL model is rebuilt whole on every build"),
                Arguments.of("forward_only on a VIEW", """
                        MODEL (name staging.events, kind VIEW, forward_only true);
                        SELECT id FROM raw.orders""",
                        MODEL + ":1:40", "SCD_TYPE_2_BY_COLUMN): a VIEW holds no data"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModels")
    void aBadIncrementalModelIsRefusedWhereItIsWritten(String name, String content, String location, String message) {
        shop.write(MODEL, content);

        assertRefused(shop.veneer("plan", "dev", "--auto-apply"), location, message);
    }

    static Stream<Arguments> badForwardOnlyOptions() {
        return Stream.of(
                Arguments.of("an unknown model allowed to be destructive",
                        new String[] {"--forward-only", "--allow-destructive-model", "staging.nope"},
                        java.util.List.of("--allow-destructive-model staging.nope: no such model in the project")),
                Arguments.of("--effective-from without --forward-only", new String[] {"--effective-from", "2024-01-01"},
                        java.util.List.of("--effective-from applies the changes of a forward-only plan from a date", "add --forward-only")),
                Arguments.of("--effective-from in the future", new String[] {"--forward-only", "--effective-from", "2999-01-01"},
                        java.util.List.of("--effective-from 2999-01-01T00:00:00Z is in the future", "give a date in the past")),
                Arguments.of("--forward-only with --restate", new String[] {"--forward-only", "--restate", "staging.orders"},
                        java.util.List.of("--forward-only and --restate make separate plans")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badForwardOnlyOptions")
    void aBadForwardOnlyOptionIsRefused(String name, String[] options, java.util.List<String> message) {
        shop.edit("models/staging/orders.sql", "FROM raw.orders", "FROM raw.orders WHERE id > 0");
        try {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("plan", "prod", "--auto-apply"));
            args.addAll(java.util.List.of(options));
            assertRefused(shop.veneer(args.toArray(String[]::new)), message.toArray(String[]::new));
        }
        finally {
            shop.edit("models/staging/orders.sql", "FROM raw.orders WHERE id > 0", "FROM raw.orders");
        }
    }

    @org.junit.jupiter.api.Test
    void aMissingSeedFileNamesItAndThePath() {
        shop.write("models/ref/countries.sql", "MODEL (name ref.countries, kind SEED (path 'seeds/countries.csv'));\n");

        assertRefused(shop.veneer("plan", "dev", "--auto-apply"), "models/ref/countries.sql:1:44",
                "seed file seeds/countries.csv does not exist", "create it or fix the path");
    }

    @org.junit.jupiter.api.Test
    void aSeedRowWithTheWrongColumnCountNamesTheLine() {
        shop.write("models/ref/countries.sql", "MODEL (name ref.countries, kind SEED (path 'seeds/countries.csv'));\n");
        shop.write("seeds/countries.csv", "code,name\nFR,France\nDE\n");

        assertRefused(shop.veneer("plan", "dev", "--auto-apply"), "seeds/countries.csv:3:1",
                "row 2 of seed seeds/countries.csv has 1 values, but the header names 2 columns");
    }

    @org.junit.jupiter.api.Test
    void prodRefusesARangeWithoutRestatement() {
        assertRefused(shop.veneer("plan", "prod", "--start", "2024-01-01", "--auto-apply"),
                "--start and --end limit a dev environment's backfill or a restatement");
    }

    @org.junit.jupiter.api.Test
    void restatingAnUnknownModelIsRefused() {
        assertRefused(shop.veneer("plan", "prod", "--restate", "staging.nope", "--auto-apply"),
                "--restate staging.nope: no such model in the project");
    }

    @org.junit.jupiter.api.Test
    void badTimesOnTheCommandLineAreUsageErrors() {
        CliRunner.Result result = shop.veneer("run", "--execution-time", "tomorrow");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("'tomorrow' is not a time");
        assertThat(shop.ok("envs", "--json").stdout()).isEqualTo(envsBefore);
    }

    private void assertRefused(CliRunner.Result result, String... messageParts) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).as(result.toString()).contains(messageParts);
        assertThat(shop.ok("envs", "--json").stdout()).isEqualTo(envsBefore);
        assertThat(shop.viewDefinitions()).isEqualTo(viewsBefore);
    }

}
