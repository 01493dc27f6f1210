package dev.veneer.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A model's name, {@code schema.table}, case-folded once here so equality matches Spark's
 * case-insensitive identifiers.
 */
public record ModelName(String schema, String table) implements Comparable<ModelName> {

    public ModelName {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        schema = schema.toLowerCase(Locale.ROOT);
        table = table.toLowerCase(Locale.ROOT);
        if (!isPart(schema) || !isPart(table)) {
            throw new IllegalArgumentException("Model name parts must match [a-z_][a-z0-9_]*: " + schema + "." + table);
        }
    }

    /** {@code [a-z_][a-z0-9_]*}, checked without a regex: every reference of every model makes a name. */
    private static boolean isPart(String part) {
        if (part.isEmpty()) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code schema.table}; throws {@link IllegalArgumentException} with the reason otherwise. */
    public static ModelName parse(String qualified) {
        requireNonNull(qualified, "name is null");
        String[] parts = qualified.trim().split("\\.", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected schema.table, got '" + qualified + "'");
        }
        return new ModelName(parts[0], parts[1]);
    }

    public static boolean isValid(String qualified) {
        try {
            parse(qualified);
            return true;
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The order of {@code schema.table} as text, without building the text: parts hold only
     * {@code [a-z0-9_]}, all after {@code '.'}, so comparing schemas first is the same order. Sorted
     * maps of a large project compare names millions of times.
     */
    @Override
    public int compareTo(ModelName other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : table.compareTo(other.table);
    }

    // Written out rather than the record's generated ones: a ModelName is a hash key in every map of
    // the planner, and the generated methods go through an invokedynamic call site that the
    // short-lived planner JVM (C1 only) runs far slower than these two lines.
    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof ModelName name && table.equals(name.table) && schema.equals(name.schema));
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + table.hashCode();
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
