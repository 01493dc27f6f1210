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
    private static Path clicksSite;

    @BeforeAll
    static void generate() {
        chromium = Chromium.start();
        fixture = DocsFixture.shop(dir);
        site = SiteWriter.write(new DocsSite(fixture.read(List.of())), dir.resolve("site")).folder();
        planSite = SiteWriter.write(new PlanSite(fixture.featurePlan(), DocsFixture.NOW), dir.resolve("plan-site")).folder();
        try (DocsFixture clicks = DocsFixture.clicks(dir)) {
            clicksSite = SiteWriter.write(new DocsSite(clicks.read(List.of())), dir.resolve("clicks-site")).folder();
        }
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
    void lineagePageDrawsExactlyTheUpstreamAndDownstreamColumnsOfAColumn() {
        chromium.open(page(site, "lineage.html?model=marts.customer_orders&column=revenue"));
        chromium.waitForScript();
        waitForColumns();
        assertThat(columns()).isEqualTo(Map.of(
                "marts.customer_orders.revenue", "focus",
                "staging.orders.amount", "upstream",
                "raw.orders.amount", "upstream",
                "staging.customers.customer_id", "rows",
                "staging.customers.name", "rows",
                "staging.orders.customer_id", "rows",
                "marts.top_customers.revenue", "downstream",
                "marts.top_customers.*", "rows_of"));
        assertThat(edges()).containsExactlyInAnyOrder(
                "raw.orders.amount>staging.orders.amount", "staging.orders.amount>marts.customer_orders.revenue",
                "staging.customers.customer_id>marts.customer_orders.revenue rows", "staging.customers.name>marts.customer_orders.revenue rows",
                "staging.orders.customer_id>marts.customer_orders.revenue rows", "marts.customer_orders.revenue>marts.top_customers.revenue",
                "marts.customer_orders.revenue>marts.top_customers.* rows");
        assertThat(chromium.driver().findElements(By.cssSelector("#graph g.card")).stream().map(card -> card.getAttribute("data-model")).toList())
                .containsExactlyInAnyOrder("raw.orders", "staging.orders", "staging.customers", "marts.customer_orders", "marts.top_customers");
        assertThat(chromium.driver().findElement(By.id("lineage-upstream")).getText()).contains("raw.orders.amount decimal(12,2) (external)");
        assertThat(chromium.driver().findElement(By.id("graph-status")).getText())
                .isEqualTo("Lineage of marts.customer_orders.revenue: 2 upstream and 1 downstream columns.");
        chromium.screenshot("lineage-marts.customer_orders.revenue");

        // a column node opens that column's lineage
        chromium.driver().findElement(By.cssSelector("#graph g.column-node[data-column='staging.orders.amount']")).click();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("column=amount"));
        chromium.waitForScript();
        waitForColumns();
        assertThat(columns()).isEqualTo(Map.of(
                "staging.orders.amount", "focus",
                "raw.orders.amount", "upstream",
                "raw.orders.status", "rows",
                "marts.big_orders.amount", "downstream",
                "marts.customer_orders.revenue", "downstream",
                "marts.daily_revenue.revenue", "downstream",
                "marts.recent_orders.amount", "downstream",
                "marts.top_customers.revenue", "downstream",
                "marts.big_orders.*", "rows_of",
                "marts.top_customers.*", "rows_of"));
        chromium.screenshot("lineage-staging.orders.amount");
    }

    @Test
    void lineagePagePicksAColumnAndSaysWhenAModelHasNoSuchColumn() {
        chromium.open(page(site, "lineage.html"));
        chromium.waitForScript();
        WebElement model = chromium.driver().findElement(By.id("dag-model"));
        model.sendKeys("staging.customers");
        chromium.script("arguments[0].dispatchEvent(new Event('change'))", model);
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(10))
                .until(d -> new Select(d.findElement(By.id("lineage-column"))).getOptions().size() > 1);
        Select column = new Select(chromium.driver().findElement(By.id("lineage-column")));
        assertThat(column.getOptions().stream().map(WebElement::getText).toList())
                .containsExactly("(every model, no column)", "customer_id (bigint)", "name (string)", "country (string)", "country_code");
        column.selectByValue("name");
        chromium.driver().findElement(By.cssSelector("#lineage-form button")).click();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("column=name"));
        chromium.waitForScript();
        waitForColumns();
        assertThat(columns()).containsOnlyKeys("staging.customers.name", "raw.customers.name", "marts.customer_orders.name",
                "marts.top_customers.name", "marts.customer_orders.*");

        chromium.open(page(site, "lineage.html?model=staging.orders&column=nope"));
        chromium.waitForScript();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(10)).until(d -> d.findElement(By.id("graph-status")).getText().startsWith("Model"));
        assertThat(chromium.driver().findElement(By.id("graph-status")).getText())
                .isEqualTo("Model staging.orders has no column 'nope'; its columns are: order_id, customer_id, amount, order_date.");
        assertThat(columns()).isEmpty();
    }

    @Test
    void lineagePageSaysWhatAStarOverUndeclaredColumnsHidesAsTheCliDoes() {
        chromium.open(page(clicksSite, "models/staging.clicks.html"));
        assertThat(chromium.driver().findElement(By.cssSelector("#model-columns tr.star")).getText())
                .isEqualTo("* more columns that cannot be listed: a * over raw.clicks, whose columns are not declared in external_models.yaml");

        chromium.open(page(clicksSite, "lineage.html?model=staging.clicks&column=url"));
        chromium.waitForScript();
        waitForColumns();
        assertThat(columns()).isEqualTo(Map.of("staging.clicks.url", "focus", "raw.clicks.url", "upstream",
                "marts.all_clicks.url", "downstream", "marts.page_clicks.*", "rows_of"));
        assertThat(chromium.driver().findElements(By.cssSelector("#graph g.column-node.has-note")).stream()
                .map(node -> node.getAttribute("data-column")).toList())
                .containsExactlyInAnyOrder("staging.clicks.url", "raw.clicks.url", "marts.all_clicks.url");
        assertThat(chromium.driver().findElement(By.id("lineage-upstream")).getText())
                .isEqualTo("raw.clicks.url (external) — external table without declared columns");
        assertThat(chromium.driver().findElement(By.id("lineage-details")).getText()).contains("staging.clicks.url: not a column Veneer can see: "
                + "it would come from the * over raw.clicks, whose columns are not declared (declare them in external_models.yaml to trace it)");
        chromium.screenshot("lineage-staging.clicks.url");
    }

    @Test
    void modelPageListsItsOutputColumnsEachLinkingToItsLineage() {
        chromium.open(page(site, "models/marts.customer_orders.html"));
        List<WebElement> rows = chromium.driver().findElements(By.cssSelector("#model-columns tbody tr"));
        assertThat(rows.stream().map(row -> row.getAttribute("data-column")).toList()).containsExactly("customer_id", "name", "orders", "revenue");
        assertThat(rows.stream().map(row -> row.findElement(By.cssSelector("a")).getAttribute("href").replaceAll(".*/", "")).toList())
                .containsExactly("lineage.html?model=marts.customer_orders&column=customer_id", "lineage.html?model=marts.customer_orders&column=name",
                        "lineage.html?model=marts.customer_orders&column=orders", "lineage.html?model=marts.customer_orders&column=revenue");
        chromium.screenshot("model-marts.customer_orders");

        rows.get(3).findElement(By.cssSelector("a")).click();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("column=revenue"));
        chromium.waitForScript();
        waitForColumns();
        assertThat(columns()).containsEntry("marts.customer_orders.revenue", "focus").hasSize(8);
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
            chromium.open(server.uri().resolve("lineage.html?model=staging.orders&column=order_date").toString());
            chromium.waitForScript();
            waitForColumns();
            assertThat(columns()).containsEntry("marts.daily_revenue.order_date", "downstream").containsEntry("raw.orders.order_date", "upstream");

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

    /** The drawn column nodes: model.column to its marks. */
    private static Map<String, String> columns() {
        Map<String, String> columns = new HashMap<>();
        chromium.driver().findElements(By.cssSelector("#graph g.column-node"))
                .forEach(node -> columns.put(node.getAttribute("data-column"), node.getAttribute("data-mark")));
        return columns;
    }

    /** The drawn edges between columns, {@code from>to}, with " rows" for the columns that decide rows. */
    private static List<String> edges() {
        return chromium.driver().findElements(By.cssSelector("#graph path.edge")).stream().map(edge -> edge.getAttribute("data-from") + ">"
                + edge.getAttribute("data-to") + (edge.getAttribute("class").contains("rows-edge") ? " rows" : "")).toList();
    }

    /** Column lineage loads each model's data as a script: the graph is drawn after the page's first script ran. */
    private static void waitForColumns() {
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("graph-status")).getText().startsWith("Lineage of"));
    }

    /** The drawn nodes: model to its mark. */
    private static Map<String, String> nodes() {
        Map<String, String> nodes = new HashMap<>();
        chromium.driver().findElements(By.cssSelector("#graph g.node"))
                .forEach(node -> nodes.put(node.getAttribute("data-model"), node.getAttribute("data-mark")));
        return nodes;
    }

}
