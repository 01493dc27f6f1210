package dev.veneer.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.ProjectLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRendererTest {
    private static final ModelName ORDERS = ModelName.parse("staging.orders");
    private static final SnapshotPointer ORDERS_POINTER =
            new SnapshotPointer(ORDERS, "f1", "v1", "lake.veneer__staging.staging__orders__0123456789", "FULL");

    @TempDir
    Path dir;

    private String render(String reportQuery) {
        ProjectFixture fixture = ProjectFixture.empty(dir)
                .write("external_models.yaml", "- name: raw.orders\n")
                .write("models/orders.sql", "MODEL (name staging.orders); SELECT * FROM raw.orders")
                .write("models/report.sql", "MODEL (name marts.report);\n" + reportQuery);
        Project project = new ProjectLoader().load(fixture.directory());
        return new ModelRenderer(project, Map.of(ORDERS, ORDERS_POINTER))
                .render(project.model(ModelName.parse("marts.report")).orElseThrow());
    }

    @Test
    void modelReferencesBecomeQuotedPhysicalTables() {
        assertThat(render("SELECT o.id FROM staging.orders o WHERE o.id > 0"))
                .isEqualTo("SELECT o.id FROM `lake`.`veneer__staging`.`staging__orders__0123456789` o WHERE o.id > 0");
    }

    @Test
    void referencesInSubqueriesAndAnyCaseAreRendered() {
        assertThat(render("SELECT * FROM (SELECT * FROM Staging.Orders) x WHERE id IN (SELECT id FROM staging.orders)"))
                .doesNotContainIgnoringCase("staging.orders")
                .contains("`staging__orders__0123456789`) x", "FROM `lake`.`veneer__staging`.`staging__orders__0123456789`)");
    }

    @Test
    void cteNamesAndExternalTablesStayAsWritten() {
        assertThat(render("WITH orders AS (SELECT * FROM staging.orders) SELECT * FROM orders JOIN raw.orders r USING (id)"))
                .isEqualTo("WITH orders AS (SELECT * FROM `lake`.`veneer__staging`.`staging__orders__0123456789`) "
                        + "SELECT * FROM orders JOIN raw.orders r USING (id)");
    }
}
