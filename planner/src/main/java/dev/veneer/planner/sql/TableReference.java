package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A table name as written in a query (not a CTE name in scope), with its exact character span so
 * it can be replaced in the original text.
 *
 * @param nameParts unquoted, case-folded parts, e.g. {@code [staging, orders]}
 * @param start offset of its first character in the query text
 * @param end offset one past its last character
 * @param line 1-based line in the query text
 * @param column 1-based column in the query text
 */
public record TableReference(List<String> nameParts, int start, int end, int line, int column) {
    public TableReference {
        nameParts = List.copyOf(requireNonNull(nameParts, "nameParts is null"));
    }

    public String qualifiedName() {
        return String.join(".", nameParts);
    }
}
