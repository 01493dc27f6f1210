package dev.veneer.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.CharBuffer;
import java.util.List;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.UpperCaseCharStream;
import org.junit.jupiter.api.Test;

class UpperCaseCharsTest {
    private static final List<String> TEXTS = List.of(
            "select a.Id, 'Mixed Case' AS `Odd Name`, \"dq\" FROM Staging.Orders o -- trailing\n",
            "WITH x AS (SELECT 1.5e3D, 10L, 2Y, 3S, 4BD, x'0F' FROM t /* c */) SELECT * FROM x;;",
            "SELECT 'ß', 'ÿ', 'ǅ', 'ﬀ', 'µ', '😀' AS e, naïve_column FROM t WHERE s = 'Ⅻ'",
            "/*+ BROADCAST(t) */ SELECT /* unclosed",
            "SELECT\tcount(DISTINCT x)\r\nFROM t GROUP BY 1 HAVING count(*) > 0");

    @Test
    void lexesExactlyAsSparksUpperCaseCharStream() {
        for (String text : TEXTS) {
            assertThat(tokens(new SqlBaseLexer(new UpperCaseChars(text)))).as(text)
                    .isEqualTo(tokens(new SqlBaseLexer(new UpperCaseCharStream(
                            CodePointCharStream.fromBuffer(CodePointBuffer.withChars(CharBuffer.wrap(text.toCharArray())), "<sql>")))));
        }
    }

    private static List<String> tokens(SqlBaseLexer lexer) {
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        return stream.getTokens().stream()
                .map((Token token) -> token.getType() + ":" + token.getChannel() + ":" + token.getStartIndex() + "-"
                        + token.getStopIndex() + "@" + token.getLine() + ":" + token.getCharPositionInLine() + "="
                        + token.getText())
                .toList();
    }
}
