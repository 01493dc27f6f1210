package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ErrorCapturingIdentifierContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.IdentifierContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.SingleStatementContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.StatementDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.StrictIdentifierContext;

/**
 * The parse tree of a model's query, for the few analyses that need the whole tree (column lineage,
 * column-level change categorization). {@link ParsedQuery} keeps no tree, to stay small; this parses
 * its text again, a few dozen microseconds per query. The token stream holds default-channel tokens
 * only, so a token's index in the tree is its index in {@link #canonicalTokens(ParsedQuery)}.
 */
public final class QueryTrees {
    private QueryTrees() {}

    /** The query's tree: the text as parsed when the model was loaded (macro variables as literals). */
    public static QueryContext parse(ParsedQuery query) {
        requireNonNull(query, "query is null");
        String text = query.macros().isEmpty() ? query.text() : SqlParser.withPlaceholders(query.text(), query.macros());
        SqlBaseLexer lexer = SparkLexers.lexer(text);
        CommonTokenStream tokens = new CommonTokenStream(new DefaultChannelTokens(lexer));
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
            statement = parser.singleStatement();
        }
        if (!(statement.statement() instanceof StatementDefaultContext defaultStatement)) {
            throw new IllegalArgumentException("not a query: " + query);
        }
        return defaultStatement.query();
    }

    /** {@link ParsedQuery#canonicalTokens()}: macro variables by name, keywords and identifiers lower-cased. */
    public static List<String> canonicalTokens(ParsedQuery query) {
        return query.canonicalTokens();
    }

    /** An identifier as Spark compares it: unquoted, case-folded. */
    public static String name(IdentifierContext identifier) {
        return ReferenceCollector.name(identifier);
    }

    public static String name(ErrorCapturingIdentifierContext identifier) {
        return ReferenceCollector.name(identifier);
    }

    public static String name(StrictIdentifierContext identifier) {
        return ReferenceCollector.name(identifier);
    }

    /** Whether a built-in function of this (case-folded) name aggregates rows. */
    public static boolean isAggregate(String function) {
        return OutermostSelect.AGGREGATES.contains(function.toLowerCase(Locale.ROOT));
    }

    /** Whether a built-in function of this name makes several rows of one (explode, stack, ...). */
    public static boolean isGenerator(String function) {
        return OutermostSelect.GENERATORS.contains(function.toLowerCase(Locale.ROOT));
    }
}
