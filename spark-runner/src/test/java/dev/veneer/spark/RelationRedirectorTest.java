package dev.veneer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.spark.RelationRedirector.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.junit.jupiter.api.Test;

/**
 * What each kind of statement reads from the environment and what it leaves as written, on plans
 * made by Spark's own SQL parser. The catalog is a small hand-written stand-in: a metastore where
 * {@code staging}, {@code marts} and {@code w} have {@code __dev} schemas, {@code staging__dev}
 * lacks {@code returns}, and {@code raw} is an external source's schema with no environment.
 */
class RelationRedirectorTest {
    private final FakeCatalog catalog = new FakeCatalog(
            Set.of("staging", "staging__dev", "marts", "marts__dev", "w", "w__dev", "raw"),
            Set.of("staging__dev.orders", "staging__dev.customers", "marts__dev.revenue", "w__dev.target"));
    private final RelationRedirector redirector = new RelationRedirector(catalog);
    private final SparkSqlParser parser = new SparkSqlParser();

    @Test
    void joinsAndSetOperationsReadTheEnvironment() {
        List<Redirect> redirects = redirect("""
                SELECT o.id, c.name FROM staging.orders o JOIN staging.customers c ON o.customer_id = c.id
                UNION ALL SELECT 0, CAST(total AS STRING) FROM marts.revenue""");

        assertThat(answers(redirects)).containsExactlyInAnyOrder(
                "staging.orders=staging__dev.orders", "staging.customers=staging__dev.customers", "marts.revenue=marts__dev.revenue");
    }

    @Test
    void cteBodiesAndEverySubqueryReadTheEnvironment() {
        RelationRedirector.Result result = redirector.redirect(parse("""
                WITH big AS (SELECT * FROM staging.orders WHERE amount > (SELECT avg(amount) FROM staging.orders)),
                     nested AS (WITH inner_cte AS (SELECT * FROM marts.revenue) SELECT * FROM inner_cte)
                SELECT * FROM big
                WHERE customer_id IN (SELECT id FROM staging.customers)
                  AND EXISTS (SELECT 1 FROM nested)"""), "dev");

        assertThat(answers(result.redirects())).containsExactlyInAnyOrder("staging.orders=staging__dev.orders",
                "staging.orders=staging__dev.orders", "marts.revenue=marts__dev.revenue", "staging.customers=staging__dev.customers");
        assertThat(result.plan().toString()).doesNotContain("[staging, orders]").doesNotContain("[marts, revenue]");
    }

    @Test
    void writeTargetsStayAsWrittenWhileTheirQueriesReadTheEnvironment() {
        for (String statement : List.of(
                "INSERT INTO w.target SELECT id, amount FROM staging.orders",
                "INSERT INTO w.target REPLACE WHERE id > 1 SELECT id, amount FROM staging.orders",
                "MERGE INTO w.target t USING staging.orders s ON t.id = s.id WHEN MATCHED THEN UPDATE SET amount = s.amount WHEN NOT MATCHED THEN INSERT *",
                "UPDATE w.target SET amount = 0 WHERE id IN (SELECT id FROM staging.orders)",
                "DELETE FROM w.target WHERE id IN (SELECT id FROM staging.orders)",
                "CREATE TABLE w.copy AS SELECT * FROM staging.orders")) {
            RelationRedirector.Result result = redirector.redirect(parse(statement), "dev");

            assertThat(answers(result.redirects())).as(statement).containsExactly("staging.orders=staging__dev.orders");
            assertThat(result.plan().toString()).as(statement).doesNotContain("w__dev");
        }
    }

    @Test
    void viewDefinitionsStayAsWritten() {
        for (String statement : List.of(
                "CREATE VIEW marts.mine AS SELECT * FROM staging.orders",
                "CREATE OR REPLACE TEMPORARY VIEW mine AS SELECT * FROM staging.orders",
                "ALTER VIEW marts.mine AS SELECT * FROM staging.customers")) {
            LogicalPlan plan = parse(statement);

            RelationRedirector.Result result = redirector.redirect(plan, "dev");

            assertThat(result.redirects()).as(statement).isEmpty();
            assertThat(result.plan()).as(statement).isSameAs(plan);
        }
        assertThat(catalog.lookups).isEmpty();
    }

    @Test
    void explainShowsWhatTheEnvironmentAnswers() {
        assertThat(answers(redirect("EXPLAIN SELECT * FROM staging.orders"))).containsExactly("staging.orders=staging__dev.orders");
    }

    @Test
    void namesWithACatalogOnePartOrVeneerSchemasStayAsWrittenWithoutAnyLookup() {
        List<Redirect> redirects = redirect("""
                SELECT * FROM lake.db.t, spark_catalog.staging.orders, lake.orders, orders,
                  staging__dev.orders, veneer__staging.staging__orders__0123456789, global_temp.v""");

        assertThat(redirects).isEmpty();
        assertThat(catalog.lookups).isEmpty();
        assertThat(catalog.environmentChecks).isEmpty();
    }

    @Test
    void metadataAndDdlStatementsAddressNamesAsWritten() {
        for (String statement : List.of(
                "DESCRIBE TABLE staging.orders",
                "SHOW COLUMNS IN staging.orders",
                "SHOW CREATE TABLE staging.orders",
                "DROP VIEW staging.orders",
                "ALTER TABLE staging.orders ADD COLUMN x INT",
                "TRUNCATE TABLE staging.orders")) {
            assertThat(redirect(statement)).as(statement).isEmpty();
        }
        assertThat(catalog.lookups).isEmpty();
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(answers(redirect("SELECT * FROM Staging.ORDERS"))).containsExactly("staging.orders=staging__dev.orders");
    }

    @Test
    void modelMissingInTheEnvironmentFallsBackToProdButAnExternalSourceIsNotVeneers() {
        RelationRedirector.Result result = redirector.redirect(parse("SELECT * FROM staging.returns, raw.orders"), "dev");

        assertThat(result.redirects()).containsExactly(new Redirect("staging.returns", "staging__dev.returns", true));
        assertThat(result.redirects().get(0).answeredBy()).isEqualTo("staging.returns");
        assertThat(result.plan().toString()).contains("[staging, returns]").contains("[raw, orders]");
    }

    @Test
    void environmentIsCheckedOncePerStatementAndOnlyWhenItReadsAProductionName() {
        redirect("SELECT 1");
        redirect("SET spark.veneer.environment=nope");
        assertThat(catalog.environmentChecks).isEmpty();

        redirect("SELECT * FROM staging.orders JOIN staging.customers USING (id)");
        assertThat(catalog.environmentChecks).containsExactly("dev");

        assertThatThrownBy(() -> redirector.redirect(parse("SELECT * FROM staging.orders"), "nope"))
                .hasMessageContaining("no environment nope");
    }

    private List<Redirect> redirect(String sql) {
        return redirector.redirect(parse(sql), "dev").redirects();
    }

    private LogicalPlan parse(String sql) {
        try {
            return parser.parsePlan(sql);
        }
        catch (Exception e) {
            throw new AssertionError("Spark cannot parse: " + sql, e);
        }
    }

    private static List<String> answers(List<Redirect> redirects) {
        return redirects.stream().map(redirect -> redirect.from() + "=" + redirect.answeredBy()).toList();
    }

    /** A metastore as sets of names; only "dev" exists as an environment. */
    private static final class FakeCatalog implements RelationRedirector.Catalog {
        final Set<String> schemas;
        final Set<String> relations;
        final List<String> lookups = new ArrayList<>();
        final List<String> environmentChecks = new ArrayList<>();

        FakeCatalog(Set<String> schemas, Set<String> relations) {
            this.schemas = schemas;
            this.relations = relations;
        }

        @Override
        public void requireEnvironment(String environment) {
            environmentChecks.add(environment);
            if (!environment.equals("dev")) {
                throw new IllegalStateException("no environment " + environment);
            }
        }

        @Override
        public boolean isCatalog(String name) {
            return name.equals("spark_catalog") || name.equals("lake");
        }

        @Override
        public boolean relationExists(String schema, String name) {
            lookups.add(schema + "." + name);
            return relations.contains(schema + "." + name);
        }

        @Override
        public boolean schemaExists(String schema) {
            lookups.add(schema);
            return schemas.contains(schema);
        }
    }
}
