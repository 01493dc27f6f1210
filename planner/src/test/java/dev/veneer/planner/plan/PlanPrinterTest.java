package dev.veneer.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.planner.ProjectFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanPrinterTest {
    @TempDir
    Path dir;

    private ProjectFixture project;
    private StateFixture state;

    @BeforeEach
    void setUp() {
        project = ProjectFixture.copyOf("shop", dir.resolve("project"));
        state = new StateFixture(dir);
    }

    @AfterEach
    void closeState() {
        state.close();
    }

    @Test
    void devPlanReadsTopDownWithDiffBuildsReuseViewsAndSummary() {
        state.planAndApply(project, "prod");
        project.replace("models/staging/orders.sql", "'cancelled'", "'void'");
        PlanFile plan = state.plan(project, "dev");

        String text = PlanPrinter.print(plan);

        assertThat(text).startsWith("Plan for environment dev (base: prod), a new environment\n");
        assertThat(text).contains("plan id " + plan.planId());
        assertThat(text).contains(
                "Directly modified (1):",
                "~ staging.orders  BREAKING",
                "-WHERE status <> 'cancelled'",
                "+WHERE status <> 'void'",
                "Indirectly modified (3):",
                "~ marts.customer_orders  INDIRECT_BREAKING",
                "Will compute (4):",
                "staging.orders  -> lake.veneer__staging.staging__orders__",
                "(iceberg table, full build)",
                "marts.recent_orders  -> spark_catalog.veneer__marts.marts__recent_orders__",
                "(view)",
                "Reused from prod, nothing computed (1):",
                "staging.customers  = lake.veneer__staging.staging__customers__",
                "View changes (5):",
                "create or replace staging__dev.orders -> lake.veneer__staging.staging__orders__",
                "Summary: 0 added, 0 removed, 1 directly modified, 3 indirectly modified; 4 to compute, 1 reused, 5 views to change.");
        assertThat(text.indexOf("Directly modified")).isLessThan(text.indexOf("Will compute"));
        assertThat(text.indexOf("Will compute")).isLessThan(text.indexOf("Reused from prod"));
        assertThat(text.indexOf("Reused from prod")).isLessThan(text.indexOf("View changes"));
        assertThat(text.indexOf("View changes")).isLessThan(text.indexOf("Summary:"));
        assertThat(text).doesNotContain("No changes");
    }

    @Test
    void nonBreakingAndIndirectCategoriesAreExplained() {
        state.planAndApply(project, "prod");
        project.replace("models/staging/orders.sql", "amount, order_date", "amount, order_date, status");

        String text = PlanPrinter.print(state.plan(project, "prod"));

        assertThat(text).startsWith("Plan for environment prod\n");
        assertThat(text).contains("~ staging.orders  NON_BREAKING  (rebuilt; only adds columns, children keep their tables)",
                "~ marts.top_customers  INDIRECT_NON_BREAKING  (keeps its table: parents only added columns or changed forward-only)",
                "+SELECT order_id, customer_id, amount, order_date, status");
    }

    @Test
    void addedRemovedAndMetadataModelsAreListed() {
        state.planAndApply(project, "prod");
        project.delete("models/marts/top_customers.sql")
                .replace("models/staging/customers.sql", "kind FULL", "kind FULL, owner crm_team")
                .write("models/marts/big_orders.sql", "MODEL (name marts.big_orders); SELECT * FROM staging.orders WHERE amount > 500");

        String text = PlanPrinter.print(state.plan(project, "prod"));

        assertThat(text).contains("Added models (1):\n  + marts.big_orders",
                "Removed models (1):\n  - marts.top_customers",
                "Metadata updated (no data change) (1):\n  ~ staging.customers",
                "drop marts.top_customers",
                "Summary: 1 added, 1 removed, 0 directly modified, 0 indirectly modified; 1 to compute");
    }

    @Test
    void promotionSaysNothingIsComputed() {
        state.planAndApply(project, "prod");
        project.replace("models/staging/orders.sql", "'cancelled'", "'void'");
        state.planAndApply(project, "dev");

        String text = PlanPrinter.print(state.plan(project, "prod"));

        assertThat(text).contains("Nothing to compute: every model uses a table that is already built.",
                "View changes (4):", "0 to compute");
    }

    @Test
    void unchangedEnvironmentPrintsNoChanges() {
        state.planAndApply(project, "prod");

        String text = PlanPrinter.print(state.plan(project, "prod"));

        assertThat(text).contains("No changes: environment prod already matches the project.")
                .doesNotContain("Summary:", "Will compute", "a new environment");
    }

    @Test
    void longListsAreCutWithAPointerToJson() {
        for (int i = 0; i < 30; i++) {
            project.write("models/many/m" + i + ".sql", "MODEL (name many.m" + i + "); SELECT " + i + " AS id");
        }
        state.planAndApply(project, "prod");

        String text = PlanPrinter.print(state.plan(project, "dev"));

        assertThat(text).contains("View changes (35):", "... and 10 more (see --json)");
    }
}
