package dev.veneer.planner.sql;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.WritableToken;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A query's tokens, all lexed before the parse starts, with their types in an array of their own:
 * the token stream Veneer's parser reads. ANTLR's {@code CommonTokenStream} fetches lazily and, on
 * every look-ahead, checks its buffer and skips tokens of other channels; the parser's adaptive
 * prediction looks ahead several times per token. The source must give default-channel tokens only
 * ({@link DefaultChannelTokens}), so a token's index here is its index among those.
 */
final class TokenArray implements TokenStream {
    private final TokenSource source;
    private final Token[] tokens;
    private final int[] types;
    private int position;

    TokenArray(TokenSource source) {
        this.source = source;
        List<Token> read = new ArrayList<>(256);
        Token token;
        do {
            token = source.nextToken();
            if (token instanceof WritableToken writable) {
                writable.setTokenIndex(read.size());
            }
            read.add(token);
        } while (token.getType() != Token.EOF);
        this.tokens = read.toArray(Token[]::new);
        this.types = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            types[i] = tokens[i].getType();
        }
    }

    @Override
    public int LA(int i) {
        if (i > 0) {
            int index = position + i - 1;
            return index < types.length ? types[index] : Token.EOF;
        }
        if (i < 0) {
            int index = position + i;
            return index >= 0 ? types[index] : Token.INVALID_TYPE;
        }
        return 0;
    }

    @Override
    public Token LT(int k) {
        if (k > 0) {
            // past the end: the EOF token, as ANTLR's streams answer
            return tokens[Math.min(position + k - 1, tokens.length - 1)];
        }
        if (k < 0) {
            int index = position + k;
            return index >= 0 ? tokens[index] : null;
        }
        return null;
    }

    @Override
    public void consume() {
        if (types[position] == Token.EOF) {
            throw new IllegalStateException("cannot consume EOF");
        }
        position++;
    }

    @Override
    public int index() {
        return position;
    }

    @Override
    public void seek(int index) {
        position = Math.max(0, Math.min(index, tokens.length - 1));
    }

    @Override
    public int size() {
        return tokens.length;
    }

    @Override
    public Token get(int index) {
        return tokens[index];
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {}

    @Override
    public TokenSource getTokenSource() {
        return source;
    }

    @Override
    public String getSourceName() {
        return source.getSourceName();
    }

    @Override
    public String getText() {
        return getText(Interval.of(0, tokens.length - 1));
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.max(0, interval.a);
        int stop = Math.min(interval.b, tokens.length - 1);
        StringBuilder text = new StringBuilder();
        for (int i = start; i <= stop && types[i] != Token.EOF; i++) {
            text.append(tokens[i].getText());
        }
        return text.toString();
    }

    @Override
    public String getText(RuleContext context) {
        return getText(context.getSourceInterval());
    }

    @Override
    public String getText(Token start, Token stop) {
        return start == null || stop == null ? "" : getText(Interval.of(start.getTokenIndex(), stop.getTokenIndex()));
    }
}
