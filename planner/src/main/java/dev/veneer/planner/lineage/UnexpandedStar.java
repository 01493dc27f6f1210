package dev.veneer.planner.lineage;

import dev.veneer.catalog.ModelName;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a query's output that a {@code *} adds when the columns behind it are unknown (an
 * external table without declared columns, or a model selecting {@code *} from one).
 *
 * @param passThrough tables whose every column the star passes on under its own name
 * @param opaque columns that feed every column of the star (where names do not pass through, such as
 *     the second branch of a union)
 */
public record UnexpandedStar(Set<ModelName> passThrough, Set<ColumnRef> opaque) {
    public UnexpandedStar {
        passThrough = Collections.unmodifiableSet(new TreeSet<>(passThrough));
        opaque = Collections.unmodifiableSet(new TreeSet<>(opaque));
    }

    /** The sources of a column named {@code name} that comes from this star. */
    public Set<ColumnRef> sourcesOf(String name) {
        Set<ColumnRef> sources = new TreeSet<>(opaque);
        passThrough.forEach(table -> sources.add(new ColumnRef(table, name)));
        return sources;
    }

    UnexpandedStar merge(UnexpandedStar other) {
        if (other == null) {
            return this;
        }
        Set<ModelName> tables = new TreeSet<>(passThrough);
        tables.addAll(other.passThrough);
        Set<ColumnRef> columns = new TreeSet<>(opaque);
        columns.addAll(other.opaque);
        return new UnexpandedStar(tables, columns);
    }
}
