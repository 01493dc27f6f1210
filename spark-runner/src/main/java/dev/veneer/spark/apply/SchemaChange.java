package dev.veneer.spark.apply;

import static dev.veneer.spark.sql.SqlIdentifiers.quote;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How a forward-only change moves a table's columns to its new query's: columns added, dropped,
 * retyped, and the order to keep (Delta's {@code INSERT ... REPLACE WHERE} writes by position). Pure:
 * computed from two schemas, rendered as {@code ALTER TABLE} statements, tested without Spark running.
 *
 * <p>Adding a column is additive: old rows read it as NULL. Dropping or retyping one is destructive:
 * its old values are lost (a retyped column is dropped and added again), so it needs
 * {@code --allow-destructive-model}. Names compare case-insensitively, types by their SQL text, so a
 * change of nullability alone is no change. Columns Veneer manages (SCD type 2's valid_from and
 * valid_to) are the table's own and never compared.
 */
record SchemaChange(List<StructField> added, List<String> dropped, List<Retyped> retyped, List<String> tableOrder,
        List<StructField> queryColumns) {
    /** A column whose type changes: from the table's to the query's. */
    record Retyped(String column, String from, String to) {}

    SchemaChange {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
        retyped = List.copyOf(retyped);
        tableOrder = List.copyOf(tableOrder);
        queryColumns = List.copyOf(queryColumns);
    }

    /** The query's column names, in its order. */
    List<String> queryOrder() {
        return queryColumns.stream().map(StructField::name).toList();
    }

    /**
     * @param table the table's columns now
     * @param query the columns the new query makes
     * @param managed columns of the table that the query does not make (SCD type 2's), left alone
     */
    static SchemaChange between(StructType table, StructType query, Set<String> managed) {
        requireNonNull(table, "table is null");
        requireNonNull(query, "query is null");
        Set<String> managedLower = lower(managed);
        List<StructField> tableColumns = new ArrayList<>();
        for (StructField field : table.fields()) {
            if (!managedLower.contains(field.name().toLowerCase(Locale.ROOT))) {
                tableColumns.add(field);
            }
        }
        List<StructField> added = new ArrayList<>();
        List<Retyped> retyped = new ArrayList<>();
        for (StructField column : query.fields()) {
            StructField existing = find(tableColumns, column.name());
            if (existing == null) {
                added.add(column);
            }
            else if (!typeText(existing).equals(typeText(column))) {
                retyped.add(new Retyped(existing.name(), typeText(existing), typeText(column)));
            }
        }
        List<String> dropped = tableColumns.stream()
                .filter(column -> find(List.of(query.fields()), column.name()) == null)
                .map(StructField::name)
                .toList();
        List<String> tableOrder = new ArrayList<>();
        for (StructField field : table.fields()) {
            tableOrder.add(field.name());
        }
        return new SchemaChange(added, dropped, retyped, tableOrder, List.of(query.fields()));
    }

    boolean isDestructive() {
        return !dropped.isEmpty() || !retyped.isEmpty();
    }

    /** Whether the table already has the query's columns, types and order: nothing to do. */
    boolean isEmpty() {
        return added.isEmpty() && !isDestructive() && !reorders();
    }

    /** What is lost, for a message: "drops column note; changes the type of amount from double to string". */
    String describeDestructive() {
        List<String> parts = new ArrayList<>();
        if (!dropped.isEmpty()) {
            parts.add("drops column" + (dropped.size() == 1 ? " " : "s ") + String.join(", ", dropped));
        }
        for (Retyped column : retyped) {
            parts.add("changes the type of " + column.column() + " from " + column.from() + " to " + column.to());
        }
        return String.join("; ", parts);
    }

    /** What is added, for a message: "adds column discount double". */
    String describeAdditive() {
        return added.isEmpty() ? "" : "adds column" + (added.size() == 1 ? " " : "s ")
                + added.stream().map(field -> field.name() + " " + typeText(field)).collect(Collectors.joining(", "));
    }

    /**
     * The statements that make {@code table}'s columns the query's: drops (a retyped column too),
     * adds at their place in the query's order, then moves for any column still out of order. For
     * Delta a drop needs column mapping by name, turned on first; {@code allowDestructive} must be
     * checked by the caller.
     */
    List<String> statements(String table, boolean delta) {
        List<String> queryOrder = queryOrder();
        List<String> statements = new ArrayList<>();
        List<String> columns = new ArrayList<>(tableOrder);
        List<String> drops = new ArrayList<>(dropped);
        retyped.forEach(column -> drops.add(column.column()));
        if (!drops.isEmpty() && delta) {
            statements.add("ALTER TABLE " + table + " SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
        }
        for (String column : drops) {
            statements.add("ALTER TABLE " + table + " DROP COLUMN " + quote(column));
            columns.removeIf(name -> name.equalsIgnoreCase(column));
        }
        for (int i = 0; i < queryOrder.size(); i++) {
            String column = queryOrder.get(i);
            if (indexOf(columns, column) >= 0) {
                continue;
            }
            StructField field = findName(column);
            String position = i == 0 ? " FIRST" : " AFTER " + quote(actualName(columns, queryOrder.get(i - 1)));
            statements.add("ALTER TABLE " + table + " ADD COLUMNS (" + quote(field.name()) + " " + typeText(field) + position + ")");
            columns.add(i == 0 ? 0 : indexOf(columns, queryOrder.get(i - 1)) + 1, field.name());
        }
        for (int i = 0; i < queryOrder.size(); i++) {
            int at = indexOf(columns, queryOrder.get(i));
            boolean inPlace = i == 0 ? at == firstQueryPosition(columns) : at == indexOf(columns, queryOrder.get(i - 1)) + 1;
            if (inPlace) {
                continue;
            }
            String name = columns.remove(at);
            statements.add("ALTER TABLE " + table + " ALTER COLUMN " + quote(name)
                    + (i == 0 ? " FIRST" : " AFTER " + quote(actualName(columns, queryOrder.get(i - 1)))));
            columns.add(i == 0 ? 0 : indexOf(columns, queryOrder.get(i - 1)) + 1, name);
        }
        return statements;
    }

    /** Whether the table's columns that the query also makes are in another order than the query's. */
    private boolean reorders() {
        List<String> queryOrder = queryOrder();
        List<String> shared = tableOrder.stream().filter(this::isQueryColumn).map(name -> name.toLowerCase(Locale.ROOT)).toList();
        List<String> wanted = queryOrder.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .filter(name -> shared.contains(name)).toList();
        return !shared.equals(wanted);
    }

    private int firstQueryPosition(List<String> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (isQueryColumn(columns.get(i))) {
                return i;
            }
        }
        return 0;
    }

    private boolean isQueryColumn(String column) {
        return queryColumns.stream().map(StructField::name).anyMatch(name -> name.equalsIgnoreCase(column));
    }

    private StructField findName(String column) {
        return find(queryColumns, column);
    }

    private static String actualName(List<String> columns, String column) {
        return columns.get(indexOf(columns, column));
    }

    private static int indexOf(List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    private static StructField find(List<StructField> fields, String name) {
        return fields.stream().filter(field -> field.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static String typeText(StructField field) {
        return field.dataType().catalogString().toLowerCase(Locale.ROOT);
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> lower = new TreeSet<>();
        names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        return lower;
    }
}
