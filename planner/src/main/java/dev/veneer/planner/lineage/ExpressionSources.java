package dev.veneer.planner.lineage;

import dev.veneer.planner.lineage.QueryAnalyzer.Rel;
import dev.veneer.planner.lineage.QueryAnalyzer.Scope;
import dev.veneer.planner.sql.QueryTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.Any_valueContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ColumnReferenceContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.DataTypeContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.DereferenceContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ExpressionContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FirstContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FunctionArgumentContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FunctionCallContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.LambdaContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.LastContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.PredicatedContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.PrimaryExpressionContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QualifiedNameContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.StarContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ValueExpressionDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.WindowRefContext;

/**
 * The columns an expression reads, resolved against the relations in scope: column references
 * ({@code amount}, {@code o.amount}, {@code s.t.amount}, struct fields), {@code *} inside functions,
 * subqueries at any depth (correlated references included), lambda variables left out.
 */
final class ExpressionSources {
    private final QueryAnalyzer analyzer;

    ExpressionSources(QueryAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    void collect(ParseTree node, Scope scope, Set<ColumnRef> sink) {
        walk(node, scope, sink, Set.of());
    }

    private void walk(ParseTree node, Scope scope, Set<ColumnRef> sink, Set<String> bound) {
        if (!(node instanceof ParserRuleContext context) || context instanceof DataTypeContext) {
            return;
        }
        if (context instanceof QueryContext query) {
            // A subquery: whatever it reads, values and filters alike, feeds this expression.
            sink.addAll(analyzer.query(query, scope, scope.ctes).all());
            return;
        }
        if (context instanceof ColumnReferenceContext column) {
            reference(List.of(QueryTrees.name(column.identifier())), scope, sink, bound);
            return;
        }
        if (context instanceof DereferenceContext dereference) {
            List<String> parts = chain(dereference);
            if (parts != null) {
                reference(parts, scope, sink, bound);
            }
            else {
                walk(dereference.base, scope, sink, bound);
            }
            return;
        }
        if (context instanceof StarContext star) {
            star(star, scope, sink);
            return;
        }
        if (context instanceof LambdaContext lambda) {
            Set<String> inner = new TreeSet<>(bound);
            lambda.identifier().forEach(identifier -> inner.add(QueryTrees.name(identifier)));
            walk(lambda.expression(), scope, sink, inner);
            return;
        }
        if (context instanceof WindowRefContext) {
            sink.addAll(scope.namedWindows);
            return;
        }
        if (context instanceof FunctionCallContext call && isCountStar(call)) {
            // count(*) counts rows and reads no column.
            if (call.windowSpec() != null) {
                walk(call.windowSpec(), scope, sink, bound);
            }
            if (call.where != null) {
                walk(call.where, scope, sink, bound);
            }
            return;
        }
        for (int i = 0; i < context.getChildCount(); i++) {
            walk(context.getChild(i), scope, sink, bound);
        }
    }

    /** Resolves a dotted name: a column of a relation in scope, else of an enclosing query, else a select alias. */
    void reference(List<String> parts, Scope scope, Set<ColumnRef> sink, Set<String> bound) {
        if (bound.contains(parts.get(0))) {
            return;
        }
        for (Scope level = scope; level != null; level = level.outer) {
            Set<ColumnRef> found = resolve(level, parts);
            Set<ColumnRef> alias = level.aliases.get(parts.get(0));
            if (found != null) {
                sink.addAll(found);
                if (level.aliasesToo && alias != null) {
                    sink.addAll(alias);
                }
                return;
            }
            if (alias != null) {
                sink.addAll(alias);
                return;
            }
        }
        // Nothing in scope has it: assume the worst, it may be any column in scope.
        analyzer.unresolved(String.join(".", parts));
        sink.addAll(scope.visibleSources());
    }

    private static Set<ColumnRef> resolve(Scope scope, List<String> parts) {
        if (parts.size() >= 2) {
            for (Rel rel : scope.rels) {
                if (parts.get(0).equals(rel.alias)) {
                    Set<ColumnRef> column = rel.column(parts.get(1));
                    return column != null ? column : missing(rel);
                }
            }
            if (parts.size() >= 3) {
                for (Rel rel : scope.rels) {
                    if (rel.table != null && rel.table.schema().equals(parts.get(0)) && rel.table.table().equals(parts.get(1))) {
                        Set<ColumnRef> column = rel.column(parts.get(2));
                        return column != null ? column : missing(rel);
                    }
                }
            }
        }
        Set<ColumnRef> found = null;
        for (Rel rel : scope.rels) {
            Set<ColumnRef> column = rel.column(parts.get(0));
            if (column != null) {
                found = found == null ? new TreeSet<>() : found;
                found.addAll(column);
            }
        }
        return found;
    }

    /** A column the relation is not known to have: maybe one its table lost, so the whole table. */
    private static Set<ColumnRef> missing(Rel rel) {
        Set<ColumnRef> all = rel.all();
        if (rel.table != null) {
            all.add(ColumnRef.all(rel.table));
        }
        return all;
    }

    private void star(StarContext star, Scope scope, Set<ColumnRef> sink) {
        if (star.qualifiedName() == null) {
            scope.rels.stream().filter(rel -> rel.visible).forEach(rel -> sink.addAll(rel.all()));
            return;
        }
        List<String> parts = names(star.qualifiedName());
        for (Rel rel : scope.rels) {
            if (parts.size() == 1 && parts.get(0).equals(rel.alias)) {
                sink.addAll(rel.all());
                return;
            }
        }
        reference(parts, scope, sink, Set.of());
    }

    private static List<String> names(QualifiedNameContext name) {
        return name.identifier().stream().map(QueryTrees::name).toList();
    }

    /** {@code a.b.c} as parts when it is a plain dotted name, else {@code null} (a field of an expression). */
    private static List<String> chain(DereferenceContext dereference) {
        List<String> parts = new ArrayList<>();
        PrimaryExpressionContext node = dereference;
        while (node instanceof DereferenceContext step) {
            parts.add(0, QueryTrees.name(step.fieldName));
            node = step.base;
        }
        if (!(node instanceof ColumnReferenceContext column)) {
            return null;
        }
        parts.add(0, QueryTrees.name(column.identifier()));
        return parts;
    }

    private static boolean isCountStar(FunctionCallContext call) {
        if (!"count".equals(functionName(call)) || call.argument.size() != 1) {
            return false;
        }
        FunctionArgumentContext argument = call.argument.get(0);
        return argument.expression() != null && primary(argument.expression()) instanceof StarContext star
                && star.qualifiedName() == null;
    }

    static String functionName(FunctionCallContext call) {
        QualifiedNameContext name = call.functionName().qualifiedName();
        if (name == null || name.identifier().size() != 1) {
            return "";
        }
        return QueryTrees.name(name.identifier(0));
    }

    /** The expression as a bare primary expression ({@code a}, {@code f(x)}, {@code *}), or {@code null}. */
    static PrimaryExpressionContext primary(ExpressionContext expression) {
        if (expression.booleanExpression() instanceof PredicatedContext predicated && predicated.predicate() == null
                && predicated.valueExpression() instanceof ValueExpressionDefaultContext value) {
            return value.primaryExpression();
        }
        return null;
    }

    /** The name Spark gives an unaliased column reference ({@code a}, {@code t.a}, {@code s.field}); {@code null} otherwise. */
    static String plainColumnName(ExpressionContext expression) {
        PrimaryExpressionContext primary = primary(expression);
        if (primary instanceof ColumnReferenceContext column) {
            return QueryTrees.name(column.identifier());
        }
        if (primary instanceof DereferenceContext dereference) {
            return QueryTrees.name(dereference.fieldName);
        }
        return null;
    }

    /** Whether a call in this expression (not in its subqueries) matches. */
    static boolean contains(ParseTree node, Predicate<ParseTree> test) {
        if (node instanceof QueryContext) {
            return false;
        }
        if (test.test(node)) {
            return true;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            if (contains(node.getChild(i), test)) {
                return true;
            }
        }
        return false;
    }

    static boolean isGeneratorCall(ParseTree node) {
        return node instanceof FunctionCallContext call && QueryTrees.isGenerator(functionName(call));
    }

    static boolean isAggregateCall(ParseTree node) {
        return node instanceof FirstContext || node instanceof LastContext || node instanceof Any_valueContext
                || (node instanceof FunctionCallContext call && call.windowSpec() == null
                && QueryTrees.isAggregate(functionName(call)));
    }
}
