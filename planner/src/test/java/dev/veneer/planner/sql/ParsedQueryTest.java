package dev.veneer.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.SourceLocation;
import org.junit.jupiter.api.Test;

class ParsedQueryTest {
    private final SqlParser parser = new SqlParser();

    private String canonical(String sql) {
        return parser.parseQuery(sql, "m.sql", 1, 1).canonicalText();
    }

    @Test
    void canonicalTextIsTheTokensJoinedBySpaces() {
        assertThat(canonical("SELECT a.id, 'X' AS `Label` FROM staging.Orders a WHERE n > 1.50;"))
                .isEqualTo("select a . id , 'X' as `Label` from staging . orders a where n > 1.50");
    }

    @Test
    void reformattingRecommentingAndKeywordCaseKeepTheCanonicalText() {
        String original = """
                SELECT id, amount
                FROM staging.orders
                WHERE status = 'open'
                """;
        String edited = """
                -- open orders only
                select   ID,
                         /* money */ Amount
                  from STAGING.orders   -- the source
                 where status='open' ;
                """;

        assertThat(canonical(edited)).isEqualTo(canonical(original));
    }

    @Test
    void changingALiteralChangesTheCanonicalText() {
        assertThat(canonical("SELECT * FROM t WHERE status = 'open'"))
                .isNotEqualTo(canonical("SELECT * FROM t WHERE status = 'Open'"));
        assertThat(canonical("SELECT * FROM t LIMIT 10")).isNotEqualTo(canonical("SELECT * FROM t LIMIT 100"));
    }

    @Test
    void quotedIdentifiersKeepTheirCase() {
        assertThat(canonical("SELECT `Total` FROM t")).isNotEqualTo(canonical("SELECT `total` FROM t"));
    }

    @Test
    void textIsKeptExactly() {
        String sql = "  SELECT 1 -- one\n";

        assertThat(parser.parseQuery(sql, "m.sql", 3, 1).text()).isEqualTo(sql);
    }

    @Test
    void knowsWhereItStarts() {
        ParsedQuery query = parser.parseQuery("SELECT 1", "models/a.sql", 7, 2);

        assertThat(query.path()).isEqualTo("models/a.sql");
        assertThat(query.location()).isEqualTo(new SourceLocation("models/a.sql", 7, 2));
    }

    @Test
    void equalWhenParsedFromTheSameTextAndPlace() {
        assertThat(parser.parseQuery("SELECT 1", "m.sql", 1, 1)).isEqualTo(parser.parseQuery("SELECT 1", "m.sql", 1, 1))
                .hasSameHashCodeAs(parser.parseQuery("SELECT 1", "m.sql", 1, 1));
        assertThat(parser.parseQuery("SELECT 1", "m.sql", 1, 1)).isNotEqualTo(parser.parseQuery("SELECT 1 ", "m.sql", 1, 1));
    }

    @Test
    void offsetsAreStringIndexesEvenAfterCharactersOutsideTheBasicPlane() {
        String sql = "SELECT '😀' AS e FROM staging.orders";
        TableReference reference = parser.parseQuery(sql, "m.sql", 1, 1).references().get(0);

        assertThat(sql.substring(reference.start(), reference.end())).isEqualTo("staging.orders");
    }

    @Test
    void tokensOneByOneJoinToTheCanonicalText() {
        for (String sql : java.util.List.of(
                "SELECT 'a b' AS `Two Words`, x FROM t -- end\n;;",
                "WITH c AS (SELECT /* inner */ 1 AS One) SELECT * FROM c ;",
                "SELECT 'naïve', Ünïcode_col, '😀' FROM t",
                "(SELECT 1) UNION ALL (SELECT 2)")) {
            ParsedQuery query = parser.parseQuery(sql, "m.sql", 1, 1);

            assertThat(String.join(" ", query.canonicalTokens())).as(sql).isEqualTo(query.canonicalText());
        }
    }
}
