package dev.veneer.planner.sql;

import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;

/**
 * Builds Spark's own SQL lexer over a Java string. Shared by the query parser and the model header
 * reader so both agree on tokens, comments and positions.
 */
public final class SparkLexers {
    private SparkLexers() {}

    /**
     * A fresh lexer (ANTLR lexers are not thread-safe) without console error listeners. The stream
     * is built from UTF-16 units rather than code points so that token start/stop indexes and
     * columns are plain {@link String} indexes, even when a comment holds an emoji; it upper-cases
     * look-ahead as Spark's {@code UpperCaseCharStream} does ({@link UpperCaseChars}).
     */
    public static SqlBaseLexer lexer(String text) {
        SqlBaseLexer lexer = new SqlBaseLexer(new UpperCaseChars(text));
        lexer.removeErrorListeners();
        return lexer;
    }

    /** Whitespace and comments: what reformatting and re-commenting change. */
    public static boolean isHidden(Token token) {
        return token.getChannel() != Token.DEFAULT_CHANNEL;
    }

    /** Literal tokens whose text is kept exactly (everything else is case-folded). */
    static boolean isCaseSensitive(int type) {
        return switch (type) {
            case SqlBaseLexer.STRING_LITERAL, SqlBaseLexer.DOUBLEQUOTED_STRING, SqlBaseLexer.BACKQUOTED_IDENTIFIER,
                 SqlBaseLexer.BIGINT_LITERAL, SqlBaseLexer.SMALLINT_LITERAL, SqlBaseLexer.TINYINT_LITERAL,
                 SqlBaseLexer.INTEGER_VALUE, SqlBaseLexer.EXPONENT_VALUE, SqlBaseLexer.DECIMAL_VALUE,
                 SqlBaseLexer.FLOAT_LITERAL, SqlBaseLexer.DOUBLE_LITERAL, SqlBaseLexer.BIGDECIMAL_LITERAL -> true;
            default -> false;
        };
    }
}
