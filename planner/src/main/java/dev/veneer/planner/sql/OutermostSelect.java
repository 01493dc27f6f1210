package dev.veneer.planner.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.Any_valueContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FirstContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FunctionCallContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.LastContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.NamedExpressionContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QualifiedNameContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryPrimaryDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryTermDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.RegularQuerySpecificationContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.SelectClauseContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.SubqueryContext;

/**
 * The select list of a query's outermost {@code SELECT} (the main query of a {@code WITH}, never a
 * CTE), in canonical-token positions: what {@link ProjectionChange} needs, kept instead of the parse
 * tree so a parsed project stays small in memory.
 *
 * @param projections each projection's canonical-token range, in order
 * @param distinct whether it is {@code SELECT DISTINCT}
 * @param aggregating whether it groups: a {@code GROUP BY}, or an aggregate function in its select
 *     list or {@code HAVING}
 */
record OutermostSelect(List<Projection> projections, boolean distinct, boolean aggregating) {
    // Spark's built-in aggregate functions (those a user plausibly appends); window use is excluded below.
    static final Set<String> AGGREGATES = Set.of(
            "count", "count_if", "sum", "try_sum", "avg", "try_avg", "mean", "min", "max", "min_by", "max_by",
            "collect_list", "collect_set", "array_agg", "first", "first_value", "last", "last_value",
            "any_value", "any", "some", "every", "bool_and", "bool_or", "bit_and", "bit_or", "bit_xor",
            "approx_count_distinct", "approx_percentile", "percentile", "percentile_approx", "percentile_cont",
            "percentile_disc", "median", "mode", "stddev", "stddev_pop", "stddev_samp", "std", "variance",
            "var_pop", "var_samp", "corr", "covar_pop", "covar_samp", "kurtosis", "skewness", "listagg",
            "string_agg", "histogram_numeric", "count_min_sketch", "hll_sketch_agg", "hll_union_agg",
            "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx",
            "regr_sxy", "regr_syy", "grouping", "grouping_id");
    static final Set<String> GENERATORS = Set.of(
            "explode", "explode_outer", "posexplode", "posexplode_outer", "inline", "inline_outer", "stack",
            "json_tuple", "variant_explode", "variant_explode_outer");

    OutermostSelect {
        projections = List.copyOf(projections);
    }

    /** @param start first canonical token; @param end one past the last */
    record Projection(int start, int end, boolean aggregate, boolean generator) {}

    /** The outermost select of a query, or {@code null} for set operations, VALUES, TABLE, FROM-first queries. */
    static OutermostSelect of(QueryContext query, int[] canonicalIndex) {
        if (!(query.queryTerm() instanceof QueryTermDefaultContext term)) {
            return null;
        }
        if (term.queryPrimary() instanceof SubqueryContext subquery) {
            return of(subquery.query(), canonicalIndex);
        }
        if (!(term.queryPrimary() instanceof QueryPrimaryDefaultContext primary)
                || !(primary.querySpecification() instanceof RegularQuerySpecificationContext spec)) {
            return null;
        }
        SelectClauseContext select = spec.selectClause();
        List<Projection> projections = new ArrayList<>();
        boolean aggregating = spec.aggregationClause() != null
                || (spec.havingClause() != null && contains(spec.havingClause(), AGGREGATES));
        for (NamedExpressionContext expression : select.namedExpressionSeq().namedExpression()) {
            boolean aggregate = contains(expression, AGGREGATES);
            aggregating |= aggregate;
            projections.add(new Projection(canonicalIndex[expression.getStart().getTokenIndex()],
                    canonicalIndex[expression.getStop().getTokenIndex()] + 1,
                    aggregate, contains(expression, GENERATORS)));
        }
        boolean distinct = select.setQuantifier() != null && select.setQuantifier().DISTINCT() != null;
        return new OutermostSelect(projections, distinct, aggregating);
    }

    // Looks through expressions but not into subqueries: their aggregates are their own.
    private static boolean contains(ParseTree node, Set<String> functions) {
        if (!(node instanceof ParserRuleContext context) || context instanceof QueryContext) {
            return false;
        }
        if (functions == AGGREGATES && (context instanceof FirstContext || context instanceof LastContext
                || context instanceof Any_valueContext)) {
            return true;
        }
        if (context instanceof FunctionCallContext call && call.windowSpec() == null
                && functions.contains(functionName(call))) {
            return true;
        }
        for (int i = 0; i < context.getChildCount(); i++) {
            if (contains(context.getChild(i), functions)) {
                return true;
            }
        }
        return false;
    }

    private static String functionName(FunctionCallContext call) {
        QualifiedNameContext name = call.functionName().qualifiedName();
        if (name == null || name.identifier().size() != 1) {
            return "";
        }
        return ReferenceCollector.name(name.identifier(0));
    }
}
