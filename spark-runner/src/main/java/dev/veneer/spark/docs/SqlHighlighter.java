package dev.veneer.spark.docs;

import dev.veneer.planner.sql.MacroSpan;
import dev.veneer.planner.sql.SparkLexers;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;

/**
 * SQL as HTML with its tokens marked, from Spark's own lexer (the one the planner parses with): the
 * highlighting is done when the page is written, so it needs no script in the browser. Every
 * character of the text appears exactly once, escaped; text the lexer does not recognize is written
 * plain.
 */
final class SqlHighlighter {
    private SqlHighlighter() {}

    /**
     * Writes {@code <pre><code>} with spans {@code kw} (keywords), {@code str}, {@code num}, {@code com}
     * (comments), {@code var} (macro variables such as {@code @start_ds}, at {@code macros}).
     */
    static void write(Html html, String sql, List<MacroSpan> macros) {
        html.open("pre", "class", "sql").open("code");
        SqlBaseLexer lexer = SparkLexers.lexer(sql);
        int written = 0;
        int macro = 0;
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            int start = token.getStartIndex();
            int end = token.getStopIndex() + 1;
            if (start < written || end <= start || end > sql.length()) {
                continue;
            }
            while (macro < macros.size() && macros.get(macro).end() <= start) {
                macro++;
            }
            if (macro < macros.size() && macros.get(macro).start() < end) {
                MacroSpan span = macros.get(macro);
                if (span.start() >= written) {
                    html.text(sql.substring(written, span.start()));
                    html.element("span", sql.substring(span.start(), Math.min(span.end(), sql.length())), "class", "var");
                    written = Math.min(span.end(), sql.length());
                }
                if (end <= written) {
                    continue;
                }
                start = Math.max(start, written);
            }
            if (start > written) {
                html.text(sql.substring(written, start));
            }
            String cssClass = cssClass(token);
            String text = sql.substring(start, end);
            if (cssClass == null) {
                html.text(text);
            }
            else {
                html.element("span", text, "class", cssClass);
            }
            written = end;
        }
        if (written < sql.length()) {
            html.text(sql.substring(written));
        }
        html.close("code").close("pre");
    }

    private static String cssClass(Token token) {
        int type = token.getType();
        switch (type) {
            case SqlBaseLexer.SIMPLE_COMMENT, SqlBaseLexer.BRACKETED_COMMENT:
                return "com";
            case SqlBaseLexer.STRING_LITERAL, SqlBaseLexer.DOUBLEQUOTED_STRING:
                return "str";
            case SqlBaseLexer.BIGINT_LITERAL, SqlBaseLexer.SMALLINT_LITERAL, SqlBaseLexer.TINYINT_LITERAL,
                 SqlBaseLexer.INTEGER_VALUE, SqlBaseLexer.EXPONENT_VALUE, SqlBaseLexer.DECIMAL_VALUE,
                 SqlBaseLexer.FLOAT_LITERAL, SqlBaseLexer.DOUBLE_LITERAL, SqlBaseLexer.BIGDECIMAL_LITERAL:
                return "num";
            default:
                String literal = SqlBaseLexer.VOCABULARY.getLiteralName(type);
                return literal != null && literal.length() > 2 && Character.isLetter(literal.charAt(1)) ? "kw" : null;
        }
    }
}
