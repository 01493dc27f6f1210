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
 * @param line 1-based line in the file the query came from (in the query text when it was parsed at 1:1)
 * @param column 1-based column in that file, for messages like {@code models/a.sql:7:12}
 */
public record TableReference(List<String> nameParts, int start, int end, int line, int column) {
    public TableReference {
        nameParts = List.copyOf(requireNonNull(nameParts, "nameParts is null"));
        if (nameParts.isEmpty() || start < 0 || end < start) {
            throw new IllegalArgumentException("invalid table reference " + nameParts + " at " + start + ".." + end);
        }
    }

    public String qualifiedName() {
        return String.join(".", nameParts);
    }
}
