package dev.veneer.examples.generator;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One generated model: its header values, its parents (by name), its SQL and its output columns. */
record GeneratedModel(
        String name,
        int layer,
        String kind,
        String tableFormat,
        String owner,
        List<String> tags,
        String grain,
        List<String> parents,
        String query,
        List<Column> columns) {
    GeneratedModel {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        tags = List.copyOf(tags);
        parents = List.copyOf(parents);
        columns = List.copyOf(columns);
    }

    SourceTable asSource() {
        return new SourceTable(name, layer, columns, java.util.Map.of());
    }

    /** The model file: the {@code MODEL (...)} header, then the query. */
    String fileContent() {
        StringBuilder text = new StringBuilder();
        text.append("MODEL (\n");
        text.append("  name ").append(name).append(",\n");
        text.append("  kind ").append(kind).append(",\n");
        if (tableFormat != null) {
            text.append("  table_format ").append(tableFormat).append(",\n");
        }
        text.append("  owner '").append(owner).append("',\n");
        text.append("  tags [").append(String.join(", ", tags)).append("],\n");
        text.append("  cron '@daily',\n");
        text.append("  grain ").append(grain).append("\n");
        text.append(");\n\n");
        text.append(query);
        if (!query.endsWith("\n")) {
            text.append('\n');
        }
        return text.toString();
    }

    String relativePath() {
        int dot = name.indexOf('.');
        return "models/" + name.substring(0, dot) + "/" + name.substring(dot + 1) + ".sql";
    }
}
