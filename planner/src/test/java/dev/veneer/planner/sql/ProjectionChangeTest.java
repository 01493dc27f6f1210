package dev.veneer.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectionChangeTest {
    private static final String BEFORE = """
            WITH paid AS (SELECT order_id, amount FROM staging.payments WHERE status = 'paid')
            SELECT o.id, o.customer_id, p.amount
            FROM staging.orders o
            JOIN paid p ON p.order_id = o.id
            WHERE o.status <> 'test'
            ORDER BY o.id
            """;

    private final SqlParser parser = new SqlParser();

    private boolean appendsOnly(String before, String after) {
        return ProjectionChange.appendsOnly(parser.parseQuery(before, "m.sql", 1, 1), parser.parseQuery(after, "m.sql", 1, 1));
    }

    private boolean appendsOnly(String after) {
        return appendsOnly(BEFORE, after);
    }

    @Test
    void appendedColumnsAreAppendsOnly() {
        assertThat(appendsOnly(BEFORE.replace("p.amount\n", "p.amount, o.created_at\n"))).isTrue();
        assertThat(appendsOnly(BEFORE.replace("p.amount\n", "p.amount,\n  upper(o.note) AS note, 1 AS one\n"))).isTrue();
    }

    @Test
    void appendingToAReformattedQueryIsStillAppendsOnly() {
        assertThat(appendsOnly(BEFORE.replace("SELECT o.id", "select  O.ID").replace("p.amount\n", "p.amount -- total\n , o.x\n")))
                .isTrue();
    }

    @Test
    void identicalQueriesAreNotAChange() {
        assertThat(appendsOnly(BEFORE)).isFalse();
        assertThat(appendsOnly(BEFORE.replace("SELECT", "select"))).isFalse();
    }

    @Test
    void otherEditsAreNotAppendsOnly() {
        assertThat(appendsOnly(BEFORE.replace("o.customer_id, ", ""))).as("removed column").isFalse();
        assertThat(appendsOnly(BEFORE.replace("o.id, o.customer_id", "o.customer_id, o.id"))).as("reordered").isFalse();
        assertThat(appendsOnly(BEFORE.replace("<> 'test'", "<> 'test' AND o.id > 0"))).as("changed WHERE").isFalse();
        assertThat(appendsOnly(BEFORE.replace("JOIN paid", "LEFT JOIN paid"))).as("changed join").isFalse();
        assertThat(appendsOnly(BEFORE.replace("'paid'", "'PAID'"))).as("changed literal").isFalse();
        assertThat(appendsOnly(BEFORE.replace("o.id, o.customer_id", "o.id, o.x, o.customer_id"))).as("inserted in the middle")
                .isFalse();
        assertThat(appendsOnly(BEFORE.replace("SELECT order_id, amount", "SELECT order_id, amount, currency")))
                .as("column added to a CTE").isFalse();
        assertThat(appendsOnly(BEFORE.replace("p.amount\n", "p.amount * 2, o.x\n"))).as("edited last column and appended")
                .isFalse();
        assertThat(appendsOnly(BEFORE.replace("ORDER BY o.id", "ORDER BY o.id, o.x").replace("p.amount\n", "p.amount, o.x\n")))
                .as("appended and changed ORDER BY").isFalse();
    }

    @Test
    void distinctQueriesAreNeverAppendsOnly() {
        assertThat(appendsOnly("SELECT DISTINCT a FROM t", "SELECT DISTINCT a, b FROM t")).isFalse();
    }

    @Test
    void appendedAggregateTurningAQueryIntoAnAggregationIsNotAppendsOnly() {
        assertThat(appendsOnly("SELECT a FROM t", "SELECT a, count(*) FROM t")).isFalse();
        assertThat(appendsOnly("SELECT a FROM t", "SELECT a, MAX(b) + 1 AS m FROM t")).isFalse();
        assertThat(appendsOnly("SELECT a FROM t", "SELECT a, first(b) FROM t")).isFalse();
    }

    @Test
    void appendedAggregateInAnAggregationIsAppendsOnly() {
        assertThat(appendsOnly("SELECT a, sum(b) FROM t GROUP BY a", "SELECT a, sum(b), count(*) FROM t GROUP BY a")).isTrue();
        assertThat(appendsOnly("SELECT sum(b) FROM t", "SELECT sum(b), max(b) FROM t")).isTrue();
    }

    @Test
    void windowFunctionsAndSubqueryAggregatesDoNotAggregateTheQuery() {
        assertThat(appendsOnly("SELECT a FROM t", "SELECT a, sum(b) OVER (PARTITION BY a) FROM t")).isTrue();
        assertThat(appendsOnly("SELECT a FROM t", "SELECT a, (SELECT max(x) FROM u) AS m FROM t")).isTrue();
    }

    @Test
    void appendedGeneratorIsNotAppendsOnly() {
        assertThat(appendsOnly("SELECT a FROM t", "SELECT a, explode(items) FROM t")).isFalse();
        assertThat(appendsOnly("SELECT a FROM t", "SELECT a, posexplode(items) AS (i, item) FROM t")).isFalse();
        assertThat(appendsOnly("SELECT a FROM t", "SELECT a, inline(structs) FROM t")).isFalse();
        assertThat(appendsOnly("SELECT a FROM t", "SELECT a, stack(2, 1, 2) FROM t")).isFalse();
    }

    @Test
    void setOperationsAreNeverAppendsOnly() {
        assertThat(appendsOnly("SELECT a FROM t UNION ALL SELECT a FROM u", "SELECT a, b FROM t UNION ALL SELECT a, b FROM u"))
                .isFalse();
        assertThat(appendsOnly("VALUES (1)", "VALUES (1, 2)")).isFalse();
    }

    @Test
    void parenthesizedOutermostQueryIsLookedInto() {
        assertThat(appendsOnly("(SELECT a FROM t) ORDER BY a", "(SELECT a, b FROM t) ORDER BY a")).isTrue();
    }
}
