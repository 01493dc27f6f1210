package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

/**
 * A column declared in a model header's {@code columns (name type, …)}.
 *
 * @param name as Spark compares it: unquoted names lower-cased
 * @param type Spark SQL type text, e.g. {@code bigint}, {@code decimal(10, 2)}
 */
public record ColumnDefinition(String name, String type) {
    public ColumnDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isBlank() || type.isBlank()) {
            throw new IllegalArgumentException("a column needs a name and a type");
        }
    }
}
