package dev.veneer.planner.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.CommonTokenStream;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;

/**
 * The CTEs of a query's outermost {@code WITH}, and a query returning one CTE's rows: the
 * {@code WITH} clause up to that CTE, then {@code SELECT * FROM} it. What a unit test checks with
 * {@code outputs.ctes}.
 */
public final class CteQueries {
    private CteQueries() {}

    /** The names of the outermost {@code WITH}'s CTEs, lower-cased, in order; empty when there is none. */
    public static List<String> names(String sql) {
        SqlBaseParser.CtesContext ctes = ctes(sql);
        return ctes == null ? List.of() : ctes.namedQuery().stream().map(CteQueries::name).toList();
    }

    /** {@code WITH a AS (...), b AS (...) SELECT * FROM b} for {@code b}; empty when the outermost WITH has no such CTE. */
    public static Optional<String> select(String sql, String cte) {
        SqlBaseParser.CtesContext ctes = ctes(sql);
        if (ctes == null) {
            return Optional.empty();
        }
        for (SqlBaseParser.NamedQueryContext named : ctes.namedQuery()) {
            if (name(named).equals(cte.toLowerCase(Locale.ROOT))) {
                return Optional.of(sql.substring(ctes.getStart().getStartIndex(), named.getStop().getStopIndex() + 1)
                        + "\nSELECT * FROM " + named.name.getText());
            }
        }
        return Optional.empty();
    }

    private static String name(SqlBaseParser.NamedQueryContext named) {
        String text = named.name.getText();
        return text.startsWith("`") ? text.substring(1, text.length() - 1).replace("``", "`") : text.toLowerCase(Locale.ROOT);
    }

    private static SqlBaseParser.CtesContext ctes(String sql) {
        SqlBaseParser parser = new SqlBaseParser(new CommonTokenStream(SparkLexers.lexer(sql)));
        parser.removeErrorListeners();
        SqlBaseParser.SingleStatementContext statement = parser.singleStatement();
        if (parser.getNumberOfSyntaxErrors() > 0 || !(statement.statement() instanceof SqlBaseParser.StatementDefaultContext query)) {
            return null;
        }
        return query.query().ctes();
    }
}
