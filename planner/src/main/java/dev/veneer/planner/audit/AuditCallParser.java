package dev.veneer.planner.audit;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.sql.SparkLexers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;

/**
 * Reads one audit call of a model header with Spark's expression grammar: {@code name} or
 * {@code name(arg := value, ...)}. SQLMesh writes named arguments {@code :=}; Spark's grammar writes
 * them {@code =>}: both are accepted ({@code :=} is handed to the grammar as {@code =>}, the same
 * two characters, so every position stays that of the file). A value is any Spark expression;
 * a parenthesized list {@code (a, b)} is a list of them.
 */
public final class AuditCallParser {
    private AuditCallParser() {}

    /**
     * @param where the file position of the call's first character
     * @throws VeneerException {@code MODEL_INVALID} at the offending token
     */
    public static AuditCall parse(String text, SourceLocation where) {
        SqlBaseParser parser = parser(namedArrows(text), text, where);
        SqlBaseParser.SingleExpressionContext single = parser.singleExpression();
        SqlBaseParser.NamedExpressionContext named = single.namedExpression();
        if (named.name != null || named.identifierList() != null) {
            throw error(text, where, named.getStop(), "an audit call has no alias");
        }
        ParserRuleContext primary = primary(named.expression());
        if (primary instanceof SqlBaseParser.ColumnReferenceContext reference) {
            return new AuditCall(identifier(reference.identifier().getText()), List.of(), text, where);
        }
        if (!(primary instanceof SqlBaseParser.FunctionCallContext call) || call.setQuantifier() != null || call.windowSpec() != null
                || call.where != null || call.sortItem() != null && !call.sortItem().isEmpty() || call.nullsOption != null) {
            throw error(text, where, named.getStart(), "expected an audit such as not_null(columns := (id)) or a name, found '" + text + "'");
        }
        if (call.functionName().qualifiedName() == null || call.functionName().qualifiedName().identifier().size() != 1) {
            throw error(text, where, call.functionName().getStart(), "an audit name is one word, found '" + call.functionName().getText() + "'");
        }
        String name = identifier(call.functionName().getText());
        List<AuditArgument> arguments = new ArrayList<>();
        for (SqlBaseParser.FunctionArgumentContext argument : call.argument) {
            SqlBaseParser.NamedArgumentExpressionContext namedArgument = argument.namedArgumentExpression();
            if (namedArgument == null) {
                throw error(text, where, argument.getStart(), "name each argument of audit " + name + ", e.g. " + name
                        + "(column := amount); found '" + span(text, argument) + "'");
            }
            String key = identifier(namedArgument.key.getText());
            if (arguments.stream().anyMatch(existing -> existing.name().equals(key))) {
                throw error(text, where, namedArgument.getStart(), "argument '" + key + "' of audit " + name + " is given twice; keep one");
            }
            SqlBaseParser.ExpressionContext value = namedArgument.value;
            arguments.add(new AuditArgument(key, span(text, value), elements(text, value), location(where, namedArgument.getStart())));
        }
        return new AuditCall(name, arguments, text, where);
    }

    /** A parenthesized list's items, or the value alone. */
    private static List<String> elements(String text, SqlBaseParser.ExpressionContext value) {
        ParserRuleContext primary = primary(value);
        if (primary instanceof SqlBaseParser.RowConstructorContext row) {
            return row.namedExpression().stream().map(element -> span(text, element)).toList();
        }
        if (primary instanceof SqlBaseParser.ParenthesizedExpressionContext parenthesized) {
            return List.of(span(text, parenthesized.expression()));
        }
        return List.of(span(text, value));
    }

    /** The primary expression an expression is made of alone (no operator around it), or null. */
    private static ParserRuleContext primary(SqlBaseParser.ExpressionContext expression) {
        if (expression.booleanExpression() instanceof SqlBaseParser.PredicatedContext predicated && predicated.predicate() == null
                && predicated.valueExpression() instanceof SqlBaseParser.ValueExpressionDefaultContext value) {
            return value.primaryExpression();
        }
        return null;
    }

    private static String identifier(String written) {
        return written.startsWith("`") && written.endsWith("`") && written.length() > 1
                ? written.substring(1, written.length() - 1).replace("``", "`")
                : written.toLowerCase(Locale.ROOT);
    }

    private static String span(String text, ParserRuleContext context) {
        return text.substring(context.getStart().getStartIndex(), context.getStop().getStopIndex() + 1);
    }

    /** {@code :=} written as two adjacent tokens becomes {@code =>}, Spark's named-argument arrow, in place. */
    private static String namedArrows(String text) {
        char[] chars = text.toCharArray();
        List<? extends Token> tokens = SparkLexers.lexer(text).getAllTokens();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token colon = tokens.get(i);
            Token equals = tokens.get(i + 1);
            if (colon.getType() == SqlBaseLexer.COLON && equals.getType() == SqlBaseLexer.EQ && equals.getText().equals("=")
                    && equals.getStartIndex() == colon.getStopIndex() + 1) {
                chars[colon.getStartIndex()] = '=';
                chars[equals.getStartIndex()] = '>';
            }
        }
        return new String(chars);
    }

    private static SqlBaseParser parser(String sql, String original, SourceLocation where) {
        SqlBaseParser parser = new SqlBaseParser(new CommonTokenStream(SparkLexers.lexer(sql)));
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String message,
                    RecognitionException e) {
                String near = offending instanceof Token token
                        ? (token.getType() == Token.EOF ? "the end of the audit" : "'" + original.substring(token.getStartIndex(),
                                Math.min(original.length(), token.getStopIndex() + 1)) + "'")
                        : "this character";
                int expecting = message.indexOf(" expecting ");
                String detail = expecting > 0 ? message.substring(0, expecting) : message;
                throw new VeneerException(ErrorCode.MODEL_INVALID, location(where, line, column),
                        "audit '" + original + "' is not valid SQL near " + near + " (" + detail + "); write audits as"
                                + " name(argument := value, ...), e.g. accepted_values(column := status, is_in := ('open', 'shipped'))",
                        null);
            }
        });
        return parser;
    }

    private static VeneerException error(String text, SourceLocation where, Token token, String message) {
        return new VeneerException(ErrorCode.MODEL_INVALID, location(where, token), message, null);
    }

    private static SourceLocation location(SourceLocation where, Token token) {
        return location(where, token.getLine(), token.getCharPositionInLine());
    }

    /** A 1-based line and 0-based column in the call's text, as a position in its file. */
    private static SourceLocation location(SourceLocation where, int line, int column) {
        return new SourceLocation(where.path(), where.line() + line - 1, line == 1 ? where.column() + column : column + 1);
    }
}
