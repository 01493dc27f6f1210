package dev.veneer.planner.project;

import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.sql.SparkLexers;
import dev.veneer.planner.sql.SqlLiterals;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;

/**
 * Reads the {@code MODEL ( key value, ... ) [;]} header at the top of a model file: a small
 * recursive-descent reader over Spark's own tokens, so quoting, escapes and comments behave exactly
 * as in the query below it. Lexes only as far as the header goes; the query is parsed separately.
 *
 * <pre>
 * header   := MODEL '(' [property (',' property)* [',']] ')' [';']
 * property := word value
 * value    := string | ['-'] number | TRUE | FALSE | list | name [call]
 * name     := word ('.' word)*
 * call     := '(' [argument (',' argument)* [',']] ')'      -- after a one-part name
 * argument := word value | value                            -- a property, or a positional value
 * list     := '[' [value (',' value)* [',']] ']' | '(' [value (',' value)* [',']] ')'
 * </pre>
 */
final class ModelHeaderReader {
    /** Properties whose values are SQL read later with Spark's grammar, not header values. */
    private static final java.util.Set<String> RAW_PROPERTIES = java.util.Set.of("audits");

    /**
     * The header and where the query after it starts.
     *
     * @param bodyOffset index in the file content of the first character after the header that is
     *     not whitespace (a comment before the query belongs to the query)
     */
    record Result(ModelHeader header, int bodyOffset, int bodyLine, int bodyColumn) {}

    private final String path;
    private final String content;
    private final SqlBaseLexer lexer;
    private Token current;
    // One token of look-ahead, needed to tell "key value" from a positional name inside a call.
    private Token peeked;

    private final String keyword;

    private ModelHeaderReader(String path, String content, String keyword, int startOffset) {
        this.path = path;
        this.content = content;
        this.keyword = keyword;
        this.lexer = SparkLexers.lexer(content);
        this.current = nextDefault();
        while (current.getType() != Token.EOF && current.getStartIndex() < startOffset) {
            current = nextDefault();
        }
        // Editors on Windows may start a UTF-8 file with a byte-order mark; Spark's lexer sees a stray character.
        if (current.getType() == SqlBaseLexer.UNRECOGNIZED && current.getText().equals("\uFEFF")) {
            advance();
        }
    }

    static Result read(String path, String content) {
        return new ModelHeaderReader(path, content, "MODEL", 0).header();
    }

    /**
     * Reads an {@code AUDIT (...)} header (same grammar) whose keyword is the first token at or after
     * {@code startOffset}: an audit file may hold several audits one after the other.
     */
    static Result readAudit(String path, String content, int startOffset) {
        return new ModelHeaderReader(path, content, "AUDIT", startOffset).header();
    }

    private Result header() {
        if (!isWord(current) || !current.getText().equalsIgnoreCase(keyword)) {
            throw keyword.equals("MODEL") ? ModelFileErrors.missingHeader(path) : ModelFileErrors.missingAuditHeader(location(current));
        }
        SourceLocation location = location(current);
        advance();
        if (current.getType() != SqlBaseLexer.LEFT_PAREN) {
            throw keyword.equals("MODEL") ? ModelFileErrors.missingHeader(path) : ModelFileErrors.missingAuditHeader(location(current));
        }
        advance();
        List<HeaderProperty> properties = new ArrayList<>();
        while (current.getType() != SqlBaseLexer.RIGHT_PAREN) {
            if (current.getType() == Token.EOF) {
                throw ModelFileErrors.unclosedHeader(location(current));
            }
            properties.add(property(false));
            if (current.getType() == SqlBaseLexer.COMMA) {
                advance();
            }
            else if (current.getType() != SqlBaseLexer.RIGHT_PAREN) {
                throw current.getType() == Token.EOF
                        ? ModelFileErrors.unclosedHeader(location(current))
                        : unexpected("',' or ')' after a property value");
            }
        }
        return body(new ModelHeader(properties, location));
    }

    // Finds where the query starts: after ')' and an optional ';', at the first token that is not
    // whitespace (so a comment above the query stays with it).
    private Result body(ModelHeader header) {
        Token start = null;
        boolean semicolonAllowed = true;
        for (Token token = nextRaw(); token.getType() != Token.EOF; token = nextRaw()) {
            if (token.getType() == SqlBaseLexer.WS) {
                continue;
            }
            if (token.getType() == SqlBaseLexer.SEMICOLON && semicolonAllowed) {
                semicolonAllowed = false;
                start = null;
                continue;
            }
            if (start == null) {
                start = token;
            }
            if (!SparkLexers.isHidden(token)) {
                break;
            }
        }
        if (start == null) {
            int end = content.length();
            return new Result(header, end, lastLine(), lastColumn());
        }
        return new Result(header, start.getStartIndex(), start.getLine(), start.getCharPositionInLine() + 1);
    }

    private HeaderProperty property(boolean inCall) {
        if (!isWord(current)) {
            throw unexpected(inCall ? "an argument" : "a property name");
        }
        Token key = current;
        advance();
        if (!startsValue(current)) {
            throw current.getType() == Token.EOF
                    ? ModelFileErrors.unclosedHeader(location(current))
                    : unexpected("a value for property '" + key.getText().toLowerCase() + "'");
        }
        if (!inCall && keyword.equals("MODEL") && RAW_PROPERTIES.contains(key.getText().toLowerCase(java.util.Locale.ROOT))) {
            return new HeaderProperty(key.getText(), rawList(), location(key));
        }
        return new HeaderProperty(key.getText(), value(), location(key));
    }

    /**
     * {@code (call, call)}, {@code [call, call]} or one {@code call}, each call kept as its SQL text:
     * its arguments ({@code columns := (a, b)}, {@code criteria := (amount >= 0)}) are expressions
     * that Spark's grammar reads, not header values.
     */
    private HeaderValue rawList() {
        SourceLocation location = location(current);
        int close = switch (current.getType()) {
            case SqlBaseLexer.LEFT_PAREN -> SqlBaseLexer.RIGHT_PAREN;
            case SqlBaseLexer.LEFT_BRACKET -> SqlBaseLexer.RIGHT_BRACKET;
            default -> -1;
        };
        if (close == -1) {
            return new HeaderValue.ValueList(List.of(rawElement(SqlBaseLexer.RIGHT_PAREN)), location);
        }
        advance();
        List<HeaderValue> elements = new ArrayList<>();
        while (current.getType() != close) {
            if (current.getType() == Token.EOF) {
                throw ModelFileErrors.unclosedHeader(location(current));
            }
            elements.add(rawElement(close));
            if (current.getType() == SqlBaseLexer.COMMA) {
                advance();
            }
        }
        advance();
        return new HeaderValue.ValueList(elements, location);
    }

    /** The tokens up to the next ',' or {@code close} outside any brackets. */
    private HeaderValue.Raw rawElement(int close) {
        Token first = current;
        Token last = null;
        int depth = 0;
        while (current.getType() != Token.EOF && !(depth == 0 && (current.getType() == SqlBaseLexer.COMMA || current.getType() == close))) {
            switch (current.getType()) {
                case SqlBaseLexer.LEFT_PAREN, SqlBaseLexer.LEFT_BRACKET -> depth++;
                case SqlBaseLexer.RIGHT_PAREN, SqlBaseLexer.RIGHT_BRACKET -> depth--;
                default -> { }
            }
            if (depth < 0) {
                break;
            }
            last = current;
            advance();
        }
        if (current.getType() == Token.EOF) {
            throw ModelFileErrors.unclosedHeader(location(current));
        }
        if (last == null) {
            throw unexpected("an audit such as not_null(columns := (id))");
        }
        return new HeaderValue.Raw(content.substring(first.getStartIndex(), last.getStopIndex() + 1), location(first));
    }

    private HeaderValue value() {
        Token token = current;
        SourceLocation location = location(token);
        switch (token.getType()) {
            case SqlBaseLexer.STRING_LITERAL, SqlBaseLexer.DOUBLEQUOTED_STRING -> {
                advance();
                return new HeaderValue.Text(SqlLiterals.unquoteString(token.getText()), location);
            }
            case SqlBaseLexer.MINUS -> {
                advance();
                if (!isNumber(current)) {
                    throw unexpected("a number after '-'");
                }
                String text = "-" + current.getText();
                advance();
                return new HeaderValue.Number(text, location);
            }
            case SqlBaseLexer.TRUE, SqlBaseLexer.FALSE -> {
                advance();
                return new HeaderValue.Bool(token.getType() == SqlBaseLexer.TRUE, location);
            }
            case SqlBaseLexer.LEFT_BRACKET -> {
                return list(SqlBaseLexer.RIGHT_BRACKET, location);
            }
            case SqlBaseLexer.ASTERISK -> {
                advance();
                return new HeaderValue.Name(List.of(new HeaderValue.NamePart("*", false)), location);
            }
            case SqlBaseLexer.LEFT_PAREN -> {
                return list(SqlBaseLexer.RIGHT_PAREN, location);
            }
            default -> {
                if (isNumber(token)) {
                    advance();
                    return new HeaderValue.Number(token.getText(), location);
                }
                if (isWord(token)) {
                    return nameOrCall(location);
                }
                throw unexpected("a value");
            }
        }
    }

    private HeaderValue list(int close, SourceLocation location) {
        advance();
        List<HeaderValue> values = new ArrayList<>();
        while (current.getType() != close) {
            if (!startsValue(current)) {
                throw current.getType() == Token.EOF
                        ? ModelFileErrors.unclosedHeader(location(current))
                        : unexpected("a value in the list");
            }
            HeaderValue element = value();
            if (element instanceof HeaderValue.Name name && name.parts().size() == 1 && isWord(current)) {
                element = column(name, close);
            }
            values.add(element);
            if (current.getType() == SqlBaseLexer.COMMA) {
                advance();
            }
            else if (current.getType() != close) {
                throw unexpected("',' or '" + (close == SqlBaseLexer.RIGHT_BRACKET ? "]" : ")") + "' in the list");
            }
        }
        advance();
        return new HeaderValue.ValueList(values, location);
    }

    /** {@code name type}: the type runs to the next ',' or the list's end outside any brackets. */
    private HeaderValue column(HeaderValue.Name name, int close) {
        int start = current.getStartIndex();
        int end = start;
        int depth = 0;
        while (current.getType() != Token.EOF && !(depth == 0 && (current.getType() == SqlBaseLexer.COMMA || current.getType() == close))) {
            switch (current.getType()) {
                case SqlBaseLexer.LEFT_PAREN, SqlBaseLexer.LEFT_BRACKET, SqlBaseLexer.LT -> depth++;
                case SqlBaseLexer.RIGHT_PAREN, SqlBaseLexer.RIGHT_BRACKET, SqlBaseLexer.GT -> depth--;
                default -> { }
            }
            end = current.getStopIndex() + 1;
            advance();
        }
        if (current.getType() == Token.EOF) {
            throw ModelFileErrors.unclosedHeader(location(current));
        }
        return new HeaderValue.Column(name.parts().get(0), content.substring(start, end), name.location());
    }

    private HeaderValue nameOrCall(SourceLocation location) {
        List<HeaderValue.NamePart> parts = new ArrayList<>();
        parts.add(namePart());
        while (current.getType() == SqlBaseLexer.DOT) {
            advance();
            if (!isWord(current)) {
                throw unexpected("a name after '.'");
            }
            parts.add(namePart());
        }
        if (current.getType() != SqlBaseLexer.LEFT_PAREN || parts.size() != 1 || parts.get(0).quoted()) {
            return new HeaderValue.Name(parts, location);
        }
        advance();
        List<HeaderProperty> properties = new ArrayList<>();
        List<HeaderValue> arguments = new ArrayList<>();
        while (current.getType() != SqlBaseLexer.RIGHT_PAREN) {
            if (isWord(current) && startsValue(peek()) && peek().getType() != SqlBaseLexer.MINUS) {
                properties.add(property(true));
            }
            else if (startsValue(current)) {
                arguments.add(value());
            }
            else {
                throw current.getType() == Token.EOF
                        ? ModelFileErrors.unclosedHeader(location(current))
                        : unexpected("an argument of " + parts.get(0).text());
            }
            if (current.getType() == SqlBaseLexer.COMMA) {
                advance();
            }
            else if (current.getType() != SqlBaseLexer.RIGHT_PAREN) {
                throw current.getType() == Token.EOF
                        ? ModelFileErrors.unclosedHeader(location(current))
                        : unexpected("',' or ')' in the arguments of " + parts.get(0).text());
            }
        }
        advance();
        return new HeaderValue.Call(parts.get(0).text(), properties, arguments, location);
    }

    private HeaderValue.NamePart namePart() {
        Token token = current;
        advance();
        return token.getType() == SqlBaseLexer.BACKQUOTED_IDENTIFIER
                ? new HeaderValue.NamePart(SqlLiterals.unquoteIdentifier(token.getText()), true)
                : new HeaderValue.NamePart(token.getText(), false);
    }

    private static boolean startsValue(Token token) {
        return switch (token.getType()) {
            case SqlBaseLexer.STRING_LITERAL, SqlBaseLexer.DOUBLEQUOTED_STRING, SqlBaseLexer.MINUS,
                 SqlBaseLexer.LEFT_BRACKET, SqlBaseLexer.LEFT_PAREN, SqlBaseLexer.ASTERISK -> true;
            default -> isNumber(token) || isWord(token);
        };
    }

    private static boolean isNumber(Token token) {
        return switch (token.getType()) {
            case SqlBaseLexer.INTEGER_VALUE, SqlBaseLexer.DECIMAL_VALUE, SqlBaseLexer.EXPONENT_VALUE,
                 SqlBaseLexer.BIGINT_LITERAL, SqlBaseLexer.SMALLINT_LITERAL, SqlBaseLexer.TINYINT_LITERAL,
                 SqlBaseLexer.DOUBLE_LITERAL, SqlBaseLexer.FLOAT_LITERAL, SqlBaseLexer.BIGDECIMAL_LITERAL -> true;
            default -> false;
        };
    }

    // Identifiers and keywords alike: 'name', 'kind FULL' and 'kind VIEW' are keywords to Spark.
    private static boolean isWord(Token token) {
        int type = token.getType();
        if (type == SqlBaseLexer.IDENTIFIER || type == SqlBaseLexer.BACKQUOTED_IDENTIFIER) {
            return true;
        }
        if (type == Token.EOF || type == SqlBaseLexer.UNRECOGNIZED || isNumber(token)) {
            return false;
        }
        String text = token.getText();
        if (text.isEmpty() || !Character.isLetter(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private VeneerException unexpected(String expected) {
        String found = current.getType() == Token.EOF ? "the end of the file" : "'" + current.getText() + "'";
        return ModelFileErrors.unexpected(location(current), expected, found);
    }

    private void advance() {
        if (peeked != null) {
            current = peeked;
            peeked = null;
        }
        else {
            current = nextDefault();
        }
    }

    private Token peek() {
        if (peeked == null) {
            peeked = nextDefault();
        }
        return peeked;
    }

    private Token nextDefault() {
        Token token = nextRaw();
        while (SparkLexers.isHidden(token)) {
            token = nextRaw();
        }
        return token;
    }

    private Token nextRaw() {
        return lexer.nextToken();
    }

    private SourceLocation location(Token token) {
        if (token.getType() == Token.EOF) {
            return new SourceLocation(path, lastLine(), lastColumn());
        }
        return new SourceLocation(path, token.getLine(), token.getCharPositionInLine() + 1);
    }

    // The position just past the last character, for "the file ends here" messages.
    private int lastLine() {
        return lexer.getLine();
    }

    private int lastColumn() {
        return lexer.getCharPositionInLine() + 1;
    }
}
