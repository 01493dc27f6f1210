package dev.veneer.spark.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;

import dev.veneer.planner.lineage.ColumnRef;
import dev.veneer.planner.lineage.ColumnTrace;
import dev.veneer.planner.lineage.ColumnTrace.Node;
import dev.veneer.planner.lineage.ProjectLineage;
import dev.veneer.spark.docs.ColumnLineage.Leaf;
import dev.veneer.spark.docs.ColumnLineage.LineageColumn;
import dev.veneer.spark.docs.ColumnLineage.ModelColumns;
import dev.veneer.spark.docs.ColumnLineage.ModelLineage;
import dev.veneer.spark.docs.DocsModel.ColumnDoc;
import dev.veneer.spark.docs.DocsModel.EnvironmentDoc;
import dev.veneer.spark.docs.DocsModel.ModelDoc;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsModelReaderTest {
    @TempDir
    static Path dir;

    private static DocsFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = DocsFixture.shop(dir);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Test
    void environmentsAreComparedWithProd() {
        DocsModel model = fixture.read(List.of());

        assertThat(model.environments()).extracting(EnvironmentDoc::name).containsExactly("prod", "dev");
        EnvironmentDoc dev = model.environment("dev").orElseThrow();
        assertThat(dev.changes()).extracting(DocsModel.ModelChange::model)
                .containsExactly("marts.customer_orders", "marts.top_customers", "staging.customers");
        assertThat(dev.ownTables()).isEqualTo(1);
        assertThat(dev.sharedTables()).isEqualTo(5);
        assertThat(dev.expiresAt()).contains(DocsFixture.NOW.plus(java.time.Duration.ofDays(7)));
    }

    @Test
    void modelsKnowTheirTablesParentsAndChildren() {
        ModelDoc orders = fixture.read(List.of("dev")).models().get(ModelName.parse("staging.orders"));

        assertThat(orders.tables()).extracting(DocsModel.EnvironmentTable::environment).containsExactly("dev");
        assertThat(orders.tables().get(0).sharedWithProd()).isTrue();
        assertThat(orders.tables().get(0).current()).as("the project's staging.orders has changed since dev was applied").isFalse();
        assertThat(orders.externalParents()).containsExactly(ModelName.parse("raw.orders"));
        assertThat(orders.children()).extracting(ModelName::toString)
                .containsExactly("marts.big_orders", "marts.customer_orders", "marts.daily_revenue", "marts.recent_orders");
        assertThat(orders.file().substring(orders.queryOffset())).startsWith("-- cancelled orders never count\nSELECT order_id");
    }

    @Test
    void columnLineageGivesEachColumnItsSourcesItsReadersAndTheColumnsThatDecideRows() {
        DocsModel model = fixture.read(List.of());
        ModelLineage orders = model.lineage().model(ModelName.parse("staging.orders"));

        assertThat(orders.columns()).extracting(LineageColumn::name).containsExactly("order_id", "customer_id", "amount", "order_date");
        LineageColumn amount = orders.columns().get(2);
        assertThat(amount.output()).isTrue();
        assertThat(amount.sources()).extracting(ColumnRef::toString).containsExactly("raw.orders.amount");
        assertThat(amount.readers()).extracting(ColumnRef::toString)
                .containsExactly("marts.big_orders.amount", "marts.customer_orders.revenue", "marts.daily_revenue.revenue", "marts.recent_orders.amount");
        assertThat(amount.rowsOf()).extracting(ModelName::toString).containsExactly("marts.big_orders");
        assertThat(orders.rows()).extracting(ColumnRef::toString).containsExactly("raw.orders.status");
        assertThat(orders.leaves()).contains(new Leaf(new ColumnRef(ModelName.parse("raw.orders"), "amount"), "external",
                Optional.of("decimal(12,2)"), null));

        ModelLineage customerOrders = model.lineage().model(ModelName.parse("marts.customer_orders"));
        assertThat(customerOrders.rows()).extracting(ColumnRef::toString)
                .containsExactly("staging.customers.customer_id", "staging.customers.name", "staging.orders.customer_id");
        assertThat(customerOrders.columns()).filteredOn(column -> column.name().equals("revenue")).singleElement()
                .satisfies(revenue -> {
                    assertThat(revenue.readers()).extracting(ColumnRef::toString).containsExactly("marts.top_customers.revenue");
                    assertThat(revenue.rowsOf()).extracting(ModelName::toString).containsExactly("marts.top_customers");
                });
    }

    @Test
    void modelColumnsAreTheDeclaredOnesThenWhatTheQueryOutputsBesides() {
        DocsModel model = fixture.read(List.of());

        ModelColumns customers = model.lineage().columns(ModelName.parse("staging.customers"),
                model.models().get(ModelName.parse("staging.customers")).columns());
        assertThat(customers.columns()).extracting(ColumnDoc::name, column -> column.type().orElse("?")).containsExactly(
                tuple("customer_id", "bigint"), tuple("name", "string"), tuple("country", "string"), tuple("country_code", "?"));
        assertThat(customers.traced()).contains("customer_id", "name", "country", "country_code");

        ModelColumns customerOrders = model.lineage().columns(ModelName.parse("marts.customer_orders"), List.of());
        assertThat(customerOrders.columns()).extracting(ColumnDoc::name).containsExactly("customer_id", "name", "orders", "revenue");
        assertThat(customerOrders.star()).isEmpty();
    }

    @Test
    void aStarOverUndeclaredColumnsIsSaidAsTheCliSaysItNeverGuessed(@TempDir Path other) {
        try (DocsFixture clicks = DocsFixture.clicks(other)) {
            DocsModel model = clicks.read(List.of());
            ModelName staging = ModelName.parse("staging.clicks");
            ColumnTrace cli = new ColumnTrace(new ProjectLineage(clicks.compile().project(), clicks.compile().graph()));

            ModelColumns columns = model.lineage().columns(staging, List.of());
            assertThat(columns.columns()).extracting(ColumnDoc::name).containsExactly("counted");
            assertThat(columns.star()).contains("more columns that cannot be listed: a * over raw.clicks, whose columns are not declared "
                    + "in external_models.yaml");

            ModelLineage lineage = model.lineage().model(staging);
            assertThat(lineage.columns()).extracting(LineageColumn::name, LineageColumn::output)
                    .containsExactly(tuple("counted", true), tuple("url", false));
            LineageColumn url = lineage.columns().get(1);
            Node expected = cli.node(new ColumnRef(staging, "url"));
            assertThat(url.note()).isEqualTo(expected.note()).isEqualTo("not a column Veneer can see: it would come from the * over raw.clicks, "
                    + "whose columns are not declared (declare them in external_models.yaml to trace it)");
            assertThat(url.sources()).extracting(ColumnRef::toString).containsExactly("raw.clicks.url");
            assertThat(url.readers()).extracting(ColumnRef::toString).containsExactly("marts.all_clicks.url");
            assertThat(url.rowsOf()).extracting(ModelName::toString).containsExactly("marts.page_clicks");
            assertThat(lineage.leaves()).containsExactly(new Leaf(new ColumnRef(ModelName.parse("raw.clicks"), "url"), "external", Optional.empty(),
                    "external table without declared columns"));

            ModelLineage all = model.lineage().model(ModelName.parse("marts.all_clicks"));
            assertThat(all.columns()).extracting(LineageColumn::name).containsExactly("counted", "url");
            assertThat(all.star()).contains("more columns that cannot be listed: a * over staging.clicks, whose columns are not declared "
                    + "in external_models.yaml");
        }
    }

    @Test
    void anUnknownEnvironmentIsRefusedNamingTheOnesThatExist() {
        VeneerException error = catchThrowableOfType(VeneerException.class, () -> fixture.read(List.of("dev", "staging")));

        assertThat(error.code()).isEqualTo(ErrorCode.ENVIRONMENT_NOT_FOUND);
        assertThat(error.getMessage()).isEqualTo("--env staging: no such environment; the environments are dev, prod. List them with 'veneer envs'");
    }
}
