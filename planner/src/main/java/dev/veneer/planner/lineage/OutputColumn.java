package dev.veneer.planner.lineage;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.TreeSet;

/**
 * One column a query outputs and the columns of the tables it reads that feed its value.
 *
 * @param name as Spark compares it (lower case)
 * @param guessedName the expression has no alias and is not a plain column: {@code name} is Veneer's
 *     guess at the name Spark generates, so references to it are matched loosely
 */
public record OutputColumn(String name, Set<ColumnRef> sources, boolean guessedName) {
    public OutputColumn {
        requireNonNull(name, "name is null");
        sources = java.util.Collections.unmodifiableSet(new TreeSet<>(sources));
    }
}
