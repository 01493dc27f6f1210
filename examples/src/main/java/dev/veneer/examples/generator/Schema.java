package dev.veneer.examples.generator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The ordered output columns of a relation (a source, a CTE, a model), with unique names. New names
 * stay short: a clash gets a numeric suffix on the name's stem ({@code amount}, {@code amount_2}),
 * never a chain of suffixes as columns travel down the DAG.
 */
final class Schema {
    private final List<Column> columns = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    Schema() {}

    Schema(List<Column> columns) {
        columns.forEach(this::add);
    }

    List<Column> columns() {
        return List.copyOf(columns);
    }

    int size() {
        return columns.size();
    }

    boolean has(String name) {
        return names.contains(name);
    }

    Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    void add(Column column) {
        if (!names.add(column.name())) {
            throw new IllegalArgumentException("Duplicate column " + column.name());
        }
        columns.add(column);
    }

    /** Adds a column named after {@code base}, suffixed if the name is taken; returns the name used. */
    String addUnique(String base, ColumnType type) {
        String name = uniqueName(base);
        add(new Column(name, type));
        return name;
    }

    String uniqueName(String base) {
        String stem = stem(base);
        if (!names.contains(stem)) {
            return stem;
        }
        for (int i = 2; ; i++) {
            String candidate = stem + "_" + i;
            if (!names.contains(candidate)) {
                return candidate;
            }
        }
    }

    List<Column> ofType(ColumnType type) {
        return columns.stream().filter(column -> column.type() == type).toList();
    }

    List<Column> keys() {
        return ofType(ColumnType.KEY);
    }

    List<Column> nonKeys() {
        return columns.stream().filter(column -> column.type() != ColumnType.KEY).toList();
    }

    Optional<Column> any(ColumnType type, Random random) {
        List<Column> matching = ofType(type);
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(random.nextInt(matching.size())));
    }

    /** A temporal column to order by, if there is one. */
    Optional<Column> temporal(Random random) {
        List<Column> matching = columns.stream().filter(column -> column.type().isTemporal()).toList();
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(random.nextInt(matching.size())));
    }

    private static final java.util.regex.Pattern DERIVED_PREFIX =
            java.util.regex.Pattern.compile("^(total|avg|max|min|median|stddev|distinct|last|first|days_since)_");
    private static final java.util.regex.Pattern DERIVED_SUFFIX = java.util.regex.Pattern.compile(
            "_(band|adjusted|ratio|delta|length|label|month|day|hour|flag|known|rolling|previous|partition_avg)$");

    /**
     * The name a derived column is named after: {@code stddev_amount_rolling_2} → {@code amount}, so
     * that names derived from derived columns stay short.
     */
    static String root(String name) {
        String current = name;
        while (true) {
            String next = stem(current);
            next = DERIVED_PREFIX.matcher(next).replaceFirst("");
            next = DERIVED_SUFFIX.matcher(next).replaceFirst("");
            if (next.isEmpty() || next.equals(current)) {
                return current;
            }
            current = next;
        }
    }

    /** {@code amount_2} and {@code amount_2_3} both have the stem {@code amount}. */
    static String stem(String name) {
        String stem = name.replaceAll("(_[0-9]+)+$", "");
        return stem.isEmpty() ? name : stem;
    }
}
