package dev.veneer.planner.sql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.CtesContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.DmlStatementContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ErrorCapturingIdentifierContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ErrorIdentContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FunctionTableSubqueryArgumentContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.IdentifierContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.IdentifierLiteralContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.IdentifierReferenceContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.MergeIntoTableContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.MultipartIdentifierContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.NamedQueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QuotedIdentifierAlternativeContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QuotedIdentifierContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.StreamTableNameContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.StrictIdentifierContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.TableContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.TableNameContext;

/**
 * Finds the tables a statement reads: every relation name ({@code FROM t}, {@code JOIN t},
 * {@code TABLE t}, a TVF's {@code TABLE t} argument, {@code STREAM t}, a {@code MERGE} source)
 * that is not the name of a CTE in scope at that point.
 *
 * <p>Scoping follows Spark: a {@code WITH} list is visible in its own query (main body, set
 * operations, subqueries at any depth) and in the CTEs defined after it in the same list; a CTE's
 * own body does not see itself unless the list is {@code WITH RECURSIVE}, so
 * {@code WITH orders AS (SELECT * FROM orders)} reads the real table {@code orders}. Only
 * one-part names can name a CTE.
 */
final class ReferenceCollector {
    private final SourcePositions positions;
    private final List<TableReference> references = new ArrayList<>();

    private ReferenceCollector(SourcePositions positions) {
        this.positions = positions;
    }

    static List<TableReference> collect(ParseTree root, SourcePositions positions) {
        ReferenceCollector collector = new ReferenceCollector(positions);
        collector.visit(root, CteScope.EMPTY);
        collector.references.sort(Comparator.comparingInt(TableReference::start));
        return List.copyOf(collector.references);
    }

    private void visit(ParseTree node, CteScope scope) {
        if (!(node instanceof ParserRuleContext context)) {
            return;
        }
        if (context instanceof QueryContext query && query.ctes() != null) {
            CteScope inner = enter(query.ctes(), scope);
            visit(query.queryTerm(), inner);
            visit(query.queryOrganization(), inner);
            return;
        }
        if (context instanceof DmlStatementContext dml && dml.ctes() != null) {
            visit(dml.dmlStatementNoWith(), enter(dml.ctes(), scope));
            return;
        }
        if (context instanceof ErrorIdentContext error) {
            throw positions.invalidIdentifier((ParserRuleContext) error.getParent());
        }
        if (context instanceof TableNameContext table) {
            add(table.identifierReference(), scope);
        }
        else if (context instanceof TableContext table) {
            add(table.identifierReference(), scope);
        }
        else if (context instanceof FunctionTableSubqueryArgumentContext argument && argument.identifierReference() != null) {
            add(argument.identifierReference(), scope);
        }
        else if (context instanceof MergeIntoTableContext merge && merge.source != null) {
            add(merge.source, scope);
        }
        else if (context instanceof StreamTableNameContext stream) {
            addName(stream.multipartIdentifier(), scope);
        }
        for (int i = 0; i < context.getChildCount(); i++) {
            visit(context.getChild(i), scope);
        }
    }

    private CteScope enter(CtesContext ctes, CteScope outer) {
        List<NamedQueryContext> named = ctes.namedQuery();
        if (ctes.RECURSIVE() != null) {
            CteScope all = outer;
            for (NamedQueryContext cte : named) {
                all = all.with(name(cte.name));
            }
            for (NamedQueryContext cte : named) {
                visitCteBody(cte, all);
            }
            return all;
        }
        CteScope scope = outer;
        for (NamedQueryContext cte : named) {
            visitCteBody(cte, scope);
            scope = scope.with(name(cte.name));
        }
        return scope;
    }

    private void visitCteBody(NamedQueryContext cte, CteScope scope) {
        for (int i = 0; i < cte.getChildCount(); i++) {
            ParseTree child = cte.getChild(i);
            if (child != cte.name) {
                visit(child, scope);
            }
        }
    }

    private void add(IdentifierReferenceContext reference, CteScope scope) {
        // IDENTIFIER(<expression>) names a table only at run time; its argument is an expression.
        if (reference != null && reference.multipartIdentifier() != null) {
            addName(reference.multipartIdentifier(), scope);
        }
    }

    private void addName(MultipartIdentifierContext identifier, CteScope scope) {
        List<ErrorCapturingIdentifierContext> parts = identifier.parts;
        List<String> names = new ArrayList<>(parts.size());
        for (ErrorCapturingIdentifierContext part : parts) {
            if (part.errorCapturingIdentifierExtra() instanceof ErrorIdentContext) {
                throw positions.invalidIdentifier(part);
            }
            names.add(name(part));
        }
        if (names.size() == 1 && scope.contains(names.get(0))) {
            return;
        }
        Token start = identifier.getStart();
        Token stop = identifier.getStop();
        references.add(new TableReference(names, start.getStartIndex(), stop.getStopIndex() + 1,
                positions.fileLine(start), positions.fileColumn(start)));
    }

    static String name(ErrorCapturingIdentifierContext identifier) {
        return name(identifier.identifier());
    }

    static String name(IdentifierContext identifier) {
        StrictIdentifierContext strict = identifier.strictIdentifier();
        return strict == null ? SqlLiterals.fold(identifier.getText()) : name(strict);
    }

    static String name(StrictIdentifierContext strict) {
        if (strict instanceof QuotedIdentifierAlternativeContext quoted) {
            QuotedIdentifierContext q = quoted.quotedIdentifier();
            return SqlLiterals.fold(q.BACKQUOTED_IDENTIFIER() != null
                    ? SqlLiterals.unquoteIdentifier(q.getText())
                    : SqlLiterals.unquoteString(q.getText()));
        }
        if (strict instanceof IdentifierLiteralContext literal) {
            return SqlLiterals.fold(SqlLiterals.unquoteString(literal.stringLit().getStart().getText()));
        }
        return SqlLiterals.fold(strict.getText());
    }

    /** CTE names visible at a point: a persistent list, so entering a scope never copies. */
    private record CteScope(String name, CteScope outer) {
        static final CteScope EMPTY = new CteScope(null, null);

        CteScope with(String cte) {
            return new CteScope(cte, this);
        }

        boolean contains(String candidate) {
            for (CteScope scope = this; scope != null && scope.name != null; scope = scope.outer) {
                if (scope.name.equals(candidate)) {
                    return true;
                }
            }
            return false;
        }
    }
}
