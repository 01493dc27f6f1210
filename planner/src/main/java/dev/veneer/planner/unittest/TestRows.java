package dev.veneer.planner.unittest;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows written in a test file: each a mapping column → value (a column left out is NULL), each
 * knowing its line.
 *
 * @param declaredTypes column → Spark SQL type, as a test may declare them ({@code columns:}); may be empty
 */
public record TestRows(List<Row> rows, Map<String, String> declaredTypes, SourceLocation location) {
    public TestRows {
        rows = List.copyOf(rows);
        declaredTypes = new LinkedHashMap<>(declaredTypes);
        requireNonNull(location, "location is null");
    }

    /**
     * One row.
     *
     * @param values column (lower-cased, as Spark compares unquoted names) → a String, Number, Boolean, List, Map or null
     */
    public record Row(Map<String, Object> values, Map<String, SourceLocation> locations, SourceLocation location) {
        public Row {
            values = new LinkedHashMap<>(values);
            locations = new LinkedHashMap<>(locations);
            requireNonNull(location, "location is null");
        }
    }

    /** Every column some row names, in order of first appearance. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        declaredTypes.keySet().forEach(columns::add);
        for (Row row : rows) {
            row.values().keySet().stream().filter(column -> !columns.contains(column)).forEach(columns::add);
        }
        return columns;
    }
}
