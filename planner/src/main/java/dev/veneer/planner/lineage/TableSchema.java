package dev.veneer.planner.lineage;

import java.util.List;

/**
 * The columns of a table as far as they are known.
 *
 * @param columns names, lower case, in order
 * @param complete false when the table has further columns whose names are unknown
 */
public record TableSchema(List<String> columns, boolean complete) {
    public static final TableSchema UNKNOWN = new TableSchema(List.of(), false);

    public TableSchema {
        columns = List.copyOf(columns);
    }
}
