package dev.veneer.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StateUrlTest {
    @Test
    void sqliteUrlNamesItsFile() {
        StateUrl url = StateUrl.parse("jdbc:sqlite:/tmp/p/.veneer/state.db?journal_mode=WAL");

        assertThat(url.vendor()).isEqualTo(StateUrl.Vendor.SQLITE);
        assertThat(url.sqliteFile()).contains(Path.of("/tmp/p/.veneer/state.db"));
        assertThat(url.schema()).isEmpty();
    }

    @Test
    void postgresUrlNamesItsSchema() {
        StateUrl url = StateUrl.parse("jdbc:postgresql://db:5432/lake?user=v&currentSchema=veneer_state,public");

        assertThat(url.vendor()).isEqualTo(StateUrl.Vendor.POSTGRESQL);
        assertThat(url.schema()).contains("veneer_state");
        assertThat(url.sqliteFile()).isEmpty();
        assertThat(StateUrl.parse("jdbc:postgresql://db/lake").schema()).isEmpty();
    }

    @Test
    void passwordsNeverReachMessages() {
        StateUrl url = StateUrl.parse("jdbc:postgresql://db/lake?user=v&password=s3cret&currentSchema=x");

        assertThat(url.redacted()).isEqualTo("jdbc:postgresql://db/lake?user=v&password=***&currentSchema=x");
        assertThat(url.toString()).doesNotContain("s3cret");
    }
}
