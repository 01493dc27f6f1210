package dev.veneer.planner.sql;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;

/**
 * Turns the first syntax error into a {@code VeneerException} at the file position of the
 * offending token, as Spark's {@code ParseErrorListener} does; recognizes the two mistakes worth
 * their own message: an empty text and a second statement after a semicolon.
 */
final class SyntaxErrorListener extends BaseErrorListener {
    // ANTLR lists every token it expected; in Spark's grammar that can be hundreds of keywords.
    private static final int MAX_DETAIL = 160;

    private final SourcePositions positions;
    private final boolean model;
    /** The parser's tokens, once lexed (the lexer reports its errors before there are any). */
    private TokenStream tokens;

    SyntaxErrorListener(SourcePositions positions, boolean model) {
        this.positions = positions;
        this.model = model;
    }

    void readFrom(TokenStream tokens) {
        this.tokens = tokens;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
            String msg, RecognitionException e) {
        if (offendingSymbol instanceof Token token) {
            Token previous = previousDefaultToken(token);
            if (token.getType() == Token.EOF && previous == null) {
                throw SqlErrors.empty(positions.location(1, 0), model);
            }
            if (token.getType() != Token.EOF && previous != null && previous.getType() == SqlBaseLexer.SEMICOLON) {
                throw SqlErrors.severalStatements(positions.location(token), model);
            }
            String near = token.getType() == Token.EOF ? "end of input" : "'" + token.getText() + "'";
            throw SqlErrors.syntax(positions.location(line, charPositionInLine), near, shorten(msg));
        }
        // The lexer reports without a token; Spark's lexer has a catch-all rule, so this is rare.
        throw SqlErrors.syntax(positions.location(line, charPositionInLine), "this character", shorten(msg));
    }

    private Token previousDefaultToken(Token token) {
        for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
            Token candidate = tokens.get(i);
            if (!SparkLexers.isHidden(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static String shorten(String message) {
        if (message.length() <= MAX_DETAIL) {
            return message;
        }
        // "mismatched input 'x' expecting {'(', 'ADD', ...300 more}": the list helps nobody.
        int expecting = message.indexOf(" expecting ");
        return expecting > 0 ? message.substring(0, expecting) : message.substring(0, MAX_DETAIL) + "...";
    }
}
