package dev.veneer.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.Planner;
import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.ProjectErrors;
import dev.veneer.planner.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCacheTest {
    private static final int SHOP_MODELS = 5;

    @TempDir
    Path dir;

    private ProjectFixture project;
    private Path cacheFile;

    @BeforeEach
    void copyShop() {
        project = ProjectFixture.copyOf("shop", dir);
        cacheFile = Planner.cacheFolder(dir).resolve(QueryCache.FILE_NAME);
    }

    /** Loads the project through the cache on disk, as the command line does, and saves it. */
    private Loaded load() {
        QueryCache cache = QueryCache.open(Planner.cacheFolder(dir));
        Project loaded = new ProjectLoader(cache).load(dir);
        cache.save();
        return new Loaded(loaded, cache);
    }

    private record Loaded(Project project, QueryCache cache) {}

    private static Map<ModelName, String> parsedForm(Project project) {
        Map<ModelName, String> form = new TreeMap<>();
        project.models().forEach((name, model) -> {
            ParsedQuery query = model.query();
            form.put(name, query.text() + "|" + query.location() + "|" + query.canonicalText() + "|" + query.references()
                    + "|" + query.outermostSelect() + "|" + query.canonicalTokens());
        });
        return form;
    }

    @Test
    void aWarmLoadParsesNothingAndYieldsTheSameQueries() {
        Loaded cold = load();
        Loaded warm = load();

        assertThat(cold.cache().parsed()).isEqualTo(SHOP_MODELS);
        assertThat(warm.cache().parsed()).isZero();
        assertThat(warm.cache().hits()).isEqualTo(SHOP_MODELS);
        assertThat(parsedForm(warm.project())).isEqualTo(parsedForm(cold.project()))
                .isEqualTo(parsedForm(new ProjectLoader().load(dir)));
        assertThat(warm.project().models()).isEqualTo(cold.project().models());
    }

    @Test
    void editingOneFileParsesThatFileOnly() {
        load();
        project.replace("models/staging/orders.sql", "WHERE status <> 'cancelled'", "WHERE status <> 'cancelled' AND amount > 0");

        Loaded edited = load();

        assertThat(edited.cache().parsed()).isEqualTo(1);
        assertThat(edited.cache().hits()).isEqualTo(SHOP_MODELS - 1);
        assertThat(edited.project().model(ModelName.parse("staging.orders")).orElseThrow().query().canonicalText())
                .contains("and amount > 0");
        assertThat(parsedForm(edited.project())).isEqualTo(parsedForm(new ProjectLoader().load(dir)));
    }

    @Test
    void aRunThatParsedOneFileAppendsItsRecordAndARunThatParsedNothingWritesNothing() throws IOException {
        load();
        byte[] before = Files.readAllBytes(cacheFile);
        project.replace("models/staging/orders.sql", "WHERE status <> 'cancelled'", "WHERE status <> 'cancelled' AND amount > 0");

        load();
        byte[] appended = Files.readAllBytes(cacheFile);
        Loaded again = load();

        assertThat(appended.length).isGreaterThan(before.length);
        assertThat(Arrays.copyOf(appended, before.length)).isEqualTo(before);
        assertThat(again.cache().parsed()).isZero();
        assertThat(again.cache().hits()).isEqualTo(SHOP_MODELS);
        assertThat(Files.readAllBytes(cacheFile)).isEqualTo(appended);
        assertThat(parsedForm(again.project())).isEqualTo(parsedForm(new ProjectLoader().load(dir)));
    }

    @Test
    void aFileWrittenByAnotherVersionMeanwhileIsReplacedNotAppendedTo() throws IOException {
        load();
        project.replace("models/staging/orders.sql", "WHERE status <> 'cancelled'", "WHERE status <> 'cancelled' AND amount > 0");
        QueryCache cache = QueryCache.open(Planner.cacheFolder(dir));
        new ProjectLoader(cache).load(dir);
        // another Veneer (another grammar) rewrote the file while this run was parsing
        Files.write(cacheFile, QueryCacheFile.encode("another-grammar", Map.of()));

        cache.save();
        Loaded reloaded = load();

        assertThat(reloaded.cache().problem()).isEmpty();
        assertThat(reloaded.cache().hits()).isEqualTo(SHOP_MODELS);
    }

    @Test
    void aHeaderEditIsValidatedFromTheFileEvenWhenTheQueryComesFromTheCache() {
        load();
        project.replace("models/staging/orders.sql", "owner data_team", "owner finance");

        Loaded edited = load();

        assertThat(edited.cache().parsed()).isEqualTo(1);
        assertThat(edited.project().model(ModelName.parse("staging.orders")).orElseThrow().owner()).contains("finance");

        project.replace("models/staging/orders.sql", "owner finance", "owner finance, kind VIEW");
        try {
            load();
            throw new AssertionError("a header error must fail the load even when the query is cached");
        }
        catch (ProjectErrors expected) {
            assertThat(expected.getMessage()).contains("kind");
        }
    }

    @Test
    void aFileThatMovedKeepsItsPathAndItsParse() {
        load();
        project.move("models/staging/orders.sql", "models/core/orders.sql");

        Loaded moved = load();

        assertThat(moved.cache().parsed()).isZero();
        ModelDefinition model = moved.project().model(ModelName.parse("staging.orders")).orElseThrow();
        assertThat(model.path()).isEqualTo("models/core/orders.sql");
        assertThat(model.query().path()).isEqualTo("models/core/orders.sql");
    }

    @Test
    void aDamagedCacheFileIsDetectedIgnoredAndRewritten() throws IOException {
        load();
        byte[] good = Files.readAllBytes(cacheFile);
        byte[][] damaged = {
            flip(good, good.length / 2),
            flip(good, good.length - 1),
            Arrays.copyOf(good, good.length / 3),
            new byte[0],
            "not a cache at all".getBytes(),
        };
        for (byte[] bytes : damaged) {
            Files.write(cacheFile, bytes);

            Loaded rebuilt = load();

            assertThat(rebuilt.cache().problem()).as("problem reported for %d bytes", bytes.length).isPresent();
            assertThat(rebuilt.cache().hits()).isZero();
            assertThat(rebuilt.cache().parsed()).isEqualTo(SHOP_MODELS);
            assertThat(parsedForm(rebuilt.project())).isEqualTo(parsedForm(new ProjectLoader().load(dir)));
            assertThat(Files.readAllBytes(cacheFile)).isEqualTo(good);
        }
    }

    @Test
    void aCacheOfAnotherParserVersionIsIgnored() throws IOException {
        load();
        Files.write(cacheFile, QueryCacheFile.encode("another-grammar", Map.of()));

        Loaded rebuilt = load();

        assertThat(rebuilt.cache().problem()).hasValueSatisfying(problem -> assertThat(problem).contains("parser version"));
        assertThat(rebuilt.cache().parsed()).isEqualTo(SHOP_MODELS);
        assertThat(load().cache().hits()).isEqualTo(SHOP_MODELS);
    }

    @Test
    void anEntryWhoseQueryNoLongerFitsIsParsedAgain() throws IOException {
        Loaded cold = load();
        ModelDefinition orders = cold.project().model(ModelName.parse("staging.orders")).orElseThrow();
        String key = QueryCache.open(Planner.cacheFolder(dir)).key(Files.readAllBytes(dir.resolve(orders.path())));
        // An entry under the right key that was parsed from a query of another length: never used.
        CachedQuery wrong = new CachedQuery(orders.query().firstLine(), orders.query().firstColumn(),
                orders.query().text().length() - 1, java.util.List.of(), null, java.util.List.of(), null);
        Files.write(cacheFile, QueryCacheFile.encode(QueryCache.codeVersion(), Map.of(key, wrong)));

        Loaded reloaded = load();

        assertThat(reloaded.cache().parsed()).isEqualTo(SHOP_MODELS);
        assertThat(parsedForm(reloaded.project())).isEqualTo(parsedForm(cold.project()));
    }

    @Test
    void aQueryWithASyntaxErrorIsNotCachedAndFailsAgain() {
        load();
        project.replace("models/staging/orders.sql", "SELECT order_id,", "SELECT order_id,,");

        for (int run = 0; run < 2; run++) {
            QueryCache cache = QueryCache.open(Planner.cacheFolder(dir));
            try {
                new ProjectLoader(cache).load(dir);
                throw new AssertionError("a syntax error must fail the load");
            }
            catch (ProjectErrors expected) {
                assertThat(expected.problems()).singleElement().satisfies(problem -> assertThat(problem.location().orElseThrow().path()).isEqualTo("models/staging/orders.sql"));
            }
            cache.save();
            assertThat(cache.hits()).isEqualTo(SHOP_MODELS - 1);
        }
    }

    @Test
    void aPlannerWithTheCacheCompilesLikeOneWithout() {
        Planner.CompiledProject uncached = new Planner().compile(dir);
        for (int run = 0; run < 2; run++) {
            Planner.CompiledProject cached = Planner.withQueryCache().compile(dir);

            assertThat(cached.project()).isEqualTo(uncached.project());
            assertThat(cached.fingerprints()).isEqualTo(uncached.fingerprints());
            assertThat(cached.graph().topologicalOrder()).isEqualTo(uncached.graph().topologicalOrder());
            assertThat(Files.exists(cacheFile)).isTrue();
        }
    }

    @Test
    void aDisabledCacheParsesAndKeepsNothing() {
        Project loaded = new ProjectLoader().load(dir);

        assertThat(loaded.models()).hasSize(SHOP_MODELS);
        assertThat(Files.exists(Planner.cacheFolder(dir))).isFalse();
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x10;
        return copy;
    }
}
