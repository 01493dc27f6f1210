package dev.veneer.examples.generator;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A relation a generated query can read: an external source at a root of the DAG, or a generated
 * model. {@code sqlTypes} are the declared types of an external source's columns (empty for models).
 */
record SourceTable(String name, int layer, List<Column> columns, Map<String, String> sqlTypes) {
    SourceTable {
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
        sqlTypes = new LinkedHashMap<>(sqlTypes);
    }

    Schema schema() {
        return new Schema(columns);
    }

    boolean hasColumn(String column) {
        return columns.stream().anyMatch(c -> c.name().equals(column));
    }

    List<Column> keys() {
        return columns.stream().filter(c -> c.type() == ColumnType.KEY).toList();
    }

    /** The part after the schema: {@code raw.orders_3} → {@code orders_3}. */
    String table() {
        return name.substring(name.indexOf('.') + 1);
    }
}
