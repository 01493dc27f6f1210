package dev.veneer.planner.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.ProjectFixture;
import dev.veneer.planner.project.ProjectErrors;
import dev.veneer.planner.project.ProjectLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelGraphTest {
    private static final ModelName RAW_ORDERS = ModelName.parse("raw.orders");
    private static final ModelName ORDERS = ModelName.parse("staging.orders");
    private static final ModelName CUSTOMERS = ModelName.parse("staging.customers");

    @TempDir
    Path dir;

    private ModelGraph graph(ProjectFixture project) {
        return ModelGraph.build(new ProjectLoader().load(project.directory()));
    }

    private ProjectErrors graphError(ProjectFixture project) {
        return catchThrowableOfType(ProjectErrors.class, () -> graph(project));
    }

    private VeneerException cycleError(ProjectFixture project) {
        return catchThrowableOfType(VeneerException.class, () -> graph(project));
    }

    /** A project with staging.orders and staging.customers over one external table, raw.orders. */
    private ProjectFixture staging() {
        return ProjectFixture.empty(dir)
                .write("external_models.yaml", "- name: raw.orders\n")
                .write("models/orders.sql", "MODEL (name staging.orders); SELECT * FROM raw.orders")
                .write("models/customers.sql", "MODEL (name staging.customers); SELECT DISTINCT customer_id FROM raw.orders");
    }

    @Test
    void externalTablesResolveAsExternalParentsNotModels() {
        ModelGraph graph = graph(staging());

        assertThat(graph.parents(ORDERS)).isEmpty();
        assertThat(graph.externalParents(ORDERS)).containsExactly(RAW_ORDERS);
        assertThat(graph.topologicalOrder()).containsExactly(CUSTOMERS, ORDERS);
    }

    @Test
    void parentsComeFromJoinsSubqueriesAndUnions() {
        ModelGraph graph = graph(staging()
                .write("models/union.sql", """
                        MODEL (name marts.everything);
                        SELECT o.customer_id FROM staging.orders o JOIN staging.customers c USING (customer_id)
                        UNION ALL
                        SELECT customer_id FROM (SELECT customer_id FROM marts.vip) v
                        WHERE customer_id IN (SELECT customer_id FROM raw.orders)
                        """)
                .write("models/vip.sql", "MODEL (name marts.vip); SELECT 1 AS customer_id"));

        assertThat(graph.parents(ModelName.parse("marts.everything")))
                .containsExactly(ModelName.parse("marts.vip"), CUSTOMERS, ORDERS);
        assertThat(graph.externalParents(ModelName.parse("marts.everything"))).containsExactly(RAW_ORDERS);
    }

    @Test
    void cteNamedLikeAModelTableIsNotAReference() {
        ModelGraph graph = graph(staging()
                .write("models/report.sql", """
                        MODEL (name marts.report);
                        WITH orders AS (SELECT * FROM staging.orders),
                             customers AS (SELECT * FROM orders)
                        SELECT * FROM customers JOIN orders USING (customer_id)
                        """));

        assertThat(graph.parents(ModelName.parse("marts.report"))).containsExactly(ORDERS);
        assertThat(graph.externalParents(ModelName.parse("marts.report"))).isEmpty();
    }

    @Test
    void cteNameIsOnlyInScopeInsideItsQuery() {
        ProjectErrors error = graphError(staging()
                .write("models/report.sql", """
                        MODEL (name marts.report);
                        SELECT * FROM (WITH recent AS (SELECT * FROM staging.orders) SELECT * FROM recent) r
                        JOIN recent USING (order_id)
                        """));

        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_REFERENCE);
        assertThat(error.getMessage()).contains("'recent'");
    }

    @Test
    void dependsOnAddsParentsTheQueryDoesNotName() {
        ModelGraph graph = graph(staging()
                .write("models/audit.sql", """
                        MODEL (name marts.audit, depends_on [staging.customers, raw.orders]);
                        SELECT * FROM staging.orders
                        """));

        ModelName audit = ModelName.parse("marts.audit");
        assertThat(graph.parents(audit)).containsExactly(CUSTOMERS, ORDERS);
        assertThat(graph.externalParents(audit)).containsExactly(RAW_ORDERS);
        assertThat(graph.children(CUSTOMERS)).containsExactly(audit);
    }

    @Test
    void dependsOnAnUnknownModelIsAnError() {
        ProjectErrors error = graphError(staging()
                .write("models/audit.sql", "MODEL (name marts.audit, depends_on [staging.nope]); SELECT 1 AS one"));

        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_REFERENCE);
        assertThat(error.getMessage()).contains("staging.nope", "external_models.yaml");
        assertThat(error.location()).map(SourceLocation::path).contains("models/audit.sql");
    }

    @Test
    void unknownReferenceNamesTheTableAndTheFixAtItsPosition() {
        ProjectErrors error = graphError(staging()
                .write("models/marts/report.sql", """
                        MODEL (
                          name marts.report
                        );

                        SELECT *
                        FROM staging.orders o
                          JOIN staging.payments p ON p.order_id = o.order_id
                        """));

        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_REFERENCE);
        assertThat(error.getMessage()).contains("marts.report", "'staging.payments'", "external_models.yaml");
        assertThat(error.location()).contains(new SourceLocation("models/marts/report.sql", 7, 8));
        assertThat(error.describe()).startsWith("models/marts/report.sql:7:8: ");
    }

    @Test
    void anUnknownReferenceSuggestsTheNameOneTypoAwayOrTheSchemaItLacks() {
        ProjectErrors typo = graphError(staging().write("models/report.sql", "MODEL (name marts.report); SELECT * FROM staging.order"));
        assertThat(typo.getMessage()).contains("reads unknown table 'staging.order'; did you mean staging.orders?"
                + " otherwise add a model named staging.order or declare it in external_models.yaml");

        ProjectErrors bare = graphError(staging().write("models/report.sql", "MODEL (name marts.report); SELECT * FROM orders"));
        assertThat(bare.getMessage()).contains("reads unknown table 'orders'; did you mean raw.orders or staging.orders?"
                + " otherwise refer to models and external tables as schema.table");

        ProjectErrors unlike = graphError(staging().write("models/report.sql", "MODEL (name marts.report); SELECT * FROM staging.invoices"));
        assertThat(unlike.getMessage()).as("no guess when nothing is close").doesNotContain("did you mean")
                .contains("reads unknown table 'staging.invoices'; add a model named staging.invoices");
    }

    @Test
    void threePartReferenceAsksForSchemaDotTable() {
        ProjectErrors error = graphError(staging()
                .write("models/report.sql", "MODEL (name marts.report); SELECT * FROM lake.staging.orders"));

        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_REFERENCE);
        assertThat(error.getMessage()).contains("'lake.staging.orders'", "schema.table");
    }

    @Test
    void everyUnknownReferenceIsReportedAtOnce() {
        ProjectErrors error = graphError(staging()
                .write("models/a.sql", "MODEL (name marts.a); SELECT * FROM raw.missing_a")
                .write("models/b.sql", "MODEL (name marts.b); SELECT * FROM raw.missing_b"));

        assertThat(error.problems()).extracting(VeneerException::code)
                .containsOnly(ErrorCode.UNKNOWN_REFERENCE).hasSize(2);
        assertThat(error.getMessage()).contains("2 problems", "raw.missing_a", "raw.missing_b");
    }

    @Test
    void cycleErrorNamesEveryModelOfTheCycle() {
        VeneerException error = cycleError(staging()
                .write("models/a.sql", "MODEL (name cycle.a); SELECT * FROM cycle.c")
                .write("models/b.sql", "MODEL (name cycle.b); SELECT * FROM cycle.a")
                .write("models/c.sql", "MODEL (name cycle.c); SELECT * FROM cycle.b JOIN staging.orders USING (id)")
                .write("models/d.sql", "MODEL (name cycle.d); SELECT * FROM cycle.c"));

        assertThat(error.code()).isEqualTo(ErrorCode.DEPENDENCY_CYCLE);
        assertThat(error.getMessage()).contains("cycle.a", "cycle.b", "cycle.c").doesNotContain("cycle.d", "staging.orders");
        // data flows a -> b -> c -> a, and the message closes the loop
        assertThat(error.getMessage()).containsAnyOf(
                "cycle.a -> cycle.b -> cycle.c -> cycle.a",
                "cycle.b -> cycle.c -> cycle.a -> cycle.b",
                "cycle.c -> cycle.a -> cycle.b -> cycle.c");
        assertThat(error.location()).isPresent();
    }

    @Test
    void modelReadingItselfIsACycle() {
        ProjectErrors error = graphError(staging()
                .write("models/a.sql", "MODEL (name loop.a); SELECT * FROM loop.a"));

        assertThat(error.code()).isEqualTo(ErrorCode.DEPENDENCY_CYCLE);
        assertThat(error.getMessage()).contains("loop.a", "itself");
    }

    @Test
    void topologicalOrderPutsParentsFirstAndIsStable() {
        ProjectFixture project = staging()
                .write("models/z.sql", "MODEL (name marts.z); SELECT * FROM staging.customers")
                .write("models/a.sql", "MODEL (name marts.a); SELECT * FROM marts.z JOIN staging.orders USING (customer_id)");

        ModelGraph graph = graph(project);

        // Kahn's algorithm taking the smallest ready name first
        assertThat(graph.topologicalOrder()).containsExactly(
                CUSTOMERS, ModelName.parse("marts.z"), ORDERS, ModelName.parse("marts.a"));
        assertThat(graph(project).topologicalOrder()).isEqualTo(graph.topologicalOrder());
        assertThat(graph.children(CUSTOMERS)).containsExactly(ModelName.parse("marts.z"));
        assertThat(graph.children(ModelName.parse("marts.a"))).isEmpty();
    }

    @Test
    void referencesAreCaseInsensitive() {
        ModelGraph graph = graph(staging()
                .write("models/report.sql", "MODEL (name marts.report); SELECT * FROM Staging.ORDERS"));

        assertThat(graph.parents(ModelName.parse("marts.report"))).containsExactly(ORDERS);
    }
}
