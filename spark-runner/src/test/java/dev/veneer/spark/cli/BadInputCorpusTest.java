package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.spark.testing.SharedSparkSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md rule 8 over the whole {@link BadInputCorpus}: each bad input gets a message saying what,
 * where and what to do, the documented exit status, and changes nothing: not the environments, not
 * the tables state records as built, not a table or view of the lakehouse. (Snapshots a failed apply
 * stored are not counted: they are immutable, point at nothing and expire with snapshot_ttl.)
 */
@ExtendWith(SharedSparkSession.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {
    @TempDir
    static Path tmp;

    ShopProject shop;
    String before;

    @BeforeAll
    void deploy() {
        shop = ShopProject.create(tmp, SharedSparkSession.spark());
        shop.ok("plan", "prod", "--auto-apply");
        shop.ok("plan", "dev", "--auto-apply");
        before = lakehouse();
    }

    static List<BadInput> corpus() {
        return BadInputCorpus.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputIsRefusedWithWhatWhereAndWhatToDoAndChangesNothing(BadInput bad) {
        restoreProjectFiles();
        CliRunner.Result result;
        try {
            bad.setup().forEach(step -> step.accept(shop));
            result = shop.veneer(bad.command().apply(shop));
        }
        finally {
            bad.teardown().forEach(step -> step.accept(shop));
            restoreProjectFiles();
        }

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(bad.exitCode());
        assertThat(result.stderr()).as(result.toString()).contains(bad.says());
        assertThat(result.stderr()).as("no stack trace without --verbose").doesNotContain("\tat ");
        assertThat(lakehouse()).as("state, tables and views after: " + bad).isEqualTo(before);
    }

    /** Environments, built tables and every table and view of the metastore, with the views' text. */
    private String lakehouse() {
        StringBuilder out = new StringBuilder(shop.ok("envs", "--json").stdout());
        try (StateStore state = StateStores.open("jdbc:sqlite:" + shop.dir.resolve(".veneer/state.db"))) {
            out.append(state.builtTables()).append('\n');
        }
        for (Row schema : shop.spark.sql("SHOW SCHEMAS").collectAsList()) {
            for (Row table : shop.spark.sql("SHOW TABLES IN `" + schema.getString(0) + "`").collectAsList()) {
                out.append(schema.getString(0)).append('.').append(table.getString(1)).append('\n');
            }
        }
        return out.append(shop.viewDefinitions()).toString();
    }

    private void restoreProjectFiles() {
        deleteTree(shop.dir.resolve("models"));
        ShopProject.copyTree(ShopProject.fixture("shop").resolve("models"), shop.dir.resolve("models"));
        for (String file : List.of("veneer.yaml", "external_models.yaml")) {
            try {
                Files.copy(ShopProject.fixture("shop").resolve(file), shop.dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
