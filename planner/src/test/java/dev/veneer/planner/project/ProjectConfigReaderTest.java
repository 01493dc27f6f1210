package dev.veneer.planner.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.ProjectFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigReaderTest {
    @TempDir
    Path dir;

    private ProjectConfig read(String yaml) {
        ProjectFixture.empty(dir).write("veneer.yaml", yaml);
        return ProjectConfigReader.read(dir);
    }

    private VeneerException error(String yaml) {
        return catchThrowableOfType(VeneerException.class, () -> read(yaml));
    }

    @Test
    void nameAloneGivesTheDefaults() {
        assumeTrue(System.getenv("VENEER_STATE_URL") == null, "VENEER_STATE_URL overrides the state default");

        ProjectConfig config = read("name: analytics\n");

        assertThat(config.name()).isEqualTo("analytics");
        assertThat(config.defaultTableFormat()).isEqualTo(TableFormat.ICEBERG);
        assertThat(config.icebergCatalog()).isEqualTo("lake");
        assertThat(config.physicalSchemaPrefix()).isEqualTo("veneer");
        assertThat(config.spark()).isEmpty();
        assertThat(config.state()).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().normalize().resolve(".veneer/state.db"));
    }

    @Test
    void everyKeyIsRead() {
        assumeTrue(System.getenv("VENEER_STATE_URL") == null, "VENEER_STATE_URL overrides the state");

        ProjectConfig config = read("""
                name: analytics
                default_table_format: DELTA
                iceberg_catalog: warehouse
                physical_schema_prefix: vnr
                spark:
                  spark.sql.shuffle.partitions: 4
                  spark.executor.memory: 2g
                state: jdbc:postgresql://db:5432/veneer
                """);

        assertThat(config.defaultTableFormat()).isEqualTo(TableFormat.DELTA);
        assertThat(config.icebergCatalog()).isEqualTo("warehouse");
        assertThat(config.physicalSchemaPrefix()).isEqualTo("vnr");
        assertThat(config.spark()).containsExactly(
                Map.entry("spark.executor.memory", "2g"), Map.entry("spark.sql.shuffle.partitions", "4"));
        assertThat(config.state()).isEqualTo("jdbc:postgresql://db:5432/veneer");
    }

    @Test
    void aRelativeSqliteStateFileIsTheOneInTheFolderTheCommandRunsIn() {
        assumeTrue(System.getenv("VENEER_STATE_URL") == null, "VENEER_STATE_URL overrides the state");
        Path client = dir.resolve("client").toAbsolutePath();

        ProjectConfig here = read("name: a\nstate: jdbc:sqlite:shared/state.db\n");
        ProjectConfig there = WorkingDirectory.within(client, () -> read("name: a\nstate: jdbc:sqlite:shared/state.db\n"));
        ProjectConfig absolute = WorkingDirectory.within(client, () -> read("name: a\nstate: jdbc:sqlite:/srv/state.db\n"));

        assertThat(here.state()).isEqualTo("jdbc:sqlite:" + Path.of("").toAbsolutePath().resolve("shared/state.db"));
        assertThat(there.state()).isEqualTo("jdbc:sqlite:" + client.resolve("shared/state.db"));
        assertThat(absolute.state()).isEqualTo("jdbc:sqlite:/srv/state.db");
    }

    @Test
    void unknownKeyIsAnErrorListingTheValidKeys() {
        VeneerException error = error("name: analytics\ndefault_format: delta\n");

        assertThat(error.code()).isEqualTo(ErrorCode.PROJECT_INVALID);
        assertThat(error.getMessage()).contains("unknown key 'default_format'",
                "name, default_table_format, iceberg_catalog, physical_schema_prefix, spark, state");
        assertThat(error.location()).map(SourceLocation::path).contains("veneer.yaml");
    }

    @Test
    void missingNameIsAnError() {
        VeneerException error = error("default_table_format: iceberg\n");

        assertThat(error.code()).isEqualTo(ErrorCode.PROJECT_INVALID);
        assertThat(error.getMessage()).contains("'name' is required");
    }

    @Test
    void blankNameIsAnError() {
        assertThat(error("name: '  '\n").getMessage()).contains("'name' is required");
    }

    @Test
    void unsupportedTableFormatNamesTheValidOnes() {
        VeneerException error = error("name: analytics\ndefault_table_format: parquet\n");

        assertThat(error.code()).isEqualTo(ErrorCode.PROJECT_INVALID);
        assertThat(error.getMessage()).contains("'parquet'", "iceberg", "delta");
    }

    @Test
    void catalogAndPrefixMustBeLowerCaseIdentifiers() {
        assertThat(error("name: a\niceberg_catalog: My-Lake\n").getMessage()).contains("iceberg_catalog 'My-Lake'");
        assertThat(error("name: a\nphysical_schema_prefix: 'x y'\n").getMessage()).contains("physical_schema_prefix 'x y'");
    }

    @Test
    void stateMustBeAJdbcUrl() {
        assumeTrue(System.getenv("VENEER_STATE_URL") == null, "VENEER_STATE_URL overrides the state");

        assertThat(error("name: a\nstate: /tmp/state.db\n").getMessage()).contains("must be a JDBC URL");
    }

    @Test
    void sparkMustBeAMapping() {
        assertThat(error("name: a\nspark: [a, b]\n").getMessage()).contains("'spark' must be a mapping");
    }

    @Test
    void nonMappingAndInvalidYamlAreErrors() {
        assertThat(error("- name: a\n").getMessage()).contains("YAML mapping");
        assertThat(error("name: [unclosed\n").getMessage()).contains("cannot read veneer.yaml", "fix the YAML");
    }

    @Test
    void missingFileSaysWhereToRunVeneer() {
        VeneerException error = catchThrowableOfType(VeneerException.class, () -> ProjectConfigReader.read(dir));

        assertThat(error.code()).isEqualTo(ErrorCode.PROJECT_INVALID);
        assertThat(error.getMessage()).contains("no veneer.yaml", "--project DIR");
    }
}
