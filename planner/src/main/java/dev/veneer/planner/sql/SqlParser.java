package dev.veneer.planner.sql;

import dev.veneer.catalog.VeneerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.SingleStatementContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.StatementDefaultContext;

/**
 * Parses SQL with Spark's own grammar ({@code SqlBaseParser} from {@code spark-sql-api}).
 *
 * <p>Thread-safe and reusable: every call builds its own lexer and parser (ANTLR recognizers hold
 * state) and shares only ANTLR's static prediction caches, which are made for concurrent use. Like
 * Spark, it first tries the fast SLL prediction mode, bailing out at the first error, and re-parses
 * with full LL only then, so valid SQL (nearly all of it) is parsed once, quickly.
 */
public final class SqlParser {
    private static final String STATEMENT_PATH = "<sql>";

    /**
     * Parses the query of a model: exactly one query statement (SELECT, WITH ..., VALUES, TABLE,
     * set operations, parenthesized queries), optionally followed by semicolons.
     *
     * @param path the file, for error messages
     * @param firstLine the 1-based line of the file where {@code sql} starts
     * @param firstColumn the 1-based column of that line where {@code sql} starts
     * @throws VeneerException {@code SQL_SYNTAX} with the file line and column of the offending token;
     *     {@code MODEL_INVALID} if the text is not exactly one query
     */
    public ParsedQuery parseQuery(String sql, String path, int firstLine, int firstColumn) {
        return parse(sql, new SourcePositions(path, firstLine, firstColumn), true);
    }

    /** The variable an audit's query names its model's table with: {@code SELECT * FROM @this_model WHERE ...}. */
    public static final String THIS_MODEL = "this_model";

    /**
     * Parses an audit's query: one query, like a model's, that may also read {@code @this_model}
     * (parsed as a table name, kept as a macro span to be bound when the audit runs).
     */
    public ParsedQuery parseAudit(String sql, String path, int firstLine, int firstColumn) {
        return parse(sql, new SourcePositions(path, firstLine, firstColumn), true, true);
    }

    /**
     * Every {@code @name} written as one token pair outside strings and comments, known or not, in
     * order: an audit file's parameters are the names that are neither time variables nor
     * {@code @this_model}.
     */
    public static List<MacroSpan> variables(String sql) {
        if (sql.indexOf('@') < 0) {
            return List.of();
        }
        List<? extends Token> tokens = SparkLexers.lexer(sql).getAllTokens();
        List<MacroSpan> variables = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token at = tokens.get(i);
            Token name = tokens.get(i + 1);
            if (at.getType() == SqlBaseLexer.UNRECOGNIZED && at.getText().equals("@")
                    && name.getStartIndex() == at.getStopIndex() + 1 && isWord(name.getText())) {
                variables.add(new MacroSpan(at.getStartIndex(), name.getStopIndex() + 1, name.getText().toLowerCase(Locale.ROOT)));
                i++;
            }
        }
        return variables;
    }

    /**
     * Parses any single Spark SQL statement (a user's query, an INSERT, a CREATE ... AS ...), so that
     * the tables it reads can be rewritten with {@link QueryRewriter}. The references are the tables
     * it reads; targets of writes and DDL are not references.
     */
    public ParsedQuery parseStatement(String sql) {
        return parseStatement(sql, STATEMENT_PATH);
    }

    /** {@link #parseStatement(String)}, naming {@code source} in error messages. */
    public ParsedQuery parseStatement(String sql, String source) {
        return parse(sql, new SourcePositions(source, 1, 1), false);
    }

    private static ParsedQuery parse(String sql, SourcePositions positions, boolean model) {
        return parse(sql, positions, model, false);
    }

    private static ParsedQuery parse(String sql, SourcePositions positions, boolean model, boolean audit) {
        List<MacroSpan> macros = model ? macros(sql, positions, audit) : List.of();
        // Spark's grammar has no macro variables: each is parsed as a string literal of the same
        // length, so offsets, lines and columns of everything else stay those of the original text.
        SqlBaseLexer lexer = SparkLexers.lexer(macros.isEmpty() ? sql : placeholders(sql, macros));
        DefaultChannelTokens source = new DefaultChannelTokens(lexer);
        SyntaxErrorListener listener = new SyntaxErrorListener(positions, model);
        lexer.addErrorListener(listener);
        TokenArray tokens = new TokenArray(source);
        listener.readFrom(tokens);
        SqlBaseParser parser = new SqlBaseParser(tokens);
        parser.removeErrorListeners();
        SingleStatementContext statement;
        try {
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new BailErrorStrategy());
            statement = parser.singleStatement();
        }
        catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.addErrorListener(listener);
            statement = parser.singleStatement();
        }
        if (lexer.has_unclosed_bracketed_comment) {
            Token comment = source.lastBracketedComment();
            throw SqlErrors.unclosedComment(positions.location(comment != null ? comment : tokens.get(tokens.size() - 1)));
        }
        if (model && !(statement.statement() instanceof StatementDefaultContext)) {
            Token first = statement.getStart();
            throw SqlErrors.notAQuery(positions.location(first), first.getText().toUpperCase(Locale.ROOT));
        }
        List<TableReference> references = ReferenceCollector.collect(statement, positions);
        int[] canonicalIndex = new int[tokens.size()];
        String canonical = canonicalText(sql, statement, tokens, canonicalIndex, macroStarts(macros));
        OutermostSelect select = statement.statement() instanceof StatementDefaultContext query
                ? OutermostSelect.of(query.query(), canonicalIndex)
                : null;
        return new ParsedQuery(sql, positions, references, canonical, select, macros);
    }

    /** Every {@code @name} written as one token pair outside strings and comments, each checked to be known. */
    private static List<MacroSpan> macros(String sql, SourcePositions positions, boolean audit) {
        List<MacroSpan> macros = variables(sql);
        for (MacroSpan macro : macros) {
            if (!MacroVariables.isKnown(macro.name()) && !(audit && macro.name().equals(THIS_MODEL))) {
                throw SqlErrors.unknownMacro(location(sql, positions, macro.start()), macro.name());
            }
        }
        return macros;
    }

    private static dev.veneer.catalog.SourceLocation location(String sql, SourcePositions positions, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return positions.location(line, offset - lineStart);
    }

    private static boolean isWord(String text) {
        if (text.isEmpty() || !(Character.isLetter(text.charAt(0)) || text.charAt(0) == '_')) {
            return false;
        }
        return text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }

    static String withPlaceholders(String sql, List<MacroSpan> macros) {
        return placeholders(sql, macros);
    }

    private static String placeholders(String sql, List<MacroSpan> macros) {
        StringBuilder out = new StringBuilder(sql);
        for (MacroSpan macro : macros) {
            if (macro.name().equals(THIS_MODEL)) {
                // a table name where it stands: '_this_model', as long as '@this_model'
                out.setCharAt(macro.start(), '_');
                continue;
            }
            out.setCharAt(macro.start(), '\'');
            for (int i = macro.start() + 1; i < macro.end() - 1; i++) {
                out.setCharAt(i, '_');
            }
            out.setCharAt(macro.end() - 1, '\'');
        }
        return out.toString();
    }

    /** Start offset of each macro to the text the canonical form keeps for it: its name, never a value. */
    private static java.util.Map<Integer, String> macroStarts(List<MacroSpan> macros) {
        java.util.Map<Integer, String> starts = new java.util.HashMap<>();
        macros.forEach(macro -> starts.put(macro.start(), "@" + macro.name()));
        return starts;
    }

    /**
     * The default-channel tokens joined by single spaces, keywords and unquoted identifiers
     * lower-cased; fills {@code canonicalIndex}: token-stream index to canonical-token index (the
     * identity while the stream holds no hidden tokens, see {@link DefaultChannelTokens}). Copies
     * characters from {@code sql} rather than making a string per token: a project has millions.
     */
    private static String canonicalText(String sql, SingleStatementContext statement, TokenArray tokens,
            int[] canonicalIndex, java.util.Map<Integer, String> macros) {
        // Trailing semicolons end the statement; they are not part of it.
        int end = statement.SEMICOLON().isEmpty()
                ? statement.EOF().getSymbol().getTokenIndex()
                : statement.SEMICOLON(0).getSymbol().getTokenIndex();
        StringBuilder canonical = new StringBuilder(sql.length());
        int count = 0;
        for (int i = 0; i < end; i++) {
            Token token = tokens.get(i);
            canonicalIndex[i] = count;
            if (!SparkLexers.isHidden(token)) {
                if (count++ > 0) {
                    canonical.append(' ');
                }
                String macro = macros.get(token.getStartIndex());
                if (macro != null) {
                    canonical.append(macro);
                }
                else {
                    appendCanonical(canonical, sql, token);
                }
            }
        }
        return canonical.toString();
    }

    private static void appendCanonical(StringBuilder out, String sql, Token token) {
        int start = token.getStartIndex();
        int stop = token.getStopIndex() + 1;
        if (SparkLexers.isCaseSensitive(token.getType())) {
            out.append(sql, start, stop);
            return;
        }
        for (int i = start; i < stop; i++) {
            char c = sql.charAt(i);
            if (c >= 0x80) {
                // Outside ASCII, lower-casing may change the length: do what String does.
                out.append(sql.substring(i, stop).toLowerCase(Locale.ROOT));
                return;
            }
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
    }

    /**
     * The canonical tokens of a query's text one by one, by lexing it again (no parse): what
     * {@link ParsedQuery#canonicalTokens()} makes on first use.
     */
    static List<String> canonicalTokens(String sql, List<MacroSpan> macros) {
        java.util.Map<Integer, String> macroAt = macroStarts(macros);
        CommonTokenStream tokens = new CommonTokenStream(SparkLexers.lexer(macros.isEmpty() ? sql : placeholders(sql, macros)));
        tokens.fill();
        List<Token> kept = new ArrayList<>();
        for (Token token : tokens.getTokens()) {
            if (token.getType() != Token.EOF && !SparkLexers.isHidden(token)) {
                kept.add(token);
            }
        }
        // A query holds no semicolon of its own: those at the end terminate it.
        int end = kept.size();
        while (end > 0 && kept.get(end - 1).getType() == SqlBaseLexer.SEMICOLON) {
            end--;
        }
        List<String> canonical = new ArrayList<>(end);
        StringBuilder text = new StringBuilder();
        for (Token token : kept.subList(0, end)) {
            String macro = macroAt.get(token.getStartIndex());
            if (macro != null) {
                canonical.add(macro);
                continue;
            }
            text.setLength(0);
            appendCanonical(text, sql, token);
            canonical.add(text.toString());
        }
        return List.copyOf(canonical);
    }

}
