package dev.veneer.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.plan.PlanMarkdown.CheckSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull-request summary of a plan, against golden files (ids and version hashes normalized). */
class PlanMarkdownTest {
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

    private static String normalize(String markdown) {
        return markdown.replaceAll("[0-9a-f]{32}", "<plan-id>").replaceAll("__[0-9a-f]{10}\\b", "__<version>");
    }

    private static void assertGolden(String markdown, String name) throws IOException {
        String golden = "/golden/" + name;
        if (Boolean.getBoolean("veneer.updateGolden")) {
            // mvn verify -pl planner -Dtest=PlanMarkdownTest -Dveneer.updateGolden=true, then review the diff
            Files.writeString(Path.of("src/test/resources" + golden), markdown);
        }
        assertThat(markdown).as("markdown summary changed; if intended, update src/test/resources%s", golden)
                .isEqualTo(Files.readString(ProjectFixture.resource(golden), StandardCharsets.UTF_8));
    }

    @Test
    void breakingChangeInDev() throws IOException {
        state.planAndApply(project, "prod");
        project.replace("models/staging/orders.sql", "'cancelled'", "'void'");
        project.replace("models/marts/customer_orders.sql", "SUM(o.amount) AS revenue", "SUM(o.amount) AS revenue, MAX(o.amount) AS biggest");

        String markdown = normalize(PlanMarkdown.print(state.plan(project, "dev")));

        assertGolden(markdown, "shop_dev_breaking_change.md");
        assertThat(markdown).contains("<details><summary><code>staging.orders</code> — BREAKING</summary>", "```diff");
    }

    @Test
    void firstDeployToProd() throws IOException {
        assertGolden(normalize(PlanMarkdown.print(state.plan(project, "prod"))), "shop_prod_first_deploy.md");
    }

    @Test
    void noChanges() throws IOException {
        state.planAndApply(project, "prod");

        assertGolden(normalize(PlanMarkdown.print(state.plan(project, "prod"))), "shop_prod_no_changes.md");
    }

    @Test
    void testAndAuditResultsAreListedWithFailuresFirstInMind() {
        state.planAndApply(project, "prod");
        project.replace("models/staging/orders.sql", "'cancelled'", "'void'");

        String markdown = PlanMarkdown.print(state.plan(project, "dev"), List.of(
                new CheckSummary("audit", "not_null(order_id)", "staging.orders", true, "0 rows"),
                new CheckSummary("test", "test_orders", "staging.orders", false, "1 row differs | amount")));

        assertThat(markdown).contains("#### Tests and audits\n\n1 passed, 1 failed\n",
                "| **failed** | test | `test_orders` | `staging.orders` | 1 row differs \\| amount |");
    }

    @Test
    void aDiffHoldingBackticksCannotCloseItsFence() {
        state.planAndApply(project, "prod");
        project.replace("models/staging/orders.sql", "WHERE status <> 'cancelled'", "WHERE status <> '```'");

        String markdown = PlanMarkdown.print(state.plan(project, "dev"));

        assertThat(markdown).contains("````diff\n").contains("'```'");
    }
}
