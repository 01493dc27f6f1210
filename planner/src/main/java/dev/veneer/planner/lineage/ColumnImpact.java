package dev.veneer.planner.lineage;

import dev.veneer.catalog.ModelName;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a model's new version changes for its readers: nothing, the values of some columns (its rows
 * stay as they were), or anything (rows or unknown columns).
 *
 * @param columns the columns whose values may differ, when not {@code all}
 */
public record ColumnImpact(boolean all, Set<String> columns) {
    public static final ColumnImpact NONE = new ColumnImpact(false, Set.of());
    public static final ColumnImpact ALL = new ColumnImpact(true, Set.of());

    public ColumnImpact {
        columns = Collections.unmodifiableSet(new TreeSet<>(columns));
        if (all && !columns.isEmpty()) {
            throw new IllegalArgumentException("an impact on all columns lists none");
        }
    }

    public static ColumnImpact columns(Set<String> columns) {
        return columns.isEmpty() ? NONE : new ColumnImpact(false, columns);
    }

    public boolean none() {
        return !all && columns.isEmpty();
    }

    public ColumnImpact union(ColumnImpact other) {
        if (all || other.all) {
            return ALL;
        }
        Set<String> both = new TreeSet<>(columns);
        both.addAll(other.columns);
        return columns(both);
    }

    /**
     * How a child's query passes on its parents' impacts, and why.
     *
     * @param read the changed parent columns the child reads (for the reason shown in the plan)
     * @param changed every changed parent column (what a child reading none of them did not read)
     * @param rowsAffected whether a changed column decides the child's rows (a filter, join, grouping...)
     */
    public record Propagation(ColumnImpact impact, Set<ColumnRef> read, Set<ColumnRef> changed, boolean rowsAffected) {
        public Propagation {
            read = Collections.unmodifiableSet(new TreeSet<>(read));
            changed = Collections.unmodifiableSet(new TreeSet<>(changed));
        }
    }

    /** Pushes the parents' impacts through a child's lineage. */
    public static Propagation through(QueryLineage child, Map<ModelName, ColumnImpact> parents) {
        Set<ColumnRef> changed = new TreeSet<>();
        boolean anyAll = false;
        for (Map.Entry<ModelName, ColumnImpact> parent : parents.entrySet()) {
            if (parent.getValue().all) {
                anyAll = true;
                changed.add(ColumnRef.all(parent.getKey()));
            }
            parent.getValue().columns.forEach(column -> changed.add(new ColumnRef(parent.getKey(), column)));
        }
        if (anyAll) {
            return new Propagation(ALL, Set.of(), changed, true);
        }
        if (changed.isEmpty()) {
            return new Propagation(NONE, Set.of(), changed, false);
        }
        Set<ColumnRef> read = new TreeSet<>();
        Set<ColumnRef> rows = hits(child.rowSources(), parents);
        read.addAll(rows);
        if (!rows.isEmpty()) {
            return new Propagation(ALL, read, changed, true);
        }
        if (child.unsupported() != null) {
            return new Propagation(ALL, hits(child.allSources(), parents), changed, true);
        }
        Set<String> affected = new TreeSet<>();
        for (OutputColumn column : child.columns()) {
            Set<ColumnRef> hit = hits(column.sources(), parents);
            if (!hit.isEmpty()) {
                read.addAll(hit);
                affected.add(column.name());
            }
        }
        UnexpandedStar star = child.star();
        if (star != null) {
            for (ModelName table : star.passThrough()) {
                ColumnImpact impact = parents.get(table);
                if (impact != null && !impact.none()) {
                    // A * over it passes the changed columns on under their own names.
                    impact.columns.forEach(column -> read.add(new ColumnRef(table, column)));
                    affected.addAll(impact.columns);
                }
            }
            Set<ColumnRef> opaque = hits(star.opaque(), parents);
            if (!opaque.isEmpty()) {
                read.addAll(opaque);
                return new Propagation(ALL, read, changed, false);
            }
        }
        return new Propagation(columns(affected), read, changed, false);
    }

    /** The sources that read a changed column: that column itself, or all columns of a changed table. */
    private static Set<ColumnRef> hits(Set<ColumnRef> sources, Map<ModelName, ColumnImpact> parents) {
        Set<ColumnRef> hits = new TreeSet<>();
        for (ColumnRef source : sources) {
            ColumnImpact impact = parents.get(source.table());
            if (impact == null || impact.none()) {
                continue;
            }
            if (source.isAll()) {
                impact.columns.forEach(column -> hits.add(new ColumnRef(source.table(), column)));
            }
            else if (impact.columns.contains(source.column())) {
                hits.add(source);
            }
        }
        return hits;
    }
}
