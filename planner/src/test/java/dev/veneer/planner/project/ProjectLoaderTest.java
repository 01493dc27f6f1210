package dev.veneer.planner.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.ProjectFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {
    @TempDir
    Path dir;

    private Project load(ProjectFixture project) {
        return new ProjectLoader().load(project.directory());
    }

    private ProjectErrors loadError(ProjectFixture project) {
        return catchThrowableOfType(ProjectErrors.class, () -> load(project));
    }

    @Test
    void loadsEveryModelAndExternalTableOfTheShop() {
        Project project = load(ProjectFixture.copyOf("shop", dir));

        assertThat(project.config().name()).isEqualTo("shop");
        assertThat(project.models().keySet()).extracting(ModelName::toString).containsExactly(
                "marts.customer_orders", "marts.recent_orders", "marts.top_customers", "staging.customers", "staging.orders");
        assertThat(project.model(ModelName.parse("staging.orders")).orElseThrow().path()).isEqualTo("models/staging/orders.sql");
        assertThat(project.externals().keySet()).extracting(ModelName::toString).containsExactly("raw.customers", "raw.orders");
        assertThat(project.externals().get(ModelName.parse("raw.orders")).columns()).containsEntry("amount", "decimal(12,2)");
    }

    @Test
    void onlySqlFilesUnderModelsAreModels() {
        ProjectFixture project = ProjectFixture.empty(dir)
                .write("models/a.sql", "MODEL (name s.a); SELECT 1 AS x")
                .write("models/README.md", "not a model")
                .write("models/deep/er/b.sql", "MODEL (name s.b); SELECT 2 AS x")
                .write("audits/c.sql", "AUDIT (name c); SELECT 3");

        assertThat(load(project).models().keySet()).extracting(ModelName::toString).containsExactly("s.a", "s.b");
    }

    @Test
    void duplicateModelNamesAreAnErrorNamingBothFiles() {
        ProjectErrors error = loadError(ProjectFixture.empty(dir)
                .write("models/a/orders.sql", "MODEL (name staging.orders); SELECT 1 AS x")
                .write("models/b/orders_copy.sql", "MODEL (\n  name Staging.Orders\n);\nSELECT 2 AS x"));

        assertThat(error.code()).isEqualTo(ErrorCode.DUPLICATE_MODEL);
        assertThat(error.getMessage()).contains("staging.orders", "models/a/orders.sql", "rename");
        assertThat(error.location()).map(SourceLocation::path).contains("models/b/orders_copy.sql");
    }

    @Test
    void modelAlsoDeclaredExternalIsAnError() {
        ProjectErrors error = loadError(ProjectFixture.empty(dir)
                .write("external_models.yaml", "- name: raw.orders\n")
                .write("models/orders.sql", "MODEL (name raw.orders); SELECT 1 AS x"));

        assertThat(error.code()).isEqualTo(ErrorCode.DUPLICATE_MODEL);
        assertThat(error.getMessage()).contains("raw.orders", "external_models.yaml");
    }

    @Test
    void everyBadFileIsReportedAtOnceWithItsLocation() {
        ProjectErrors error = loadError(ProjectFixture.empty(dir)
                .write("models/good.sql", "MODEL (name s.good); SELECT 1 AS x")
                .write("models/no_header.sql", "SELECT 1")
                .write("models/bad_sql.sql", "MODEL (name s.bad);\nSELECT a FROM s.good WHERE (")
                .write("models/bad_kind.sql", "MODEL (name s.kind, kind SOMETIMES); SELECT 1"));

        assertThat(error.problems()).hasSize(3);
        assertThat(error.problems()).extracting(problem -> problem.location().orElseThrow().path())
                .containsExactlyInAnyOrder("models/no_header.sql", "models/bad_sql.sql", "models/bad_kind.sql");
        assertThat(error.getMessage()).startsWith("3 problems in the project:")
                .contains("models/no_header.sql:1:1: ", "models/bad_sql.sql:2:", "SOMETIMES");
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorWhileAWrittenReplacementCharacterIsFine() throws java.io.IOException {
        ProjectFixture project = ProjectFixture.empty(dir)
                .write("models/good.sql", "MODEL (name s.good, description 'keeps \uFFFD as written'); SELECT 'caf\u00e9' AS x");
        java.nio.file.Files.write(dir.resolve("models/latin1.sql"),
                "MODEL (name s.latin1); SELECT 'caf\u00e9' AS x".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        ProjectErrors error = loadError(project);

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.location().orElseThrow().path()).isEqualTo("models/latin1.sql");
            assertThat(problem.getMessage()).contains("cannot read file");
        });

        java.nio.file.Files.delete(dir.resolve("models/latin1.sql"));
        assertThat(load(project).model(dev.veneer.catalog.ModelName.parse("s.good")).orElseThrow().description())
                .contains("keeps \uFFFD as written");
    }

    @Test
    void missingModelsFolderSaysWhereModelsGo() {
        VeneerException error = catchThrowableOfType(VeneerException.class, () -> load(ProjectFixture.empty(dir)));

        assertThat(error.code()).isEqualTo(ErrorCode.PROJECT_INVALID);
        assertThat(error.getMessage()).contains("no models/ folder", "models/**/*.sql");
    }

    @Test
    void badExternalModelsFileIsAnError() {
        VeneerException error = catchThrowableOfType(VeneerException.class, () -> load(ProjectFixture.empty(dir)
                .write("models/a.sql", "MODEL (name s.a); SELECT 1 AS x")
                .write("external_models.yaml", "- columns: {id: int}\n")));

        assertThat(error.code()).isEqualTo(ErrorCode.PROJECT_INVALID);
        assertThat(error.getMessage()).contains("entry 1", "name");
        assertThat(error.location()).map(SourceLocation::path).contains("external_models.yaml");
    }
}
