package dev.veneer.spark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.planner.plan.PlanFiles;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Prints query results as an aligned table, CSV or one JSON document. */
final class ResultPrinter {
    private ResultPrinter() {}

    static String print(StructType schema, List<Row> rows, ResultFormat format) {
        return switch (format) {
            case table -> table(schema, rows);
            case csv -> csv(schema, rows);
            case json -> json(schema, rows);
        };
    }

    private static String table(StructType schema, List<Row> rows) {
        StructField[] fields = schema.fields();
        int[] widths = new int[fields.length];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            widths[i] = fields[i].name().length();
        }
        for (Row row : rows) {
            String[] line = new String[fields.length];
            for (int i = 0; i < fields.length; i++) {
                line[i] = row.isNullAt(i) ? "NULL" : String.valueOf(row.get(i));
                widths[i] = Math.max(widths[i], line[i].length());
            }
            cells.add(line);
        }
        StringBuilder out = new StringBuilder();
        String[] header = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            header[i] = fields[i].name();
        }
        appendLine(out, header, widths);
        String[] rule = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        appendLine(out, rule, widths);
        cells.forEach(line -> appendLine(out, line, widths));
        out.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String[] values, int[] widths) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(" | ");
            }
            out.append(values[i]).append(" ".repeat(widths[i] - values[i].length()));
        }
        out.append('\n');
    }

    private static String csv(StructType schema, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            out.append(i > 0 ? "," : "").append(csvCell(fields[i].name()));
        }
        out.append('\n');
        for (Row row : rows) {
            for (int i = 0; i < fields.length; i++) {
                out.append(i > 0 ? "," : "").append(row.isNullAt(i) ? "" : csvCell(String.valueOf(row.get(i))));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String csvCell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String json(StructType schema, List<Row> rows) {
        ObjectNode document = PlanFiles.mapper().createObjectNode();
        ArrayNode columns = document.putArray("columns");
        for (StructField field : schema.fields()) {
            columns.addObject().put("name", field.name()).put("type", field.dataType().simpleString());
        }
        ArrayNode data = document.putArray("rows");
        for (Row row : rows) {
            ObjectNode object = data.addObject();
            for (int i = 0; i < schema.fields().length; i++) {
                String name = schema.fields()[i].name();
                Object value = row.isNullAt(i) ? null : row.get(i);
                if (value == null) {
                    object.putNull(name);
                }
                else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    object.put(name, ((Number) value).longValue());
                }
                else if (value instanceof Double || value instanceof Float) {
                    object.put(name, ((Number) value).doubleValue());
                }
                else if (value instanceof BigDecimal decimal) {
                    object.put(name, decimal);
                }
                else if (value instanceof Boolean bool) {
                    object.put(name, bool);
                }
                else {
                    object.put(name, String.valueOf(value));
                }
            }
        }
        document.put("row_count", rows.size());
        return document.toPrettyString() + "\n";
    }
}
