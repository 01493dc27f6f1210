package dev.veneer.spark.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ModelName;
import dev.veneer.planner.lineage.ColumnRef;
import dev.veneer.spark.docs.ColumnLineage.Leaf;
import dev.veneer.spark.docs.ColumnLineage.LineageColumn;
import dev.veneer.spark.docs.ColumnLineage.ModelLineage;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code data/lineage/MODEL.js}: one model's column lineage as a script the lineage page loads when
 * its walk reaches the model (a script element, so the site works from disk, where pages cannot fetch).
 * Empty lists and unknown values are left out, and a column of another table is written
 * {@code "N.column"}, N its table's index in {@code tables}: table names are long and repeat.
 */
final class LineageData {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private LineageData() {}

    static String script(ModelLineage lineage) {
        ObjectNode document = JSON.createObjectNode();
        document.put("model", lineage.model().toString());
        ArrayNode tableNames = document.putArray("tables");
        Map<ModelName, Integer> tables = new HashMap<>();
        Function<ColumnRef, String> ref = column -> tables.computeIfAbsent(column.table(), table -> {
            tableNames.add(table.toString());
            return tables.size();
        }) + "." + column.column();
        ArrayNode columns = document.putArray("columns");
        for (LineageColumn column : lineage.columns()) {
            ObjectNode entry = columns.addObject().put("name", column.name());
            column.type().ifPresent(type -> entry.put("type", type));
            if (!column.output()) {
                entry.put("output", false);
            }
            strings(entry, "sources", column.sources().stream().map(ref).toList());
            strings(entry, "readers", column.readers().stream().map(ref).toList());
            strings(entry, "rows_of", column.rowsOf().stream().sorted().map(model -> ref.apply(ColumnRef.all(model))).toList());
            if (column.note() != null) {
                entry.put("note", column.note());
            }
        }
        strings(document, "rows", lineage.rows().stream().sorted().map(ref).toList());
        if (!lineage.leaves().isEmpty()) {
            ArrayNode leaves = document.putArray("leaves");
            for (Leaf leaf : lineage.leaves()) {
                ObjectNode entry = leaves.addObject().put("column", ref.apply(leaf.column())).put("kind", leaf.kind());
                leaf.type().ifPresent(type -> entry.put("type", type));
                if (leaf.note() != null) {
                    entry.put("note", leaf.note());
                }
            }
        }
        lineage.star().ifPresent(star -> document.put("star", star));
        lineage.unsupported().ifPresent(reason -> document.put("unsupported", reason));
        try {
            return "(window.VENEER_LINEAGE = window.VENEER_LINEAGE || {})[" + JSON.writeValueAsString(lineage.model().toString()) + "] = "
                    + JSON.writeValueAsString(document) + ";\n";
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the lineage data of " + lineage.model(), e);
        }
    }

    private static void strings(ObjectNode entry, String key, Collection<?> values) {
        if (!values.isEmpty()) {
            ArrayNode array = entry.putArray(key);
            values.forEach(value -> array.add(value.toString()));
        }
    }
}
