package dev.veneer.planner.sql;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;

/**
 * Checks the pieces of SQL a model header holds (a column type, a MERGE action) against Spark's
 * grammar, so a typo is reported at load time with the file and line, not by Spark mid-apply.
 */
public final class SqlFragments {
    private SqlFragments() {}

    /**
     * @return the type as written, trimmed
     * @throws IllegalArgumentException with the parser's reason when it is not a Spark SQL type
     */
    public static String dataType(String type) {
        String text = type.trim();
        SqlBaseParser parser = parser(text);
        SqlBaseParser.SingleDataTypeContext parsed = parser.singleDataType();
        requireEnd(parser, parsed.getStop());
        unsupportedType(parsed).ifPresent(name -> {
            throw new IllegalArgumentException("unknown type '" + name + "'");
        });
        return text;
    }

    /**
     * A {@code MERGE} clause for matched rows, written either whole ({@code WHEN MATCHED [AND c] THEN
     * UPDATE SET …}) or as its action alone ({@code UPDATE SET target.a = source.a}).
     *
     * @return the whole clause
     * @throws IllegalArgumentException when Spark's grammar does not accept it
     */
    public static String whenMatched(String clause) {
        String text = clause.trim();
        Token first = SparkLexers.lexer(text).nextToken();
        String whole = first.getType() == org.apache.spark.sql.catalyst.parser.SqlBaseLexer.WHEN ? text : "WHEN MATCHED THEN " + text;
        SqlBaseParser parser = parser("MERGE INTO target USING source ON true " + whole);
        SqlBaseParser.SingleStatementContext statement = parser.singleStatement();
        requireEnd(parser, statement.getStop());
        if (!(statement.statement() instanceof SqlBaseParser.DmlStatementContext dml)
                || !(dml.dmlStatementNoWith() instanceof SqlBaseParser.MergeIntoTableContext merge)
                || merge.matchedClause().size() != 1 || !merge.notMatchedClause().isEmpty()
                || !merge.notMatchedBySourceClause().isEmpty()) {
            throw new IllegalArgumentException("only one WHEN MATCHED clause belongs here");
        }
        return whole;
    }

    /** The grammar takes any name as a type and leaves the check to Spark's analyzer: do it here. */
    private static java.util.Optional<String> unsupportedType(org.antlr.v4.runtime.tree.ParseTree tree) {
        if (tree instanceof SqlBaseParser.PrimitiveTypeContext primitive && primitive.unsupportedType != null) {
            return java.util.Optional.of(primitive.unsupportedType.getText());
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            java.util.Optional<String> found = unsupportedType(tree.getChild(i));
            if (found.isPresent()) {
                return found;
            }
        }
        return java.util.Optional.empty();
    }

    private static SqlBaseParser parser(String text) {
        SqlBaseParser parser = new SqlBaseParser(new CommonTokenStream(SparkLexers.lexer(text)));
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String message,
                    RecognitionException e) {
                throw new IllegalArgumentException("at column " + (column + 1) + ": " + message);
            }
        });
        return parser;
    }

    private static void requireEnd(SqlBaseParser parser, Token last) {
        if (parser.getCurrentToken().getType() != Token.EOF) {
            throw new IllegalArgumentException("unexpected '" + parser.getCurrentToken().getText() + "'");
        }
    }
}
