package dev.veneer.spark.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.planner.plan.PlanFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The generated site opened from disk in a real headless Chromium, as a person would: lists filter,
 * pages show what the project and state hold, graphs draw and their nodes open model pages. Each page
 * leaves a screenshot under {@code target/docs-screenshots/}.
 */
class DocsBrowserTest {
    @TempDir
    static Path dir;

    private static DocsFixture fixture;
    private static Chromium chromium;
    private static Path site;
    private static Path planSite;

    @BeforeAll
    static void generate() {
        chromium = Chromium.start();
        fixture = DocsFixture.shop(dir);
        site = SiteWriter.write(new DocsSite(fixture.read(List.of())), dir.resolve("site")).folder();
        planSite = SiteWriter.write(new PlanSite(fixture.featurePlan(), DocsFixture.NOW), dir.resolve("plan-site")).folder();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String page(Path root, String path) {
        return root.resolve(path.replaceAll("\\?.*", "")).toUri() + (path.contains("?") ? path.substring(path.indexOf('?')) : "");
    }

    private static List<String> visibleModels() {
        return chromium.driver().findElements(By.cssSelector("#model-table tbody tr")).stream().filter(WebElement::isDisplayed)
                .map(row -> row.findElement(By.cssSelector("td a")).getText()).toList();
    }

    @Test
    void overviewListsEnvironments() {
        chromium.open(page(site, "index.html"));
        assertThat(chromium.driver().findElements(By.cssSelector("#environment-table tbody tr")).stream()
                .map(row -> row.getAttribute("data-environment")).toList()).containsExactly("prod", "dev");
        chromium.screenshot("index");
    }

    @Test
    void modelsListFiltersByTextKindSchemaAndTag() {
        chromium.open(page(site, "models.html"));
        chromium.waitForScript();
        assertThat(visibleModels()).hasSize(7).contains("marts.big_orders", "staging.orders");
        WebElement filter = chromium.driver().findElement(By.id("filter"));

        filter.sendKeys("finance");
        assertThat(visibleModels()).containsExactly("marts.daily_revenue", "staging.orders");
        assertThat(chromium.driver().findElement(By.id("model-count")).getText()).isEqualTo("2 of 7 models");

        filter.clear();
        filter.sendKeys("crm_team");
        assertThat(visibleModels()).containsExactly("staging.customers");

        filter.clear();
        new Select(chromium.driver().findElement(By.id("kind-filter"))).selectByValue("VIEW");
        assertThat(visibleModels()).containsExactly("marts.recent_orders");
        new Select(chromium.driver().findElement(By.id("kind-filter"))).selectByValue("");
        new Select(chromium.driver().findElement(By.id("schema-filter"))).selectByValue("staging");
        new Select(chromium.driver().findElement(By.id("tag-filter"))).selectByValue("finance");
        assertThat(visibleModels()).containsExactly("staging.orders");
        chromium.screenshot("models");
    }

    @Test
    void modelPageShowsItsSqlAndThePhysicalTableOfEachEnvironment() {
        chromium.open(page(site, "models/staging.customers.html"));
        assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("staging.customers");
        assertThat(chromium.driver().findElement(By.cssSelector("#model-sql pre")).getText())
                .isEqualTo(fixture.read("models/staging/customers.sql").strip());
        assertThat(chromium.driver().findElements(By.cssSelector("#model-sql span.kw")).stream().map(WebElement::getText).toList())
                .contains("SELECT", "FROM", "AS");

        Map<String, String> shown = new HashMap<>();
        for (WebElement row : chromium.driver().findElements(By.cssSelector("#physical-tables tbody tr"))) {
            shown.put(row.getAttribute("data-environment"), row.findElements(By.tagName("td")).get(0).getText());
        }
        ModelName customers = ModelName.parse("staging.customers");
        Map<String, String> inState = fixture.state().environments().stream().collect(Collectors.toMap(EnvironmentRecord::name,
                environment -> environment.pointer(customers).orElseThrow().physicalTable()));
        assertThat(shown).isEqualTo(inState);
        assertThat(inState.get("dev")).as("a non-breaking change builds a table of its own").isNotEqualTo(inState.get("prod"));
        assertThat(chromium.driver().findElement(By.id("columns-h")).findElement(By.xpath("..")).getText())
                .contains("customer_id", "bigint", "country", "string");
        chromium.screenshot("model-staging.customers");
    }

    @Test
    void modelPageShowsTextAsTextAndIntervalsAsRanges() {
        chromium.open(page(site, "models/staging.orders.html"));
        assertThat(chromium.driver().findElement(By.cssSelector("p.lead")).getText()).isEqualTo("Orders that were not <b>cancelled</b> & \"kept\"");
        assertThat(chromium.driver().findElements(By.cssSelector("main b"))).isEmpty();

        chromium.open(page(site, "models/marts.daily_revenue.html"));
        String intervals = chromium.driver().findElement(By.cssSelector("#physical-tables tr[data-environment=prod]")).getText();
        assertThat(intervals).contains("[2024-01-01, 2024-06-01)");
        assertThat(chromium.driver().findElements(By.cssSelector("#model-sql span.var")).stream().map(WebElement::getText).toList())
                .containsExactly("@start_ds", "@end_ds");
        chromium.screenshot("model-marts.daily_revenue");
    }

    @Test
    void dagPageDrawsANeighbourhoodAndANodeOpensItsModel() {
        chromium.open(page(site, "dag.html?model=staging.customers&up=1&down=2"));
        chromium.waitForScript();
        assertThat(nodes()).containsOnlyKeys("staging.customers", "marts.customer_orders", "marts.top_customers");
        assertThat(chromium.driver().findElements(By.cssSelector("#graph path.edge"))).hasSize(2);
        chromium.screenshot("dag-staging.customers");

        chromium.driver().findElement(By.cssSelector("#graph g.node[data-model='marts.top_customers']")).click();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("models/marts.top_customers.html"));
        assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("marts.top_customers");
    }

    @Test
    void dagPageDrawsTheWholeSmallProjectAndTheLineagePageOneModelsAncestorsAndDescendants() {
        chromium.open(page(site, "dag.html"));
        chromium.waitForScript();
        assertThat(nodes()).hasSize(7);
        chromium.screenshot("dag");

        chromium.open(page(site, "lineage.html?model=marts.customer_orders"));
        chromium.waitForScript();
        assertThat(nodes()).containsOnlyKeys("staging.orders", "staging.customers", "marts.customer_orders", "marts.top_customers");
        chromium.screenshot("lineage-marts.customer_orders");
    }

    @Test
    void environmentPageHighlightsExactlyTheChangedModels() {
        chromium.open(page(site, "environments/dev.html"));
        chromium.waitForScript();
        Set<String> changed = Set.of("staging.customers", "marts.customer_orders", "marts.top_customers");
        assertThat(chromium.driver().findElements(By.cssSelector("#change-table tbody tr")).stream()
                .map(row -> row.getAttribute("data-model")).collect(Collectors.toSet())).isEqualTo(changed);
        Map<String, String> marks = nodes();
        assertThat(marks.entrySet().stream().filter(entry -> !entry.getValue().equals("context")).map(Map.Entry::getKey)
                .collect(Collectors.toSet())).isEqualTo(changed);
        assertThat(marks).containsEntry("staging.customers", "non_breaking")
                .containsEntry("marts.customer_orders", "indirect_non_breaking")
                .containsEntry("staging.orders", "context");
        chromium.screenshot("environment-dev");
    }

    @Test
    void planPageMarksEachModelByItsCategoryAndBackfill() {
        PlanFile plan = fixture.featurePlan();
        chromium.open(page(planSite, "index.html"));
        chromium.waitForScript();
        Map<String, String> marks = nodes();
        Set<String> built = plan.builds().stream().map(PlanFile.BuildStep::model).collect(Collectors.toSet());
        Map<String, String> expected = new HashMap<>();
        plan.added().forEach(model -> expected.put(model, "added"));
        plan.directlyModified().forEach(change -> expected.put(change.model(), change.category().name().toLowerCase()));
        plan.indirectlyModified().forEach(change -> expected.put(change.model(), change.category().name().toLowerCase()));
        expected.replaceAll((model, category) -> category + (built.contains(model) ? " backfill" : " reused"));
        assertThat(expected).containsEntry("staging.orders", "breaking backfill").containsEntry("marts.big_orders", "added backfill")
                .containsEntry("marts.top_customers", "indirect_breaking backfill");
        assertThat(marks).containsAllEntriesOf(expected);
        assertThat(chromium.driver().findElement(By.id("backfill-table")).getText()).contains("marts.daily_revenue", "[2024-01-01, 2024-06-01)");
        chromium.screenshot("plan-feature");
    }

    @Test
    void servedPagesAreReadAgainOnReload() throws Exception {
        try (DocsServer server = DocsServer.start("127.0.0.1", 0, () -> new DocsSite(fixture.read(List.of())), error -> {})) {
            chromium.open(server.uri().resolve("dag.html?model=staging.orders&down=1").toString());
            chromium.waitForScript();
            assertThat(nodes()).containsKeys("staging.orders", "marts.big_orders", "marts.daily_revenue");

            URI model = server.uri().resolve("models/marts.big_orders.html");
            chromium.open(model.toString());
            assertThat(chromium.driver().findElements(By.cssSelector("p.lead"))).isEmpty();
            String file = fixture.read("models/marts/big_orders.sql");
            try {
                fixture.write("models/marts/big_orders.sql", file.replace("kind FULL", "kind FULL,\n  description 'Orders over 100'"));
                chromium.open(model.toString());
                assertThat(chromium.driver().findElement(By.cssSelector("p.lead")).getText()).isEqualTo("Orders over 100");
            }
            finally {
                fixture.write("models/marts/big_orders.sql", file);
            }
        }
    }

    /** The drawn nodes: model to its mark. */
    private static Map<String, String> nodes() {
        Map<String, String> nodes = new HashMap<>();
        chromium.driver().findElements(By.cssSelector("#graph g.node"))
                .forEach(node -> nodes.put(node.getAttribute("data-model"), node.getAttribute("data-mark")));
        return nodes;
    }

}
