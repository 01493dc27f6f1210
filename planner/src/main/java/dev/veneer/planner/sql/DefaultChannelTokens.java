package dev.veneer.planner.sql;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;

/**
 * Spark's lexer with whitespace and comments dropped before they reach the token stream. The parser
 * never sees hidden-channel tokens anyway; without them in the stream, its look-ahead does not skip
 * over them token by token (about half the tokens of a formatted query are whitespace).
 */
final class DefaultChannelTokens implements TokenSource {
    private final SqlBaseLexer lexer;
    private Token lastBracketedComment;

    DefaultChannelTokens(SqlBaseLexer lexer) {
        this.lexer = lexer;
    }

    @Override
    public Token nextToken() {
        while (true) {
            Token token = lexer.nextToken();
            if (token.getType() == Token.EOF || !SparkLexers.isHidden(token)) {
                return token;
            }
            if (token.getType() == SqlBaseLexer.BRACKETED_COMMENT) {
                lastBracketedComment = token;
            }
        }
    }

    /** The last {@code /* ... *}{@code /} comment seen, or {@code null}: where an unclosed comment starts. */
    Token lastBracketedComment() {
        return lastBracketedComment;
    }

    @Override
    public int getLine() {
        return lexer.getLine();
    }

    @Override
    public int getCharPositionInLine() {
        return lexer.getCharPositionInLine();
    }

    @Override
    public CharStream getInputStream() {
        return lexer.getInputStream();
    }

    @Override
    public String getSourceName() {
        return lexer.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        lexer.setTokenFactory(factory);
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return lexer.getTokenFactory();
    }
}
