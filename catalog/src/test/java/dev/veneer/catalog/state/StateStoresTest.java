package dev.veneer.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoresTest {
    private static final String FIX = "; check 'state' in veneer.yaml or VENEER_STATE_URL";

    @Test
    void unsupportedUrlIsUnavailableWithTheUrlsWeSupport() {
        assertThatThrownBy(() -> StateStores.open("jdbc:nope:x"))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STATE_UNAVAILABLE))
                .hasMessageStartingWith("cannot open state store jdbc:nope:x: ")
                .hasMessageContaining("jdbc:sqlite:")
                .hasMessageEndingWith(FIX);
    }

    @Test
    void unreachableServerIsUnavailableAndHidesThePassword() {
        assertThatThrownBy(() -> StateStores.open("jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=secret&connectTimeout=2"))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STATE_UNAVAILABLE))
                .hasMessageStartingWith("cannot open state store jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=***&connectTimeout=2: ")
                .hasMessageEndingWith(FIX)
                .hasMessageNotContaining("secret");
    }

    @Test
    void sqliteFileUnderARegularFileIsUnavailable(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> StateStores.open("jdbc:sqlite:" + file.resolve("state.db")))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STATE_UNAVAILABLE))
                .hasMessageContaining("cannot create folder")
                .hasMessageEndingWith(FIX);
    }

    @Test
    void inMemorySqliteIsRefused() {
        assertThatThrownBy(() -> StateStores.open("jdbc:sqlite::memory:"))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STATE_UNAVAILABLE))
                .hasMessageContaining("SQLite state must be a file");
    }
}
