package dev.veneer.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.AuditResult;
import dev.veneer.planner.ProjectFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audits in plans: part of the metadata (a changed audit re-runs on the kept table), carried rendered, reused tables' results shown. */
class AuditPlanningTest {
    private static final String ORDERS_FILE = "models/staging/orders.sql";

    @TempDir
    Path dir;

    private ProjectFixture project;
    private StateFixture state;

    @BeforeEach
    void setUp() {
        project = ProjectFixture.copyOf("shop", dir.resolve("project"))
                .replace(ORDERS_FILE, "description 'Orders that were not cancelled'",
                        "description 'Orders that were not cancelled',\n  audits (not_null(columns := (order_id)))");
        state = new StateFixture(dir);
    }

    @AfterEach
    void closeState() {
        state.close();
    }

    @Test
    void buildStepsAndSnapshotsCarryTheRenderedAudits() {
        PlanFile plan = state.plan(project, "prod");

        PlanFile.BuildStep orders = plan.builds().stream().filter(step -> step.model().equals("staging.orders")).findFirst().orElseThrow();
        assertThat(orders.audits()).containsExactly(new PlanFile.PlannedAudit("not_null", true,
                "SELECT * FROM @this_model WHERE (order_id) IS NULL", List.of(new dev.veneer.planner.sql.MacroSpan(14, 25, "this_model"))));
        PlanFile.PlannedSnapshot snapshot = plan.snapshots().stream().filter(s -> s.model().equals("staging.orders")).findFirst().orElseThrow();
        assertThat(snapshot.payload().audits()).isEqualTo(orders.audits());
    }

    @Test
    void aChangedAuditRerunsOnTheKeptTableAndDoesNotRebuildIt() {
        PlanFile prod = state.planAndApply(project, "prod");
        String table = prod.environmentSnapshots().stream().filter(p -> p.model().equals("staging.orders")).findFirst().orElseThrow()
                .physicalTable();
        project.replace(ORDERS_FILE, "not_null(columns := (order_id))", "not_null(columns := (order_id, customer_id))");

        PlanFile dev = state.plan(project, "dev");

        assertThat(dev.builds()).isEmpty();
        assertThat(dev.metadataUpdated()).containsExactly("staging.orders");
        assertThat(dev.auditChecks()).singleElement().satisfies(check -> {
            assertThat(check.model()).isEqualTo("staging.orders");
            assertThat(check.physicalTable()).isEqualTo(table);
            assertThat(check.audits().get(0).sql()).isEqualTo("SELECT * FROM @this_model WHERE (order_id) IS NULL OR (customer_id) IS NULL");
        });
        assertThat(PlanPrinter.print(dev)).contains("Audits to run again on kept tables (their audits changed) (1):",
                "staging.orders  not_null  on " + table);

        project.replace(ORDERS_FILE, "not_null(columns := (order_id, customer_id))", "not_null(columns := (order_id))");
        assertThat(state.plan(project, "dev").auditChecks()).as("audits as prod has them: nothing to check").isEmpty();
    }

    @Test
    void aReusedTableShowsWhatItsAuditsLastFound() {
        PlanFile prod = state.planAndApply(project, "prod");
        PlanFile.PlannedPointer orders = prod.environmentSnapshots().stream().filter(p -> p.model().equals("staging.orders"))
                .findFirst().orElseThrow();
        java.time.Instant ran = StateFixture.NOW;
        state.state().recordAuditResults(List.of(new AuditResult(ModelName.parse("staging.orders"), orders.version(), "not_null",
                Optional.empty(), true, 2, "[]", "prod", ran)));
        project.replace("models/staging/customers.sql", "SELECT", "SELECT 1 AS one,");

        PlanFile dev = state.plan(project, "dev");

        assertThat(dev.reused()).filteredOn(reused -> reused.model().equals("staging.orders")).singleElement()
                .satisfies(reused -> assertThat(reused.audits()).containsExactly(new PlanFile.AuditSummary("not_null", true, 1, 1, 2, ran)));
        assertThat(PlanPrinter.print(dev)).contains("staging.orders  = " + orders.physicalTable() + "  [audits: not_null FAILED 2 rows]");
    }
}
