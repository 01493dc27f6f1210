package dev.veneer.planner.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.Planner;
import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.sql.QueryCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** external_models.yaml read through its cache: the same models as the YAML says, whatever the cache file holds. */
class ExternalModelsCacheTest {
    @TempDir
    Path dir;

    private ProjectFixture project;
    private Path cacheFile;

    @BeforeEach
    void copyShop() {
        project = ProjectFixture.copyOf("shop", dir);
        cacheFile = Planner.cacheFolder(dir).resolve(ExternalModelsCache.FILE_NAME);
    }

    private Map<ModelName, ExternalModel> load() {
        QueryCache cache = QueryCache.open(Planner.cacheFolder(dir));
        Project loaded = new ProjectLoader(cache).load(dir);
        cache.save();
        return loaded.externals();
    }

    @Test
    void aWarmLoadReadsTheSameExternalsFromTheCache() {
        Map<ModelName, ExternalModel> cold = load();
        assertThat(cacheFile).exists();

        Map<ModelName, ExternalModel> warm = load();

        assertThat(warm).isEqualTo(cold).isEqualTo(new ProjectLoader().load(dir).externals());
        assertThat(warm.get(ModelName.parse("raw.orders")).columns()).containsEntry("amount", "decimal(12,2)");
    }

    @Test
    void anEditedYamlIsReadAgainNotTakenFromTheCache() {
        load();
        project.replace("external_models.yaml", "    country: string", "    country: string\n    segment: string");

        Map<ModelName, ExternalModel> edited = load();

        assertThat(edited.get(ModelName.parse("raw.customers")).columns()).containsKeys("country", "segment");
        assertThat(load()).isEqualTo(edited);
    }

    @Test
    void aCorruptOrTruncatedCacheFileIsIgnoredAndWrittenAgain() throws IOException {
        Map<ModelName, ExternalModel> cold = load();
        byte[] good = Files.readAllBytes(cacheFile);
        byte[] flipped = good.clone();
        flipped[flipped.length - 3] ^= 0x5a;

        for (byte[] bad : new byte[][] {flipped, java.util.Arrays.copyOf(good, good.length / 2), "garbage".getBytes(), new byte[0]}) {
            Files.write(cacheFile, bad);

            assertThat(load()).isEqualTo(cold);
            assertThat(Files.readAllBytes(cacheFile)).isEqualTo(good);
        }
    }

    @Test
    void aBrokenYamlIsReportedEvenWhenAnEarlierVersionWasCached() {
        load();
        project.write("external_models.yaml", "- name: raw.orders\n  columns: [not, a, map]\n");

        assertThatThrownBy(this::load).isInstanceOf(VeneerException.class)
                .hasMessageContaining("'columns' must map column names to types");
    }
}
