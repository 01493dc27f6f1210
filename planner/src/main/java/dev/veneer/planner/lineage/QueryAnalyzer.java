package dev.veneer.planner.lineage;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.sql.QueryTrees;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.AggregationClauseContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.AliasedQueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.AliasedRelationContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ConstantDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ErrorCapturingIdentifierContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ExpressionContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FromClauseContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FromStmtContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FunctionTableArgumentContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FunctionTableContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.FunctionTableSubqueryArgumentContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.IdentifierListContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.IdentifierReferenceContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.InlineTableContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.InlineTableDefault1Context;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.InlineTableDefault2Context;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.IntegerLiteralContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.JoinRelationContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.JoinTypeContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.LateralViewContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.MultipartIdentifierContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.NamedExpressionContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.NamedQueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.NamedWindowContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.NumericLiteralContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.OperatorPipeStatementContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryOrganizationContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryPrimaryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryPrimaryDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryTermContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryTermDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.RegularQuerySpecificationContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.RelationContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.RelationExtensionContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.RelationPrimaryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.RowConstructorContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.SetOperationContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.SortItemContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.StarContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.SubqueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.TableAliasContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.TableContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.TableNameContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.TableValuedFunctionContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.WindowClauseContext;

/**
 * Traces the columns of one query through its CTEs, subqueries, joins, set operations, lateral
 * views and {@code *}, on Spark's parse tree. Where it is unsure it over-approximates: a reference
 * it cannot place reads every column in scope, an unknown construct makes everything depend on
 * everything (see {@link QueryLineage#unsupported()}). Change categorization relies on that: a
 * source missing here could let a child keep a table whose data a rebuild would change.
 */
final class QueryAnalyzer {
    /** The known columns of the tables a query reads. */
    interface Schemas {
        /** {@link TableSchema#UNKNOWN} for a table whose columns nobody declared. */
        TableSchema schema(ModelName table);
    }

    /** A construct whose columns are not traced. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private final Schemas schemas;
    private final Map<NamedQueryContext, Shape> cteShapes = new IdentityHashMap<>();
    private final Set<String> unresolved = new LinkedHashSet<>();
    private final ExpressionSources expressions = new ExpressionSources(this);

    private QueryAnalyzer(Schemas schemas) {
        this.schemas = schemas;
    }

    /**
     * The lineage of {@code query}; {@code tablesRead} (every table the query names) feeds everything
     * when the query holds a construct that is not analyzed.
     */
    static QueryLineage analyze(QueryContext query, Schemas schemas, Set<ModelName> tablesRead) {
        QueryAnalyzer analyzer = new QueryAnalyzer(schemas);
        try {
            Shape shape = analyzer.query(query, null, null);
            List<OutputColumn> columns = shape.cols().stream()
                    .map(col -> new OutputColumn(col.name(), col.sources(), col.guessed()))
                    .toList();
            return new QueryLineage(columns, shape.star(), shape.rows(), null, List.copyOf(analyzer.unresolved));
        }
        catch (Unsupported e) {
            Set<ColumnRef> all = new TreeSet<>();
            tablesRead.forEach(table -> all.add(ColumnRef.all(table)));
            return new QueryLineage(List.of(), new UnexpandedStar(Set.of(), all), all, e.getMessage(), List.of());
        }
    }

    // ---- values ----

    record Col(String name, Set<ColumnRef> sources, boolean guessed, boolean aggregate) {}

    record Shape(List<Col> cols, UnexpandedStar star, Set<ColumnRef> rows) {
        Set<ColumnRef> all() {
            Set<ColumnRef> all = new TreeSet<>(rows);
            cols.forEach(col -> all.addAll(col.sources()));
            addStar(all, star);
            return all;
        }
    }

    static void addStar(Set<ColumnRef> into, UnexpandedStar star) {
        if (star != null) {
            star.passThrough().forEach(table -> into.add(ColumnRef.all(table)));
            into.addAll(star.opaque());
        }
    }

    /** A relation in a FROM clause: its name in scope and its columns. */
    static final class Rel {
        final String alias;
        final ModelName table;
        final List<Col> cols;
        final UnexpandedStar star;
        boolean visible = true;

        Rel(String alias, ModelName table, List<Col> cols, UnexpandedStar star) {
            this.alias = alias;
            this.table = table;
            this.cols = cols;
            this.star = star;
        }

        /** Sources of the column {@code name}, or {@code null} when this relation surely lacks it. */
        Set<ColumnRef> column(String name) {
            Set<ColumnRef> found = null;
            for (Col col : cols) {
                if (col.name().equals(name)) {
                    found = found == null ? new TreeSet<>() : found;
                    found.addAll(col.sources());
                }
            }
            if (found != null) {
                return found;
            }
            if (star != null) {
                return star.sourcesOf(name);
            }
            // A column named by Spark from its expression: Veneer's guess of the name may differ.
            for (Col col : cols) {
                if (col.guessed()) {
                    found = found == null ? new TreeSet<>() : found;
                    found.addAll(col.sources());
                }
            }
            return found;
        }

        Set<ColumnRef> all() {
            Set<ColumnRef> all = new TreeSet<>();
            cols.forEach(col -> all.addAll(col.sources()));
            addStar(all, star);
            return all;
        }
    }

    /** CTE names in scope: a persistent list; each CTE's body sees the CTEs before it. */
    record Ctes(String name, NamedQueryContext definition, Ctes outer) {
        Ctes find(String candidate) {
            for (Ctes ctes = this; ctes != null; ctes = ctes.outer) {
                if (ctes.name.equals(candidate)) {
                    return ctes;
                }
            }
            return null;
        }
    }

    /** The relations one query block sees, then the enclosing blocks' (correlated references). */
    static final class Scope {
        final Scope outer;
        final Ctes ctes;
        final List<Rel> rels = new ArrayList<>();
        /** Select-list aliases: lateral column aliases, or GROUP BY / HAVING / ORDER BY references. */
        final Map<String, Set<ColumnRef>> aliases = new LinkedHashMap<>();
        /** Whether aliases count even when a FROM column of that name exists (Spark's order is unclear to us: both). */
        boolean aliasesToo;
        Set<ColumnRef> namedWindows = Set.of();

        Scope(Scope outer, Ctes ctes) {
            this.outer = outer;
            this.ctes = ctes;
        }

        Scope withAliases(Map<String, Set<ColumnRef>> outputAliases) {
            Scope scope = new Scope(outer, ctes);
            scope.rels.addAll(rels);
            scope.aliases.putAll(outputAliases);
            scope.aliasesToo = true;
            scope.namedWindows = namedWindows;
            return scope;
        }

        Set<ColumnRef> visibleSources() {
            Set<ColumnRef> all = new TreeSet<>();
            for (Scope scope = this; scope != null; scope = scope.outer) {
                // A name no table is known to have may be a column the table lost: count the whole table.
                scope.rels.forEach(rel -> {
                    if (rel.table != null) {
                        all.add(ColumnRef.all(rel.table));
                    }
                    all.addAll(rel.all());
                });
            }
            return all;
        }
    }

    // ---- queries ----

    Shape query(QueryContext query, Scope outer, Ctes ctes) {
        Ctes inScope = ctes;
        if (query.ctes() != null) {
            if (query.ctes().RECURSIVE() != null) {
                throw new Unsupported("WITH RECURSIVE");
            }
            for (NamedQueryContext named : query.ctes().namedQuery()) {
                inScope = new Ctes(QueryTrees.name(named.name), named, inScope);
            }
        }
        QueryOrganizationContext organization = query.queryOrganization();
        Shape shape = term(query.queryTerm(), outer, inScope, organization);
        if (limits(organization)) {
            Set<ColumnRef> rows = new TreeSet<>(shape.rows());
            shape.cols().forEach(col -> rows.addAll(col.sources()));
            addStar(rows, shape.star());
            shape = new Shape(shape.cols(), shape.star(), rows);
        }
        return shape;
    }

    private static boolean limits(QueryOrganizationContext organization) {
        return organization != null && (organization.LIMIT() != null || organization.OFFSET() != null);
    }

    private Shape term(QueryTermContext term, Scope outer, Ctes ctes, QueryOrganizationContext organization) {
        if (term instanceof QueryTermDefaultContext primary) {
            return primary(primary.queryPrimary(), outer, ctes, organization);
        }
        if (term instanceof SetOperationContext set) {
            Shape left = term(set.left, outer, ctes, null);
            Shape right = term(set.right, outer, ctes, null);
            boolean all = set.setQuantifier() != null && set.setQuantifier().ALL() != null;
            boolean unionAll = set.operator.getType() == SqlBaseLexer.UNION && all;
            Set<ColumnRef> rows = new TreeSet<>(left.rows());
            rows.addAll(right.rows());
            List<Col> cols = new ArrayList<>();
            UnexpandedStar star = left.star();
            if (left.star() == null && right.star() == null && left.cols().size() == right.cols().size()) {
                for (int i = 0; i < left.cols().size(); i++) {
                    Col l = left.cols().get(i);
                    Set<ColumnRef> sources = new TreeSet<>(l.sources());
                    sources.addAll(right.cols().get(i).sources());
                    cols.add(new Col(l.name(), sources, l.guessed(), false));
                }
            }
            else {
                // Columns pair up by position, which is unknown here: each takes all of the other side.
                Set<ColumnRef> other = new TreeSet<>(right.all());
                other.removeAll(right.rows());
                for (Col l : left.cols()) {
                    Set<ColumnRef> sources = new TreeSet<>(l.sources());
                    sources.addAll(other);
                    cols.add(new Col(l.name(), sources, l.guessed(), false));
                }
                star = new UnexpandedStar(Set.of(), other).merge(left.star());
            }
            if (!unionAll) {
                // DISTINCT, INTERSECT and EXCEPT compare whole rows: every value decides which rows remain.
                cols.forEach(col -> rows.addAll(col.sources()));
                addStar(rows, star);
            }
            return new Shape(cols, star, rows);
        }
        if (term instanceof OperatorPipeStatementContext) {
            throw new Unsupported("the |> operator");
        }
        throw new Unsupported(term.getClass().getSimpleName());
    }

    private Shape primary(QueryPrimaryContext primary, Scope outer, Ctes ctes, QueryOrganizationContext organization) {
        if (primary instanceof QueryPrimaryDefaultContext spec) {
            if (spec.querySpecification() instanceof RegularQuerySpecificationContext regular) {
                return specification(regular, outer, ctes, organization);
            }
            throw new Unsupported("SELECT TRANSFORM");
        }
        if (primary instanceof SubqueryContext subquery) {
            return query(subquery.query(), outer, ctes);
        }
        if (primary instanceof TableContext table) {
            Scope scope = new Scope(outer, ctes);
            Set<ColumnRef> rows = new TreeSet<>();
            Rel rel = tableRelation(table.identifierReference(), null, scope, rows);
            return new Shape(rel.cols, rel.star, rows);
        }
        if (primary instanceof InlineTableDefault1Context inline) {
            Rel rel = inlineTable(inline.inlineTable(), new Scope(outer, ctes));
            return new Shape(rel.cols, rel.star, new TreeSet<>());
        }
        if (primary instanceof FromStmtContext) {
            throw new Unsupported("FROM-first queries");
        }
        throw new Unsupported(primary.getClass().getSimpleName());
    }

    private Shape specification(RegularQuerySpecificationContext spec, Scope outer, Ctes ctes,
            QueryOrganizationContext organization) {
        Set<ColumnRef> rows = new TreeSet<>();
        Scope scope = new Scope(outer, ctes);
        if (spec.fromClause() != null) {
            from(spec.fromClause(), scope, rows);
        }
        for (LateralViewContext view : spec.lateralView()) {
            lateralView(view, scope, rows);
        }
        if (spec.whereClause() != null) {
            expressions.collect(spec.whereClause().booleanExpression(), scope, rows);
        }
        Set<ColumnRef> windows = new TreeSet<>();
        namedWindows(spec.windowClause(), scope, windows);
        if (organization != null) {
            namedWindows(organization.windowClause(), scope, windows);
        }
        scope.namedWindows = windows;

        List<Col> cols = new ArrayList<>();
        UnexpandedStar star = null;
        for (NamedExpressionContext item : spec.selectClause().namedExpressionSeq().namedExpression()) {
            if (item.name == null && item.identifierList() == null
                    && ExpressionSources.primary(item.expression()) instanceof StarContext starItem) {
                star = expandStar(starItem, scope, cols, star);
                continue;
            }
            Set<ColumnRef> sources = new TreeSet<>();
            expressions.collect(item.expression(), scope, sources);
            if (ExpressionSources.contains(item.expression(), ExpressionSources::isGeneratorCall)) {
                rows.addAll(sources);
            }
            boolean aggregate = ExpressionSources.contains(item.expression(), ExpressionSources::isAggregateCall);
            for (String name : outputNames(item)) {
                cols.add(new Col(name, sources, item.name == null && item.identifierList() == null
                        && ExpressionSources.plainColumnName(item.expression()) == null, aggregate));
                scope.aliases.merge(name, sources, QueryAnalyzer::union);
            }
        }
        scope.aliases.clear();
        if (spec.selectClause().setQuantifier() != null && spec.selectClause().setQuantifier().DISTINCT() != null) {
            cols.forEach(col -> rows.addAll(col.sources()));
            addStar(rows, star);
        }
        Map<String, Set<ColumnRef>> outputs = new LinkedHashMap<>();
        cols.forEach(col -> outputs.merge(col.name(), col.sources(), QueryAnalyzer::union));
        Scope grouping = scope.withAliases(outputs);
        if (spec.aggregationClause() != null) {
            groupBy(spec.aggregationClause(), grouping, cols, rows);
        }
        if (spec.havingClause() != null) {
            expressions.collect(spec.havingClause().booleanExpression(), grouping, rows);
        }
        if (limits(organization)) {
            for (SortItemContext item : organization.sortItem()) {
                orderedBy(item.expression(), grouping, cols, rows);
            }
            if (organization.limit != null) {
                expressions.collect(organization.limit, grouping, rows);
            }
            if (organization.offset != null) {
                expressions.collect(organization.offset, grouping, rows);
            }
        }
        return new Shape(cols, star, rows);
    }

    private void namedWindows(WindowClauseContext clause, Scope scope, Set<ColumnRef> into) {
        if (clause != null) {
            for (NamedWindowContext window : clause.namedWindow()) {
                expressions.collect(window.windowSpec(), scope, into);
            }
        }
    }

    private void groupBy(AggregationClauseContext clause, Scope grouping, List<Col> cols, Set<ColumnRef> rows) {
        List<ExpressionContext> keys = new ArrayList<>();
        collectExpressions(clause, keys);
        for (ExpressionContext key : keys) {
            String plain = ExpressionSources.plainColumnName(key);
            if ("all".equals(plain) && (grouping.rels.isEmpty() || resolvesNowhere(grouping, plain))) {
                // GROUP BY ALL: every select item without an aggregate is a key.
                cols.stream().filter(col -> !col.aggregate()).forEach(col -> rows.addAll(col.sources()));
                continue;
            }
            orderedBy(key, grouping, cols, rows);
        }
    }

    private static boolean resolvesNowhere(Scope scope, String name) {
        return scope.rels.stream().allMatch(rel -> rel.column(name) == null);
    }

    /** A grouping or sort key: an ordinal names a select item; anything else is an expression. */
    private void orderedBy(ExpressionContext key, Scope grouping, List<Col> cols, Set<ColumnRef> rows) {
        Integer ordinal = ordinal(key);
        if (ordinal != null) {
            if (ordinal >= 1 && ordinal <= cols.size()) {
                rows.addAll(cols.get(ordinal - 1).sources());
            }
            else {
                rows.addAll(grouping.visibleSources());
            }
            return;
        }
        expressions.collect(key, grouping, rows);
    }

    private static Integer ordinal(ExpressionContext expression) {
        if (ExpressionSources.primary(expression) instanceof ConstantDefaultContext constant
                && constant.constant() instanceof NumericLiteralContext numeric
                && numeric.number() instanceof IntegerLiteralContext integer) {
            try {
                return Integer.parseInt(integer.getText());
            }
            catch (NumberFormatException e) {
                return -1;
            }
        }
        return null;
    }

    private static void collectExpressions(ParseTree node, List<ExpressionContext> into) {
        if (node instanceof ExpressionContext expression) {
            into.add(expression);
            return;
        }
        if (node instanceof NamedExpressionContext named) {
            into.add(named.expression());
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collectExpressions(node.getChild(i), into);
        }
    }

    private UnexpandedStar expandStar(StarContext star, Scope scope, List<Col> cols, UnexpandedStar sofar) {
        Set<String> except = new TreeSet<>();
        if (star.exceptClause() != null) {
            for (MultipartIdentifierContext column : star.exceptClause().exceptCols.multipartIdentifier()) {
                except.add(QueryTrees.name(column.parts.get(0)));
            }
        }
        List<Rel> expanded = new ArrayList<>();
        if (star.qualifiedName() == null) {
            scope.rels.stream().filter(rel -> rel.visible).forEach(expanded::add);
        }
        else {
            List<String> parts = star.qualifiedName().identifier().stream().map(QueryTrees::name).toList();
            for (Rel rel : scope.rels) {
                if ((parts.size() == 1 && parts.get(0).equals(rel.alias))
                        || (parts.size() == 2 && rel.table != null && rel.table.schema().equals(parts.get(0))
                        && rel.table.table().equals(parts.get(1)))) {
                    expanded.add(rel);
                }
            }
            if (expanded.isEmpty()) {
                // s.* of a struct column: fields unknown, each fed by the struct.
                Set<ColumnRef> sources = new TreeSet<>();
                expressions.reference(parts, scope, sources, Set.of());
                return new UnexpandedStar(Set.of(), sources).merge(sofar);
            }
        }
        UnexpandedStar result = sofar;
        for (Rel rel : expanded) {
            for (Col col : rel.cols) {
                if (!except.contains(col.name())) {
                    cols.add(new Col(col.name(), col.sources(), col.guessed(), false));
                    scope.aliases.merge(col.name(), col.sources(), QueryAnalyzer::union);
                }
            }
            if (rel.star != null) {
                result = rel.star.merge(result);
            }
        }
        return result;
    }

    private static List<String> outputNames(NamedExpressionContext item) {
        if (item.name != null) {
            return List.of(QueryTrees.name(item.name));
        }
        if (item.identifierList() != null) {
            return names(item.identifierList());
        }
        String plain = ExpressionSources.plainColumnName(item.expression());
        return List.of(plain != null ? plain : guessedName(item.expression()));
    }

    /** Spark names an unaliased expression after its text; this is close to it, never relied on exactly. */
    private static String guessedName(ParserRuleContext expression) {
        StringBuilder text = new StringBuilder();
        appendTokens(expression, text);
        return text.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static void appendTokens(ParseTree node, StringBuilder text) {
        if (node instanceof TerminalNode terminal) {
            Token token = terminal.getSymbol();
            if (token.getType() != Token.EOF) {
                if (!text.isEmpty() && Character.isLetterOrDigit(text.charAt(text.length() - 1))
                        && Character.isLetterOrDigit(token.getText().charAt(0))) {
                    text.append(' ');
                }
                text.append(token.getText());
            }
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            appendTokens(node.getChild(i), text);
        }
    }

    static List<String> names(IdentifierListContext list) {
        return list.identifierSeq().ident.stream().map(QueryTrees::name).toList();
    }

    static Set<ColumnRef> union(Set<ColumnRef> a, Set<ColumnRef> b) {
        Set<ColumnRef> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    // ---- relations ----

    private void from(FromClauseContext from, Scope scope, Set<ColumnRef> rows) {
        for (RelationContext relation : from.relation()) {
            relation(relation, scope, rows);
        }
        for (LateralViewContext view : from.lateralView()) {
            lateralView(view, scope, rows);
        }
        if (from.pivotClause() != null || from.unpivotClause() != null) {
            throw new Unsupported(from.pivotClause() != null ? "PIVOT" : "UNPIVOT");
        }
    }

    private void relation(RelationContext relation, Scope scope, Set<ColumnRef> rows) {
        int first = scope.rels.size();
        scope.rels.add(relationPrimary(relation.relationPrimary(), scope, rows, relation.LATERAL() != null));
        for (RelationExtensionContext extension : relation.relationExtension()) {
            JoinRelationContext join = extension.joinRelation();
            if (join == null) {
                throw new Unsupported(extension.pivotClause() != null ? "PIVOT" : "UNPIVOT");
            }
            Rel right = relationPrimary(join.right, scope, rows, join.LATERAL() != null);
            JoinTypeContext type = join.joinType();
            if (type != null && (type.SEMI() != null || type.ANTI() != null)) {
                right.visible = false;
            }
            int leftEnd = scope.rels.size();
            scope.rels.add(right);
            if (join.NATURAL() != null) {
                // The shared columns decide the matches; which they are needs every schema: all of them.
                for (int i = first; i <= leftEnd; i++) {
                    rows.addAll(scope.rels.get(i).all());
                }
            }
            else if (join.joinCriteria() != null) {
                if (join.joinCriteria().booleanExpression() != null) {
                    expressions.collect(join.joinCriteria().booleanExpression(), scope, rows);
                }
                else {
                    for (String column : names(join.joinCriteria().identifierList())) {
                        for (int i = first; i <= leftEnd; i++) {
                            Set<ColumnRef> sources = scope.rels.get(i).column(column);
                            if (sources != null) {
                                rows.addAll(sources);
                            }
                        }
                    }
                }
            }
        }
    }

    private Rel relationPrimary(RelationPrimaryContext primary, Scope scope, Set<ColumnRef> rows, boolean lateral) {
        if (primary instanceof TableNameContext table) {
            return tableRelation(table.identifierReference(), table.tableAlias(), scope, rows);
        }
        if (primary instanceof AliasedQueryContext aliased) {
            Shape shape = query(aliased.query(), lateral ? scope : scope.outer, scope.ctes);
            rows.addAll(shape.rows());
            return aliased(alias(aliased.tableAlias(), null), null, shape.cols(), shape.star(), aliased.tableAlias());
        }
        if (primary instanceof AliasedRelationContext aliased) {
            Scope inner = new Scope(scope.outer, scope.ctes);
            relation(aliased.relation(), inner, rows);
            List<Col> cols = new ArrayList<>();
            UnexpandedStar star = null;
            for (Rel rel : inner.rels) {
                if (rel.visible) {
                    cols.addAll(rel.cols);
                    star = rel.star == null ? star : rel.star.merge(star);
                }
            }
            return aliased(alias(aliased.tableAlias(), null), null, cols, star, aliased.tableAlias());
        }
        if (primary instanceof InlineTableDefault2Context inline) {
            return inlineTable(inline.inlineTable(), scope);
        }
        if (primary instanceof TableValuedFunctionContext function) {
            return functionTable(function.functionTable(), scope, rows);
        }
        throw new Unsupported("streaming relations");
    }

    private Rel tableRelation(IdentifierReferenceContext reference, TableAliasContext alias, Scope scope, Set<ColumnRef> rows) {
        if (reference.multipartIdentifier() == null) {
            throw new Unsupported("IDENTIFIER(...) table names");
        }
        List<String> parts = reference.multipartIdentifier().parts.stream().map(QueryTrees::name).toList();
        String name = alias(alias, parts.get(parts.size() - 1));
        if (parts.size() == 1) {
            Ctes cte = scope.ctes == null ? null : scope.ctes.find(parts.get(0));
            if (cte == null) {
                throw new Unsupported("table " + parts.get(0) + " (not a model)");
            }
            Shape shape = cte(cte);
            rows.addAll(shape.rows());
            return aliased(name, null, shape.cols(), shape.star(), alias);
        }
        if (parts.size() != 2) {
            throw new Unsupported("table " + String.join(".", parts) + " (not a model)");
        }
        ModelName table = new ModelName(parts.get(0), parts.get(1));
        TableSchema schema = schemas.schema(table);
        List<Col> cols = new ArrayList<>();
        for (String column : schema.columns()) {
            cols.add(new Col(column, Set.of(new ColumnRef(table, column)), false, false));
        }
        UnexpandedStar star = schema.complete() ? null : new UnexpandedStar(Set.of(table), Set.of());
        return aliased(name, table, cols, star, alias);
    }

    private Shape cte(Ctes cte) {
        Shape shape = cteShapes.get(cte.definition());
        if (shape == null) {
            // Its body sees the CTEs defined before it, not itself.
            shape = query(cte.definition().query(), null, cte.outer());
            if (cte.definition().columnAliases != null) {
                shape = renamed(shape, names(cte.definition().columnAliases));
            }
            cteShapes.put(cte.definition(), shape);
        }
        return shape;
    }

    private static Rel aliased(String name, ModelName table, List<Col> cols, UnexpandedStar star, TableAliasContext alias) {
        if (alias != null && alias.identifierList() != null) {
            Shape shape = renamed(new Shape(cols, star, Set.of()), names(alias.identifierList()));
            return new Rel(name, table, shape.cols(), shape.star());
        }
        return new Rel(name, table, cols, star);
    }

    /** Column aliases {@code t(a, b)} rename the columns in order. */
    private static Shape renamed(Shape shape, List<String> names) {
        List<Col> cols = new ArrayList<>();
        Set<ColumnRef> unknown = new TreeSet<>();
        if (shape.star() != null) {
            addStar(unknown, shape.star());
        }
        for (int i = 0; i < names.size(); i++) {
            if (i < shape.cols().size() && shape.star() == null) {
                Col col = shape.cols().get(i);
                cols.add(new Col(names.get(i), col.sources(), false, col.aggregate()));
            }
            else {
                Set<ColumnRef> sources = new TreeSet<>(unknown);
                shape.cols().forEach(col -> sources.addAll(col.sources()));
                cols.add(new Col(names.get(i), sources, false, false));
            }
        }
        return new Shape(cols, null, shape.rows());
    }

    private static String alias(TableAliasContext alias, String otherwise) {
        return alias != null && alias.strictIdentifier() != null ? QueryTrees.name(alias.strictIdentifier()) : otherwise;
    }

    private Rel inlineTable(InlineTableContext table, Scope scope) {
        Set<ColumnRef> sources = new TreeSet<>();
        for (ExpressionContext row : table.expression()) {
            expressions.collect(row, scope, sources);
        }
        List<String> names;
        if (table.tableAlias() != null && table.tableAlias().identifierList() != null) {
            names = names(table.tableAlias().identifierList());
        }
        else {
            int width = ExpressionSources.primary(table.expression(0)) instanceof RowConstructorContext row
                    ? row.namedExpression().size() : 1;
            names = new ArrayList<>();
            for (int i = 1; i <= width; i++) {
                names.add("col" + i);
            }
        }
        List<Col> cols = names.stream().map(name -> new Col(name, sources, false, false)).toList();
        return new Rel(alias(table.tableAlias(), null), null, cols, null);
    }

    private Rel functionTable(FunctionTableContext function, Scope scope, Set<ColumnRef> rows) {
        Set<ColumnRef> sources = new TreeSet<>();
        for (FunctionTableArgumentContext argument : function.functionTableArgument()) {
            FunctionTableSubqueryArgumentContext table = argument.functionTableReferenceArgument() == null ? null
                    : argument.functionTableReferenceArgument().functionTableSubqueryArgument() != null
                    ? argument.functionTableReferenceArgument().functionTableSubqueryArgument()
                    : argument.functionTableReferenceArgument().functionTableNamedArgumentExpression().table;
            if (table == null) {
                expressions.collect(argument, scope, sources);
            }
            else if (table.query() != null) {
                sources.addAll(query(table.query(), scope.outer, scope.ctes).all());
            }
            else {
                Rel rel = tableRelation(table.identifierReference(), null, scope, rows);
                sources.addAll(rel.all());
            }
        }
        rows.addAll(sources);
        List<Col> cols = new ArrayList<>();
        if (function.tableAlias() != null && function.tableAlias().identifierList() != null) {
            names(function.tableAlias().identifierList()).forEach(name -> cols.add(new Col(name, sources, false, false)));
            return new Rel(alias(function.tableAlias(), null), null, cols, null);
        }
        return new Rel(alias(function.tableAlias(), null), null, cols, new UnexpandedStar(Set.of(), sources));
    }

    private void lateralView(LateralViewContext view, Scope scope, Set<ColumnRef> rows) {
        Set<ColumnRef> sources = new TreeSet<>();
        for (ExpressionContext argument : view.expression()) {
            expressions.collect(argument, scope, sources);
        }
        // A generator: how many rows each input row makes depends on its input.
        rows.addAll(sources);
        List<Col> cols = view.colName.stream().map(name -> new Col(QueryTrees.name(name), sources, false, false)).toList();
        scope.rels.add(new Rel(QueryTrees.name(view.tblName), null, cols,
                cols.isEmpty() ? new UnexpandedStar(Set.of(), sources) : null));
    }

    void unresolved(String name) {
        unresolved.add(name);
    }

    static boolean anyDescendant(ParseTree node, Predicate<ParseTree> test) {
        if (test.test(node)) {
            return true;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            if (anyDescendant(node.getChild(i), test)) {
                return true;
            }
        }
        return false;
    }

    static String identifier(ErrorCapturingIdentifierContext identifier) {
        return QueryTrees.name(identifier);
    }
}
