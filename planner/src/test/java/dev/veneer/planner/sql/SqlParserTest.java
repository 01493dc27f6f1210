package dev.veneer.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SqlParserTest {
    private final SqlParser parser = new SqlParser();

    private List<String> references(String sql) {
        return parser.parseQuery(sql, "models/m.sql", 1, 1).references().stream()
                .map(TableReference::qualifiedName)
                .toList();
    }

    private VeneerException error(String sql, int firstLine, int firstColumn) {
        try {
            parser.parseQuery(sql, "models/m.sql", firstLine, firstColumn);
        }
        catch (VeneerException e) {
            return e;
        }
        throw new AssertionError("expected an error for: " + sql);
    }

    @Test
    void findsTablesInFromAndJoins() {
        assertThat(references("""
                SELECT o.id, c.name
                FROM staging.orders o
                JOIN staging.customers AS c ON o.customer_id = c.id
                LEFT JOIN raw.payments p USING (id), raw.extra
                """)).containsExactly("staging.orders", "staging.customers", "raw.payments", "raw.extra");
    }

    @Test
    void namesAreCaseFoldedAndUnquoted() {
        assertThat(parser.parseQuery("select * from `Staging`.ORDERS join lake.`My Db`.t on true", "m.sql", 1, 1)
                .references())
                .extracting(TableReference::nameParts)
                .containsExactly(List.of("staging", "orders"), List.of("lake", "my db", "t"));
    }

    @Test
    void referenceKnowsItsSpanAndFilePosition() {
        String sql = "SELECT *\nFROM   staging.orders";
        TableReference reference = parser.parseQuery(sql, "m.sql", 5, 3).references().get(0);

        assertThat(sql.substring(reference.start(), reference.end())).isEqualTo("staging.orders");
        assertThat(reference.line()).isEqualTo(6);
        assertThat(reference.column()).isEqualTo(8);
    }

    @Test
    void cteNamedLikeATableShadowsItOnlyInsideItsWith() {
        assertThat(references("""
                WITH orders AS (SELECT * FROM orders WHERE status = 'open')
                SELECT * FROM orders JOIN staging.orders s ON true
                """)).containsExactly("orders", "staging.orders");
    }

    @Test
    void laterCtesSeeEarlierOnesButNotTheOtherWayRound() {
        assertThat(references("""
                WITH a AS (SELECT * FROM b), b AS (SELECT * FROM a)
                SELECT * FROM a, b
                """)).containsExactly("b");
    }

    @Test
    void recursiveCteSeesItself() {
        assertThat(references("""
                WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5)
                SELECT * FROM r
                """)).isEmpty();
    }

    @Test
    void nestedWithScopesEndWithTheirQuery() {
        assertThat(references("""
                WITH x AS (SELECT 1 AS id)
                SELECT *
                FROM (WITH y AS (SELECT * FROM x) SELECT * FROM y) sub
                JOIN y ON true
                """)).containsExactly("y");
    }

    @Test
    void cteIsVisibleInSubqueriesAtAnyDepth() {
        assertThat(references("""
                WITH recent AS (SELECT * FROM raw.orders)
                SELECT (SELECT max(id) FROM recent) AS top,
                       *
                FROM recent r
                WHERE r.id IN (SELECT id FROM recent)
                  AND EXISTS (SELECT 1 FROM (SELECT * FROM recent) q WHERE q.id = r.id)
                """)).containsExactly("raw.orders");
    }

    @Test
    void findsTablesInSubqueries() {
        assertThat(references("""
                SELECT (SELECT count(*) FROM a.scalar_t) AS n
                FROM (SELECT * FROM a.from_t) f
                WHERE f.id IN (SELECT id FROM a.in_t)
                  AND NOT EXISTS (SELECT 1 FROM a.exists_t e WHERE e.id = f.id)
                """)).containsExactly("a.scalar_t", "a.from_t", "a.in_t", "a.exists_t");
    }

    @Test
    void findsTablesInSetOperations() {
        assertThat(references("""
                WITH t AS (SELECT 1 AS id)
                SELECT id FROM a.one
                UNION ALL SELECT id FROM t
                INTERSECT SELECT id FROM a.two
                EXCEPT (SELECT id FROM a.three)
                """)).containsExactly("a.one", "a.two", "a.three");
    }

    @Test
    void valuesLateralViewsAndFunctionArgumentsAreNotTables() {
        assertThat(references("""
                SELECT v.x, e.item
                FROM VALUES (1, array(2)), (3, array(4)) AS v(x, items)
                JOIN range(10) r ON r.id = v.x
                JOIN explode(array(orders)) AS z(orders) ON true
                LATERAL VIEW explode(items) e AS item
                """)).isEmpty();
    }

    @Test
    void tableStatementAndTableArgumentsAreTables() {
        assertThat(references("TABLE staging.orders")).containsExactly("staging.orders");
        assertThat(references("SELECT * FROM my_udtf(TABLE staging.orders)")).containsExactly("staging.orders");
    }

    @Test
    void acceptsEveryQueryShape() {
        assertThat(references("VALUES (1), (2)")).isEmpty();
        assertThat(references("(SELECT * FROM a.b)")).containsExactly("a.b");
        assertThat(references("FROM a.b SELECT x")).containsExactly("a.b");
        assertThat(references("SELECT 1;")).isEmpty();
    }

    @Test
    void syntaxErrorPointsAtTheFileLineAndColumn() {
        // The query starts on line 5 of the file, after a 4-line header.
        VeneerException e = error("""
                SELECT id,
                       name
                FROM staging.orders
                WHERE id = = 3
                """, 5, 1);

        assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX);
        assertThat(e.location()).contains(new SourceLocation("models/m.sql", 8, 12));
        assertThat(e.getMessage()).startsWith("syntax error at or near '='").endsWith("; fix the SQL of this model");
    }

    @Test
    void syntaxErrorOnTheFirstLineCountsTheColumnWhereTheQueryStarts() {
        VeneerException e = error("SELECT a,, b FROM t", 3, 4);

        assertThat(e.location()).contains(new SourceLocation("models/m.sql", 3, 13));
    }

    @Test
    void syntaxErrorAtEndOfInput() {
        VeneerException e = error("SELECT a FROM t WHERE a =", 1, 1);

        assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX);
        assertThat(e.getMessage()).startsWith("syntax error at or near end of input");
        assertThat(e.getMessage().length()).isLessThan(300);
    }

    @Test
    void unclosedCommentIsAnError() {
        assertThat(error("SELECT 1 /* no end", 1, 1).code()).isEqualTo(ErrorCode.SQL_SYNTAX);
    }

    @Test
    void unquotedDashIsAnInvalidIdentifier() {
        VeneerException e = error("SELECT * FROM my-db.orders", 1, 1);

        assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX);
        assertThat(e.getMessage()).contains("invalid identifier 'my-db'");
    }

    @Test
    void statementsOtherThanQueriesAreNotModels() {
        VeneerException e = error("INSERT INTO t SELECT * FROM s", 2, 1);

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID);
        assertThat(e.location()).contains(new SourceLocation("models/m.sql", 2, 1));
        assertThat(e.getMessage()).contains("a model holds one query").contains("INSERT");
        assertThat(error("CREATE TABLE t AS SELECT 1", 1, 1).code()).isEqualTo(ErrorCode.MODEL_INVALID);
        assertThat(error("SET spark.sql.x = 1", 1, 1).code()).isEqualTo(ErrorCode.MODEL_INVALID);
    }

    @Test
    void aSecondStatementIsNotAModel() {
        VeneerException e = error("SELECT 1;\nSELECT 2", 1, 1);

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID);
        assertThat(e.location()).contains(new SourceLocation("models/m.sql", 2, 1));
        assertThat(e.getMessage()).contains("one query");
    }

    @Test
    void emptyQueryIsAnError() {
        VeneerException e = error("  -- only a comment\n", 1, 1);

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID);
        assertThat(e.getMessage()).contains("no query");
    }

    @Test
    void parseStatementAcceptsAnyStatementAndFindsTheTablesItReads() {
        ParsedQuery insert = parser.parseStatement("""
                WITH s AS (SELECT * FROM staging.orders)
                INSERT INTO marts.target SELECT * FROM s JOIN staging.customers ON true
                """);
        ParsedQuery merge = parser.parseStatement(
                "MERGE INTO marts.t USING staging.src s ON t.id = s.id WHEN MATCHED THEN DELETE");
        ParsedQuery create = parser.parseStatement("CREATE TABLE x.y AS SELECT * FROM staging.orders");

        assertThat(insert.references()).extracting(TableReference::qualifiedName)
                .containsExactly("staging.orders", "staging.customers");
        assertThat(merge.references()).extracting(TableReference::qualifiedName).containsExactly("staging.src");
        assertThat(create.references()).extracting(TableReference::qualifiedName).containsExactly("staging.orders");
    }

    @Test
    void parseStatementReportsSyntaxErrors() {
        assertThatThrownBy(() -> parser.parseStatement("SELEC 1"))
                .isInstanceOf(VeneerException.class)
                .satisfies(e -> assertThat(((VeneerException) e).code()).isEqualTo(ErrorCode.SQL_SYNTAX))
                .satisfies(e -> assertThat(((VeneerException) e).location()).contains(new SourceLocation("<sql>", 1, 1)));
    }

    @Test
    void parsesManyQueriesInParallelWithOneParser() throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> parser.parseQuery(
                            "WITH c AS (SELECT * FROM s.t" + i + ") SELECT * FROM c JOIN s.u" + i + " ON true",
                            "m" + i + ".sql", 1, 1).references().toString()))
                    .toList();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).contains("[s, t" + i + "]").contains("[s, u" + i + "]");
            }
        }
        finally {
            pool.shutdownNow();
        }
    }
}
