package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ModelName;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.spark.diff.TableDiff;
import dev.veneer.spark.diff.TableDiff.ColumnStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/** A table diff as a person reads it (SQLMesh's table_diff layout) and as one JSON document. */
record TableDiffReport(String environmentA, String environmentB, ModelName model, String tableA, String tableB,
        List<String> keys, String where, int limit, TableDiff.Result result) {
    TableDiffReport(String environmentA, String environmentB, ModelName model, String tableA, String tableB) {
        this(environmentA, environmentB, model, tableA, tableB, List.of(), null, 0, null);
    }

    TableDiffReport sameTable() {
        return this;
    }

    TableDiffReport with(List<String> keys, String where, int limit, TableDiff.Result result) {
        return new TableDiffReport(environmentA, environmentB, model, tableA, tableB, keys, where, limit, result);
    }

    boolean isSameTable() {
        return result == null;
    }

    String text() {
        StringBuilder out = new StringBuilder("Table diff of ").append(model).append(": ").append(environmentA).append(" -> ")
                .append(environmentB).append('\n');
        int width = Math.max(environmentA.length(), environmentB.length()) + 1;
        out.append("  ").append(pad(environmentA + ":", width)).append(' ').append(tableA).append('\n');
        out.append("  ").append(pad(environmentB + ":", width)).append(' ').append(tableB).append('\n');
        if (isSameTable()) {
            out.append("\nBoth environments point at the same physical table: the data is identical, nothing was computed.\n");
            return out.toString();
        }
        out.append("  joined on: ").append(String.join(", ", keys)).append(where == null ? "" : "   where: " + where).append('\n');

        out.append("\nSchema:");
        if (result.added().isEmpty() && result.removed().isEmpty() && result.retyped().isEmpty()) {
            out.append(" same columns and types\n");
        }
        else {
            out.append('\n');
            result.added().forEach(column -> out.append("  + ").append(column.name()).append("  ").append(column.type())
                    .append("   (only in ").append(environmentB).append(")\n"));
            result.removed().forEach(column -> out.append("  - ").append(column.name()).append("  ").append(column.type())
                    .append("   (only in ").append(environmentA).append(")\n"));
            result.retyped().forEach(column -> out.append("  ~ ").append(column.name()).append("  ").append(column.typeA())
                    .append(" -> ").append(column.typeB()).append('\n'));
        }

        out.append("\nRows:\n");
        out.append(String.format("  %-" + width + "s %,d%n", environmentA + ":", result.rowsA()));
        out.append(String.format("  %-" + width + "s %,d%n", environmentB + ":", result.rowsB()));
        out.append(String.format("  matched on the keys: %,d   only in %s: %,d   only in %s: %,d%n", result.joined(),
                environmentA, result.onlyA(), environmentB, result.onlyB()));
        duplicates(out, environmentA, result.duplicatesA());
        duplicates(out, environmentB, result.duplicatesB());

        if (!result.columns().isEmpty()) {
            out.append("\nValues of matched rows:\n");
            int columnWidth = Math.max(6, result.columns().stream().mapToInt(column -> column.column().length()).max().orElse(0));
            out.append("  ").append(pad("column", columnWidth)).append("   differing    share\n");
            for (ColumnStats column : result.columns()) {
                out.append("  ").append(pad(column.column(), columnWidth))
                        .append(String.format("  %,10d  %6.2f%%%n", column.differing(), column.share() * 100));
            }
        }
        if (result.identical()) {
            out.append("\nNo differences: the data is the same on both sides.\n");
        }
        sample(out, "Rows only in " + environmentA, result.sampleOnlyA(), keysAnd("__a"));
        sample(out, "Rows only in " + environmentB, result.sampleOnlyB(), keysAnd("__b"));
        sample(out, "Matched rows with differing values (" + environmentA + " / " + environmentB + ")", result.sampleDiffering(),
                result.sampleColumns());
        return out.toString();
    }

    private List<String> keysAnd(String suffix) {
        List<String> columns = new ArrayList<>(keys);
        result.sampleColumns().stream().filter(column -> column.endsWith(suffix)).forEach(columns::add);
        return columns;
    }

    private static void duplicates(StringBuilder out, String environment, TableDiff.Duplicates duplicates) {
        if (duplicates.keys() > 0) {
            out.append(String.format("  ! %s repeats %,d keys in %,d rows: those rows are left out of the matching; "
                    + "check the grain or give other keys with --on%n", environment, duplicates.keys(), duplicates.rows()));
        }
    }

    private void sample(StringBuilder out, String title, List<Row> rows, List<String> columns) {
        if (rows.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append(" (first ").append(rows.size()).append("):\n");
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(column -> column.replaceAll("__a$", "").replaceAll("__b$", "")
                + (title.startsWith("Matched") && !keys.contains(column) ? (column.endsWith("__a") ? " (" + environmentA + ")" : " (" + environmentB + ")") : ""))
                .toArray(String[]::new));
        for (Row row : rows) {
            lines.add(columns.stream().map(column -> {
                Object value = row.getAs(column);
                return value == null ? "NULL" : value.toString();
            }).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        lines.forEach(line -> {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        });
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder("  ");
            for (int i = 0; i < line.length; i++) {
                text.append(i > 0 ? " | " : "").append(pad(line[i], widths[i]));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
    }

    ObjectNode json() {
        ObjectNode document = PlanFiles.mapper().createObjectNode();
        document.put("model", model.toString());
        document.put("source", environmentA);
        document.put("target", environmentB);
        document.put("source_table", tableA);
        document.put("target_table", tableB);
        document.put("same_table", isSameTable());
        if (isSameTable()) {
            return document;
        }
        keys.forEach(document.putArray("on")::add);
        document.put("where", where);
        ObjectNode schema = document.putObject("schema");
        result.added().forEach(column -> schema.withArray("added").addObject().put("column", column.name()).put("type", column.type()));
        result.removed().forEach(column -> schema.withArray("removed").addObject().put("column", column.name()).put("type", column.type()));
        result.retyped().forEach(column -> schema.withArray("retyped").addObject().put("column", column.name())
                .put("source_type", column.typeA()).put("target_type", column.typeB()));
        for (String field : List.of("added", "removed", "retyped")) {
            if (!schema.has(field)) {
                schema.putArray(field);
            }
        }
        document.putObject("row_counts").put("source", result.rowsA()).put("target", result.rowsB());
        document.putObject("rows").put("joined", result.joined()).put("only_in_source", result.onlyA()).put("only_in_target", result.onlyB());
        ObjectNode duplicates = document.putObject("duplicate_keys");
        duplicates.putObject("source").put("keys", result.duplicatesA().keys()).put("rows", result.duplicatesA().rows());
        duplicates.putObject("target").put("keys", result.duplicatesB().keys()).put("rows", result.duplicatesB().rows());
        ArrayNode columns = document.putArray("columns");
        result.columns().forEach(column -> columns.addObject().put("column", column.column()).put("differing", column.differing())
                .put("share", column.share()));
        document.put("identical", result.identical());
        ObjectNode samples = document.putObject("samples");
        rows(samples.putArray("only_in_source"), result.sampleOnlyA(), keysAnd("__a"));
        rows(samples.putArray("only_in_target"), result.sampleOnlyB(), keysAnd("__b"));
        rows(samples.putArray("differing"), result.sampleDiffering(), result.sampleColumns());
        rows(samples.putArray("duplicate_keys_in_source"), result.duplicatesA().sample(), keys);
        rows(samples.putArray("duplicate_keys_in_target"), result.duplicatesB().sample(), keys);
        return document;
    }

    private static void rows(ArrayNode array, List<Row> rows, List<String> columns) {
        for (Row row : rows) {
            ObjectNode entry = array.addObject();
            for (String column : columns) {
                Object value = row.getAs(column);
                if (value == null) {
                    entry.putNull(column);
                }
                else if (value instanceof Double || value instanceof Float) {
                    entry.put(column, ((Number) value).doubleValue());
                }
                else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    entry.put(column, ((Number) value).longValue());
                }
                else if (value instanceof java.math.BigDecimal decimal) {
                    entry.put(column, decimal);
                }
                else if (value instanceof Boolean bool) {
                    entry.put(column, bool);
                }
                else {
                    entry.put(column, value.toString());
                }
            }
        }
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%-" + Math.max(1, width) + "s", text);
    }
}
