package dev.veneer.planner.lineage;

import static java.util.Objects.requireNonNull;

import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.QueryTrees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ColumnReferenceContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ConstantDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.DereferenceContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ExpressionContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.NamedExpressionContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryOrganizationContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryPrimaryDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryTermDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.RegularQuerySpecificationContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.StarContext;

/**
 * Whether an edit of a query leaves its rows as they were and changes only the values of some
 * output columns, and which. True only when everything but the outermost select list is the same,
 * token for token (CTEs, FROM, joins, WHERE, GROUP BY, HAVING, windows, ORDER BY, LIMIT, DISTINCT,
 * set operations), no edited item generates rows, the query aggregates before exactly when it does
 * after, and no grouping, having or limiting clause names an edited column by alias or position.
 */
public final class ColumnChanges {
    private ColumnChanges() {}

    /**
     * The names of the output columns whose values may differ (edited, added, removed, renamed, moved,
     * and those computed from them by lateral alias); empty when the rows themselves may differ.
     */
    public static Optional<Set<String>> between(ParsedQuery before, ParsedQuery after) {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        try {
            Select old = Select.of(QueryTrees.parse(before), QueryTrees.canonicalTokens(before));
            Select now = Select.of(QueryTrees.parse(after), QueryTrees.canonicalTokens(after));
            if (old == null || now == null) {
                return Optional.empty();
            }
            return compare(old, now);
        }
        catch (RuntimeException e) {
            // A query the parser now rejects, or a shape not foreseen: assume rows change.
            return Optional.empty();
        }
    }

    private static Optional<Set<String>> compare(Select old, Select now) {
        if (!old.outside().equals(now.outside()) || old.distinct() || old.groupsByAliasOrPosition(Set.of())
                || !old.stars().equals(now.stars())) {
            return Optional.empty();
        }
        Set<String> changed = new TreeSet<>();
        Set<String> names = new TreeSet<>(old.byName().keySet());
        names.addAll(now.byName().keySet());
        for (String name : names) {
            if (!java.util.Objects.equals(old.byName().get(name), now.byName().get(name))) {
                changed.add(name);
            }
        }
        if (changed.isEmpty() && !old.order().equals(now.order())) {
            // Only the order moved: a reader of * would see it.
            for (int i = 0; i < Math.max(old.order().size(), now.order().size()); i++) {
                if (i >= old.order().size() || i >= now.order().size() || !old.order().get(i).equals(now.order().get(i))) {
                    if (i < old.order().size()) {
                        changed.add(old.order().get(i));
                    }
                    if (i < now.order().size()) {
                        changed.add(now.order().get(i));
                    }
                }
            }
        }
        // Lateral column aliases: an item reading an edited item's alias changes with it.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Select select : List.of(old, now)) {
                for (Item item : select.items()) {
                    if (!changed.containsAll(item.names()) && item.identifiers().stream().anyMatch(changed::contains)) {
                        changed.addAll(item.names());
                        grew = true;
                    }
                }
            }
        }
        for (Select select : List.of(old, now)) {
            for (Item item : select.items()) {
                if (item.generator() && item.names().stream().anyMatch(changed::contains)) {
                    return Optional.empty();
                }
            }
            if (select.groupsByAliasOrPosition(changed)) {
                return Optional.empty();
            }
        }
        if (!old.hasGroupBy() && old.aggregates() != now.aggregates()) {
            return Optional.empty();
        }
        return Optional.of(changed);
    }

    private record Item(List<String> names, List<String> tokens, Set<String> identifiers, boolean generator, boolean aggregate) {}

    /**
     * The outermost select of a query.
     *
     * @param outside every canonical token but those of the select list, with a marker where it was
     * @param byName output name to the tokens of the items that make it
     * @param clauseIdentifiers identifiers in GROUP BY, HAVING, and ORDER BY of a limited query
     */
    private record Select(List<String> outside, List<Item> items, Map<String, List<List<String>>> byName, List<String> order,
            List<String> stars, boolean distinct, boolean hasGroupBy, boolean aggregates, Set<String> clauseIdentifiers,
            boolean clausePositions) {
        static Select of(QueryContext query, List<String> tokens) {
            if (!(query.queryTerm() instanceof QueryTermDefaultContext term)
                    || !(term.queryPrimary() instanceof QueryPrimaryDefaultContext primary)
                    || !(primary.querySpecification() instanceof RegularQuerySpecificationContext spec)) {
                return null;
            }
            ParserRuleContext list = spec.selectClause().namedExpressionSeq();
            int start = list.getStart().getTokenIndex();
            int stop = list.getStop().getTokenIndex();
            List<String> outside = new ArrayList<>(tokens.subList(0, start));
            outside.add("<select list>");
            outside.addAll(tokens.subList(Math.min(stop + 1, tokens.size()), tokens.size()));

            List<Item> items = new ArrayList<>();
            Map<String, List<List<String>>> byName = new LinkedHashMap<>();
            List<String> order = new ArrayList<>();
            List<String> stars = new ArrayList<>();
            boolean aggregates = false;
            for (NamedExpressionContext item : spec.selectClause().namedExpressionSeq().namedExpression()) {
                List<String> text = tokens.subList(item.expression().getStart().getTokenIndex(),
                        item.expression().getStop().getTokenIndex() + 1);
                if (item.name == null && item.identifierList() == null
                        && ExpressionSources.primary(item.expression()) instanceof StarContext) {
                    stars.add(String.join(" ", text));
                    continue;
                }
                List<String> names = outputNames(item, text);
                Set<String> identifiers = new TreeSet<>();
                identifiers(item.expression(), identifiers);
                boolean aggregate = ExpressionSources.contains(item.expression(), ExpressionSources::isAggregateCall);
                aggregates |= aggregate;
                items.add(new Item(names, List.copyOf(text), identifiers,
                        ExpressionSources.contains(item.expression(), ExpressionSources::isGeneratorCall), aggregate));
                for (String name : names) {
                    byName.computeIfAbsent(name, key -> new ArrayList<>()).add(List.copyOf(text));
                    order.add(name);
                }
            }
            Set<String> clauseIdentifiers = new TreeSet<>();
            boolean positions = false;
            if (spec.aggregationClause() != null) {
                identifiers(spec.aggregationClause(), clauseIdentifiers);
                positions |= hasOrdinal(spec.aggregationClause());
            }
            if (spec.havingClause() != null) {
                identifiers(spec.havingClause(), clauseIdentifiers);
            }
            if (spec.windowClause() != null) {
                identifiers(spec.windowClause(), clauseIdentifiers);
            }
            QueryOrganizationContext organization = query.queryOrganization();
            if (organization != null && (organization.LIMIT() != null || organization.OFFSET() != null)) {
                identifiers(organization, clauseIdentifiers);
                for (var item : organization.sortItem()) {
                    positions |= hasOrdinal(item);
                }
            }
            boolean distinct = spec.selectClause().setQuantifier() != null && spec.selectClause().setQuantifier().DISTINCT() != null;
            return new Select(outside, items, byName, order, stars, distinct, spec.aggregationClause() != null, aggregates,
                    clauseIdentifiers, positions);
        }

        /** Whether a grouping or limiting clause may name one of {@code columns}, or any item by position. */
        boolean groupsByAliasOrPosition(Set<String> columns) {
            if (clausePositions || clauseIdentifiers.contains("all") && hasGroupBy) {
                return true;
            }
            return columns.stream().anyMatch(clauseIdentifiers::contains);
        }
    }

    private static List<String> outputNames(NamedExpressionContext item, List<String> text) {
        if (item.name != null) {
            return List.of(QueryTrees.name(item.name));
        }
        if (item.identifierList() != null) {
            return QueryAnalyzer.names(item.identifierList());
        }
        String plain = ExpressionSources.plainColumnName(item.expression());
        return List.of(plain != null ? plain : String.join(" ", text));
    }

    private static void identifiers(ParseTree node, Set<String> into) {
        if (node instanceof ColumnReferenceContext column) {
            into.add(QueryTrees.name(column.identifier()));
            return;
        }
        if (node instanceof DereferenceContext dereference) {
            ParseTree base = dereference.base;
            while (base instanceof DereferenceContext inner) {
                base = inner.base;
            }
            identifiers(base, into);
            into.add(QueryTrees.name(dereference.fieldName));
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            identifiers(node.getChild(i), into);
        }
    }

    private static boolean hasOrdinal(ParseTree node) {
        if (node instanceof ExpressionContext expression && ExpressionSources.primary(expression) instanceof ConstantDefaultContext constant) {
            return constant.getText().chars().allMatch(Character::isDigit);
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            if (hasOrdinal(node.getChild(i))) {
                return true;
            }
        }
        return false;
    }

}
