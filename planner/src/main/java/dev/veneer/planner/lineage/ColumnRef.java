package dev.veneer.planner.lineage;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import java.util.Comparator;
import java.util.Locale;

/**
 * A column of a model or external table: {@code schema.table.column}. The column {@value #ALL}
 * stands for every column of the table (a {@code *} whose columns are not known, or a construct that
 * reads them all).
 */
public record ColumnRef(ModelName table, String column) implements Comparable<ColumnRef> {
    public static final String ALL = "*";
    private static final Comparator<ColumnRef> ORDER = Comparator.comparing(ColumnRef::table).thenComparing(ColumnRef::column);

    public ColumnRef {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        column = column.toLowerCase(Locale.ROOT);
    }

    public static ColumnRef all(ModelName table) {
        return new ColumnRef(table, ALL);
    }

    public boolean isAll() {
        return column.equals(ALL);
    }

    @Override
    public int compareTo(ColumnRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
