package dev.veneer.examples.generator;

import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Writes Spark SQL expressions over typed columns, adding each result to an output schema with its
 * type, so that every later reference to it type-checks. Division is guarded by {@code nullif}: Spark 4
 * runs in ANSI mode, where dividing by zero fails the query.
 */
final class Expressions {
    private final Random random;

    Expressions(Random random) {
        this.random = random;
    }

    /** A cleaning expression for a raw column, under the column's own name. */
    String cleaned(Column column) {
        String name = column.name();
        String expression = switch (column.type()) {
            case KEY -> name;
            case NUMBER -> pick("coalesce(" + name + ", 0)", "abs(" + name + ")", name);
            case STRING -> pick("lower(trim(" + name + "))", "coalesce(nullif(trim(" + name + "), ''), 'unknown')",
                    "upper(" + name + ")");
            case DATE -> pick(name, "CAST(" + name + " AS DATE)");
            case TIMESTAMP -> name;
            case BOOLEAN -> "coalesce(" + name + ", false)";
        };
        return expression.equals(name) ? name : expression + " AS " + name;
    }

    /**
     * A derived column over {@code input} (a column of the relation being selected from), added to
     * {@code output}; {@code qualifier} is prepended to column references (empty for none).
     */
    String derived(Column input, Schema inputSchema, Schema output) {
        String ref = input.name();
        String base = Schema.root(input.name());
        switch (input.type()) {
            case NUMBER: {
                Optional<Column> other = inputSchema.ofType(ColumnType.NUMBER).stream()
                        .filter(column -> !column.name().equals(ref))
                        .findFirst();
                int choice = random.nextInt(other.isPresent() ? 4 : 2);
                if (choice == 0) {
                    int high = 10 * (1 + random.nextInt(100));
                    String name = output.addUnique(base + "_band", ColumnType.STRING);
                    return "CASE\n      WHEN " + ref + " >= " + high + " THEN 'high'\n      WHEN " + ref + " >= " + (high / 10)
                            + " THEN 'medium'\n      ELSE 'low'\n    END AS " + name;
                }
                if (choice == 1) {
                    String name = output.addUnique(base + "_adjusted", ColumnType.NUMBER);
                    return "round(" + ref + " * " + (1 + random.nextInt(20) / 100.0) + ", 2) AS " + name;
                }
                String otherRef = other.get().name();
                if (choice == 2) {
                    String name = output.addUnique(base + "_ratio", ColumnType.NUMBER);
                    return ref + " / nullif(" + otherRef + ", 0) AS " + name;
                }
                String name = output.addUnique(base + "_delta", ColumnType.NUMBER);
                return "coalesce(" + ref + ", 0) - coalesce(" + otherRef + ", 0) AS " + name;
            }
            case STRING: {
                if (random.nextBoolean()) {
                    String name = output.addUnique(base + "_length", ColumnType.NUMBER);
                    return "length(" + ref + ") AS " + name;
                }
                String name = output.addUnique(base + "_label", ColumnType.STRING);
                return "concat_ws(' / ', coalesce(" + ref + ", 'n/a'), '" + base + "') AS " + name;
            }
            case DATE: {
                if (random.nextBoolean()) {
                    String name = output.addUnique(base + "_month", ColumnType.DATE);
                    return "trunc(" + ref + ", 'MM') AS " + name;
                }
                String name = output.addUnique("days_since_" + base, ColumnType.NUMBER);
                return "datediff(DATE '2024-06-30', " + ref + ") AS " + name;
            }
            case TIMESTAMP: {
                if (random.nextBoolean()) {
                    String name = output.addUnique(base + "_day", ColumnType.DATE);
                    return "to_date(" + ref + ") AS " + name;
                }
                String name = output.addUnique(base + "_hour", ColumnType.NUMBER);
                return "hour(" + ref + ") AS " + name;
            }
            case BOOLEAN: {
                String name = output.addUnique(base + "_flag", ColumnType.NUMBER);
                return "CASE WHEN " + ref + " THEN 1 ELSE 0 END AS " + name;
            }
            case KEY:
            default: {
                String name = output.addUnique(base + "_known", ColumnType.BOOLEAN);
                return ref + " IS NOT NULL AS " + name;
            }
        }
    }

    /** Aggregates of one non-group column, added to {@code output}. */
    List<String> aggregates(Column input, Schema output) {
        String ref = input.name();
        String base = Schema.root(input.name());
        return switch (input.type()) {
            case NUMBER -> switch (random.nextInt(4)) {
                case 0 -> List.of(
                        "sum(" + ref + ") AS " + output.addUnique("total_" + base, ColumnType.NUMBER),
                        "avg(" + ref + ") AS " + output.addUnique("avg_" + base, ColumnType.NUMBER));
                case 1 -> List.of(
                        "max(" + ref + ") AS " + output.addUnique("max_" + base, ColumnType.NUMBER),
                        "min(" + ref + ") AS " + output.addUnique("min_" + base, ColumnType.NUMBER));
                case 2 -> List.of("percentile_approx(" + ref + ", 0.5) AS "
                        + output.addUnique("median_" + base, ColumnType.NUMBER));
                default -> List.of("stddev_pop(" + ref + ") AS " + output.addUnique("stddev_" + base, ColumnType.NUMBER));
            };
            case STRING -> random.nextBoolean()
                    ? List.of("count(DISTINCT " + ref + ") AS " + output.addUnique("distinct_" + base, ColumnType.NUMBER))
                    : List.of("max(" + ref + ") AS " + output.addUnique("last_" + base, ColumnType.STRING));
            case DATE, TIMESTAMP -> List.of(
                    "min(" + ref + ") AS " + output.addUnique("first_" + base, input.type()),
                    "max(" + ref + ") AS " + output.addUnique("last_" + base, input.type()));
            case BOOLEAN -> List.of("count_if(" + ref + ") AS " + output.addUnique(base + "_count", ColumnType.NUMBER));
            case KEY -> List.of("count(DISTINCT " + ref + ") AS "
                    + output.addUnique(base.replaceAll("_id$", "") + "_count", ColumnType.NUMBER));
        };
    }

    /** A filter on a column of the relation, or empty when none fits. */
    Optional<String> filter(Column column) {
        String ref = column.name();
        return switch (column.type()) {
            case KEY, STRING -> Optional.of(ref + " IS NOT NULL");
            case NUMBER -> Optional.of("coalesce(" + ref + ", 0) >= 0");
            case DATE, TIMESTAMP -> Optional.of(ref + " >= DATE '2020-01-01'");
            case BOOLEAN -> Optional.of("NOT coalesce(" + ref + ", false)");
        };
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
