package dev.veneer.planner.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.ProjectFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleConfigTest {
    @TempDir
    Path dir;

    private LifecycleConfig read(String yaml) {
        ProjectFixture.empty(dir).write("veneer.yaml", yaml);
        ProjectConfigReader.read(dir);
        return LifecycleConfig.read(dir);
    }

    @Test
    void environmentsAndSnapshotsLiveSevenDaysByDefault() {
        assertThat(read("name: a\n")).isEqualTo(new LifecycleConfig(Duration.ofDays(7), Duration.ofDays(7)));
    }

    @Test
    void ttlsAreReadInShortAndIsoForms() {
        LifecycleConfig config = read("name: a\nenvironment_ttl: 12h\nsnapshot_ttl: P2D\n");

        assertThat(config.environmentTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(config.snapshotTtl()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void badTtlNamesTheKeyAndShowsExamples() {
        VeneerException error = catchThrowableOfType(VeneerException.class, () -> read("name: a\nenvironment_ttl: 7 dayz\n"));

        assertThat(error.describe()).startsWith("veneer.yaml:1:1: environment_ttl '7 dayz' is not a positive duration")
                .contains("7d, 12h");
        assertThat(catchThrowableOfType(VeneerException.class, () -> read("name: a\nsnapshot_ttl: 0s\n")).getMessage())
                .contains("snapshot_ttl '0s'");
    }

    @Test
    void durationsParseAndFormat() {
        assertThat(DurationText.parse("2w")).contains(Duration.ofDays(14));
        assertThat(DurationText.parse("30 minutes")).contains(Duration.ofMinutes(30));
        assertThat(DurationText.parse("45s")).contains(Duration.ofSeconds(45));
        assertThat(DurationText.parse("-P1D")).isEmpty();
        assertThat(DurationText.parse("soon")).isEmpty();
        assertThat(DurationText.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void stateSchemaBecomesTheCurrentSchemaOfAPostgresUrl() {
        assumeTrue(System.getenv("VENEER_STATE_URL") == null, "VENEER_STATE_URL overrides the state");
        ProjectFixture.empty(dir).write("veneer.yaml", "name: a\nstate: jdbc:postgresql://db:5432/lake?user=v\nstate_schema: team_a\n");

        assertThat(ProjectConfigReader.read(dir).state()).isEqualTo("jdbc:postgresql://db:5432/lake?user=v&currentSchema=team_a");
    }

    @Test
    void stateSchemaIsRefusedForSqliteAndForBadNames() {
        assumeTrue(System.getenv("VENEER_STATE_URL") == null, "VENEER_STATE_URL overrides the state");
        ProjectFixture.empty(dir).write("veneer.yaml", "name: a\nstate_schema: team_a\n");
        assertThat(catchThrowableOfType(VeneerException.class, () -> ProjectConfigReader.read(dir)).getMessage())
                .contains("PostgreSQL state only");

        ProjectFixture.empty(dir).write("veneer.yaml", "name: a\nstate: jdbc:postgresql://db/x\nstate_schema: \"a; DROP\"\n");
        assertThat(catchThrowableOfType(VeneerException.class, () -> ProjectConfigReader.read(dir)).getMessage())
                .contains("state_schema 'a; DROP' must be a lower-case identifier");
    }
}
