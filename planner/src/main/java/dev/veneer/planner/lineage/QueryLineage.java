package dev.veneer.planner.lineage;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a query's columns are made of: each output column's sources, and the columns that decide
 * which rows there are ({@code WHERE}, join conditions, {@code GROUP BY}, {@code HAVING},
 * {@code DISTINCT}, set operations other than {@code UNION ALL}, generators, {@code ORDER BY} with
 * {@code LIMIT}), at any depth of CTEs and subqueries.
 *
 * @param star the columns a {@code *} adds whose names are unknown, or {@code null}
 * @param unsupported why the columns could not be traced (a construct Veneer does not analyze); then
 *     every output and every row depends on every column the query reads
 * @param unresolved column names the query uses that no table in scope is known to have
 */
public record QueryLineage(List<OutputColumn> columns, UnexpandedStar star, Set<ColumnRef> rowSources,
        String unsupported, List<String> unresolved) {
    public QueryLineage {
        columns = List.copyOf(columns);
        rowSources = Collections.unmodifiableSet(new TreeSet<>(rowSources));
        unresolved = List.copyOf(unresolved);
    }

    /** Every output column named {@code name} (several when a join's {@code *} repeats a name). */
    public List<OutputColumn> columns(String name) {
        String folded = name.toLowerCase(java.util.Locale.ROOT);
        return columns.stream().filter(column -> column.name().equals(folded)).toList();
    }

    /** Whether every output column is known by name. */
    public boolean complete() {
        return star == null && unsupported == null;
    }

    public Optional<String> unsupportedReason() {
        return Optional.ofNullable(unsupported);
    }

    /** Every source of every output and of the rows. */
    public Set<ColumnRef> allSources() {
        Set<ColumnRef> all = new TreeSet<>(rowSources);
        columns.forEach(column -> all.addAll(column.sources()));
        if (star != null) {
            star.passThrough().forEach(table -> all.add(ColumnRef.all(table)));
            all.addAll(star.opaque());
        }
        return all;
    }
}
