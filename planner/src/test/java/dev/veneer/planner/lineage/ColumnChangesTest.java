package dev.veneer.planner.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.SqlParser;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which edits leave the rows alone and change only some columns' values. */
class ColumnChangesTest {
    private static final SqlParser PARSER = new SqlParser();

    private static Optional<Set<String>> changes(String before, String after) {
        ParsedQuery old = PARSER.parseQuery(before, "m.sql", 1, 1);
        ParsedQuery now = PARSER.parseQuery(after, "m.sql", 1, 1);
        return ColumnChanges.between(old, now);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            expression edit     | SELECT id, amount FROM t WHERE ok                    | SELECT id, amount * 2 AS amount FROM t WHERE ok        | amount
            type change         | SELECT id, amount FROM t                             | SELECT id, CAST(amount AS INT) AS amount FROM t        | amount
            rename              | SELECT id, amount FROM t                             | SELECT id, amount AS amt FROM t                        | amount amt
            inserted column     | SELECT id, amount FROM t                             | SELECT id, status, amount FROM t                       | status
            removed column      | SELECT id, status, amount FROM t                     | SELECT id, amount FROM t                               | status
            moved column        | SELECT id, status, amount FROM t                     | SELECT id, amount, status FROM t                       | amount status
            lateral alias       | SELECT id, amount * 2 AS a2, a2 + 1 AS a3 FROM t     | SELECT id, amount * 3 AS a2, a2 + 1 AS a3 FROM t       | a2 a3
            window function     | SELECT id, rank() OVER (ORDER BY amount) AS r FROM t | SELECT id, rank() OVER (ORDER BY ts) AS r FROM t       | r
            aggregate edit      | SELECT k, sum(x) AS s FROM t GROUP BY k              | SELECT k, sum(x * 2) AS s FROM t GROUP BY k            | s
            order without limit | SELECT id, amount FROM t ORDER BY amount             | SELECT id, amount + 1 AS amount FROM t ORDER BY amount | amount
            alias keyword only  | SELECT id, amount AS a FROM t                        | SELECT id, amount a FROM t                             | ''
            """)
    void editsConfinedToColumnsNameThem(String edit, String before, String after, String expected) {
        Set<String> columns = expected.isBlank() ? Set.of() : Set.of(expected.split(" "));

        assertThat(changes(before, after)).as(edit).contains(columns);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            WHERE edit            | SELECT id, amount FROM t WHERE ok                       | SELECT id, amount FROM t WHERE NOT ok
            join edit             | SELECT a.id FROM a JOIN b ON a.id = b.id                 | SELECT a.id FROM a LEFT JOIN b ON a.id = b.id
            CTE edit              | WITH c AS (SELECT id FROM t) SELECT id FROM c            | WITH c AS (SELECT id FROM t WHERE id > 0) SELECT id FROM c
            DISTINCT              | SELECT DISTINCT id, amount FROM t                       | SELECT DISTINCT id, amount + 1 AS amount FROM t
            ORDER BY with LIMIT   | SELECT id, amount FROM t ORDER BY amount LIMIT 10        | SELECT id, amount * -1 AS amount FROM t ORDER BY amount LIMIT 10
            GROUP BY alias        | SELECT upper(s) AS k, count(*) AS n FROM t GROUP BY k    | SELECT lower(s) AS k, count(*) AS n FROM t GROUP BY k
            GROUP BY position     | SELECT upper(s) AS k, count(*) AS n FROM t GROUP BY 1    | SELECT lower(s) AS k, count(*) AS n FROM t GROUP BY 1
            GROUP BY ALL          | SELECT upper(s) AS k, count(*) AS n FROM t GROUP BY ALL  | SELECT lower(s) AS k, count(*) AS n FROM t GROUP BY ALL
            HAVING alias          | SELECT k, sum(x) AS s FROM t GROUP BY k HAVING s > 0      | SELECT k, sum(x) * 2 AS s FROM t GROUP BY k HAVING s > 0
            starts aggregating    | SELECT amount FROM t                                    | SELECT sum(amount) AS amount FROM t
            generator             | SELECT id, explode(tags) AS tag FROM t                   | SELECT id, explode(array(1)) AS tag FROM t
            set operation         | SELECT id FROM a UNION ALL SELECT id FROM b              | SELECT id + 1 AS id FROM a UNION ALL SELECT id FROM b
            star changed          | SELECT *, 1 AS one FROM t                               | SELECT * EXCEPT (x), 1 AS one FROM t
            """)
    void editsThatMayChangeRowsAreNotConfined(String edit, String before, String after) {
        assertThat(changes(before, after)).as(edit).isEmpty();
    }
}
