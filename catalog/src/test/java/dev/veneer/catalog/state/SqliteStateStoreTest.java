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
}
