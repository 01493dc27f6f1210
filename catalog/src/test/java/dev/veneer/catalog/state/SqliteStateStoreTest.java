package dev.veneer.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreTest extends StateStoreContract {
    @TempDir
    Path folder;

    private int states;

    @Override
    protected String freshStateUrl() {
        // A folder that does not exist yet: opening must create it.
        String project = states++ == 0 ? "project" : "project" + states;
        return "jdbc:sqlite:" + folder.resolve(project + "/.veneer/state.db").toAbsolutePath();
    }

    @Test
    void openingCreatesTheFolderOfTheDatabaseFile() {
        assertThat(folder.resolve("project/.veneer/state.db")).isRegularFile();
    }

    @Test
    void openingAMissingFileForReadingFindsNothingAndCreatesNothing() {
        Path file = folder.resolve("new-project/.veneer/state.db");

        try (StateStore empty = StateStores.openForReading("jdbc:sqlite:" + file)) {
            assertThat(empty.environments()).isEmpty();
            assertThat(empty.environment("prod")).isEmpty();
            assertThat(empty.projectName()).isEmpty();
            assertThat(empty.snapshotUsage()).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> empty.bindProject("shop"))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("opened for reading only");
        }
        assertThat(folder.resolve("new-project")).doesNotExist();

        // once a writer made it, readers read it
        try (StateStore writer = StateStores.open("jdbc:sqlite:" + file)) {
            writer.bindProject("shop");
        }
        try (StateStore reader = StateStores.openForReading("jdbc:sqlite:" + file)) {
            assertThat(reader.projectName()).contains("shop");
        }
    }
}
