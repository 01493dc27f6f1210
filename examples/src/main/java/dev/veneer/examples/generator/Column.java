package dev.veneer.examples.generator;

import static java.util.Objects.requireNonNull;

/** One output column of a generated relation: a lower-case identifier and its type class. */
record Column(String name, ColumnType type) {
    Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a generated column name: " + name);
        }
    }
}
