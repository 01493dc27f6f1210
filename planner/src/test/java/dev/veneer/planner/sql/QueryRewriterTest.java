package dev.veneer.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryRewriterTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void swapsOnlyTheReferenceSpansAndKeepsComments() {
        ParsedQuery query = parser.parseQuery("""
                -- orders with their customer
                WITH orders AS (SELECT * FROM staging.orders /* raw */)
                SELECT o.*, c.name
                FROM orders o
                JOIN Staging.Customers c ON c.id = o.customer_id -- by id
                """, "m.sql", 1, 1);
        Map<String, String> physical = Map.of(
                "staging.orders", "lake.veneer__staging.staging__orders__ab12cd34ef",
                "staging.customers", "lake.veneer__staging.staging__customers__0011223344");

        String rewritten = QueryRewriter.rewrite(query, reference -> Optional.ofNullable(physical.get(reference.qualifiedName())));

        assertThat(rewritten).isEqualTo("""
                -- orders with their customer
                WITH orders AS (SELECT * FROM lake.veneer__staging.staging__orders__ab12cd34ef /* raw */)
                SELECT o.*, c.name
                FROM orders o
                JOIN lake.veneer__staging.staging__customers__0011223344 c ON c.id = o.customer_id -- by id
                """);
    }

    @Test
    void emptyReplacementKeepsTheNameAsWritten() {
        ParsedQuery query = parser.parseQuery("SELECT * FROM a.b JOIN `c`.`d` ON true", "m.sql", 1, 1);

        assertThat(QueryRewriter.rewrite(query, reference -> Optional.empty())).isEqualTo(query.text());
        assertThat(QueryRewriter.rewrite(query, reference -> reference.qualifiedName().equals("c.d")
                ? Optional.of("x.y")
                : Optional.empty()))
                .isEqualTo("SELECT * FROM a.b JOIN x.y ON true");
    }

    @Test
    void rewritesAUserStatement() {
        ParsedQuery statement = parser.parseStatement("INSERT INTO scratch.t SELECT * FROM staging.orders");

        assertThat(QueryRewriter.rewrite(statement, reference -> Optional.of("staging__dev.orders")))
                .isEqualTo("INSERT INTO scratch.t SELECT * FROM staging__dev.orders");
    }
}
