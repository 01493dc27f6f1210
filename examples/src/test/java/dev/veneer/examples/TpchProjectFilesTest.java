package dev.veneer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.veneer.examples.TpchProject.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example project's files, checked without Spark. */
class TpchProjectFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> HEADER_KEYS = Set.of(
            "name", "kind", "table_format", "owner", "description", "tags", "cron", "grain", "partitioned_by", "depends_on", "stamp");

    @Test
    void projectHasConfigExternalModelsReadmeAndModelLayers() throws IOException {
        assertThat(TpchProject.DIR.resolve("veneer.yaml")).isRegularFile();
        assertThat(TpchProject.DIR.resolve("external_models.yaml")).isRegularFile();
        assertThat(TpchProject.DIR.resolve("README.md")).isRegularFile();
        try (Stream<Path> layers = Files.list(TpchProject.DIR.resolve("models"))) {
            assertThat(layers.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(TpchProject.LAYERS);
        }
    }

    @Test
    void configNamesTheProjectIcebergByDefaultInCatalogLake() throws IOException {
        JsonNode config = YAML.readTree(TpchProject.DIR.resolve("veneer.yaml").toFile());
        assertThat(config.path("name").asText()).isEqualTo("tpch");
        assertThat(config.path("default_table_format").asText()).isEqualTo("iceberg");
        assertThat(config.path("iceberg_catalog").asText()).isEqualTo("lake");
        assertThat(config.path("physical_schema_prefix").asText()).isEqualTo("veneer");
    }

    @Test
    void externalModelsDeclareTheEightTablesTheLoaderWrites() throws IOException {
        JsonNode entries = YAML.readTree(TpchProject.DIR.resolve("external_models.yaml").toFile());
        assertThat(entries.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode entry : entries) {
            names.add(entry.path("name").asText());
            JsonNode columns = entry.path("columns");
            assertThat(columns.isObject()).as("columns of %s", entry.path("name")).isTrue();
            String prefix = columns.fieldNames().next().substring(0, columns.fieldNames().next().indexOf('_') + 1);
            columns.fields().forEachRemaining(column -> {
                assertThat(column.getKey()).startsWith(prefix);
                assertThat(column.getValue().asText()).isIn("bigint", "int", "decimal(12,2)", "date", "string");
            });
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(TpchLoader.tables());
        assertThat(names).allMatch(name -> name.startsWith("tpch."));
    }

    @Test
    void everyModelFileHasAHeaderAndOneQuery() {
        List<ModelFile> models = TpchProject.models();
        assertThat(models).hasSizeBetween(10, 16);
        for (ModelFile model : models) {
            assertThat(model.header()).as(model.path().toString()).startsWith("MODEL (").endsWith(");");
            assertThat(model.query()).as(model.path().toString()).isNotBlank();
            String start = model.queryWithoutComments().strip().split("\\s+")[0].toUpperCase();
            assertThat(start).as("first word of the query in %s", model.path()).isIn("SELECT", "WITH");
            assertThat(model.queryWithoutComments()).as("one statement, no ';', in %s", model.path()).doesNotContain(";");
        }
    }

    @Test
    void everyHeaderUsesOnlyKnownPropertiesAndNamesItsFile() {
        for (ModelFile model : TpchProject.models()) {
            List<String> keys = model.header().lines()
                    .skip(1)
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.equals(");"))
                    .map(line -> line.split("\\s+")[0])
                    .toList();
            assertThat(keys).as(model.path().toString()).allMatch(HEADER_KEYS::contains).doesNotHaveDuplicates();
            assertThat(keys).as(model.path().toString()).contains("name", "kind", "owner", "description", "tags");

            Path relative = TpchProject.DIR.resolve("models").relativize(model.path());
            String expected = relative.getParent() + "." + relative.getFileName().toString().replace(".sql", "");
            assertThat(model.name()).as(model.path().toString()).isEqualTo(expected);
            assertThat(model.kind()).as(model.path().toString()).isIn("FULL", "VIEW");
            assertThat(model.tableFormat()).as(model.path().toString()).isIn("iceberg", "delta");
        }
    }

    @Test
    void exactlyOneViewAndBothTableFormatsAmongTheTables() {
        List<ModelFile> models = TpchProject.models();
        assertThat(models.stream().filter(model -> model.kind().equals("VIEW")).map(ModelFile::name))
                .containsExactly("marts.top_customers");
        Map<String, Long> formats = models.stream()
                .filter(model -> model.kind().equals("FULL"))
                .collect(Collectors.groupingBy(ModelFile::tableFormat, Collectors.counting()));
        assertThat(formats).containsOnlyKeys("iceberg", "delta");
        assertThat(formats.values()).allMatch(count -> count >= 3);
    }

    @Test
    void everyReferenceIsAModelOrARawTableAndTheGraphIsLayered() {
        List<ModelFile> models = TpchProject.models();
        Set<String> modelNames = models.stream().map(ModelFile::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> known = new TreeSet<>(modelNames);
        known.addAll(TpchLoader.tables());
        Set<String> rawTablesRead = new TreeSet<>();
        for (ModelFile model : models) {
            Set<String> references = model.tableReferences();
            assertThat(references).as("tables read by %s", model.name()).isNotEmpty().isSubsetOf(known);
            String layer = model.name().substring(0, model.name().indexOf('.'));
            if (layer.equals("staging")) {
                assertThat(references).as("staging reads raw tables only: %s", model.name()).allMatch(ref -> ref.startsWith("tpch."));
            }
            else {
                assertThat(references).as("%s reads models, not raw tables", model.name()).noneMatch(ref -> ref.startsWith("tpch."));
            }
            references.stream().filter(ref -> ref.startsWith("tpch.")).forEach(rawTablesRead::add);
        }
        assertThat(rawTablesRead).containsExactlyInAnyOrderElementsOf(TpchLoader.tables());
        assertThat(TpchProject.inDependencyOrder(models)).hasSameSizeAs(models);
    }
}
