package dev.veneer.examples.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The external sources at the roots of a generated project, {@code raw.<entity>_<n>}, and their
 * {@code external_models.yaml}. Every source has the key of its own entity first, then foreign keys
 * of other entities (so that models built on different sources share keys to join on), then typed
 * attributes.
 */
final class SourceCatalog {
    static final String[] ENTITIES = {
        "customer", "order", "product", "store", "supplier", "employee",
        "campaign", "account", "region", "device", "warehouse", "ticket",
    };

    /** Attribute name, declared Spark type, type class. */
    private static final String[][] ATTRIBUTES = {
        {"amount", "decimal(18,2)", "NUMBER"},
        {"quantity", "int", "NUMBER"},
        {"unit_price", "decimal(18,2)", "NUMBER"},
        {"discount_rate", "double", "NUMBER"},
        {"cost", "decimal(18,2)", "NUMBER"},
        {"score", "double", "NUMBER"},
        {"duration_seconds", "bigint", "NUMBER"},
        {"weight_kg", "double", "NUMBER"},
        {"status", "string", "STRING"},
        {"channel", "string", "STRING"},
        {"category", "string", "STRING"},
        {"country_code", "string", "STRING"},
        {"currency", "string", "STRING"},
        {"display_name", "string", "STRING"},
        {"priority", "string", "STRING"},
        {"created_at", "timestamp", "TIMESTAMP"},
        {"updated_at", "timestamp", "TIMESTAMP"},
        {"event_date", "date", "DATE"},
        {"due_date", "date", "DATE"},
        {"is_active", "boolean", "BOOLEAN"},
        {"is_test", "boolean", "BOOLEAN"},
    };

    private SourceCatalog() {}

    static List<SourceTable> generate(int count, Random random) {
        List<SourceTable> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String entity = ENTITIES[i % ENTITIES.length];
            List<Column> columns = new ArrayList<>();
            Map<String, String> types = new LinkedHashMap<>();
            columns.add(new Column(entity + "_id", ColumnType.KEY));
            types.put(entity + "_id", "bigint");
            int foreignKeys = 2 + random.nextInt(2);
            while (columns.size() < 1 + foreignKeys) {
                String other = ENTITIES[random.nextInt(ENTITIES.length)] + "_id";
                if (!types.containsKey(other)) {
                    columns.add(new Column(other, ColumnType.KEY));
                    types.put(other, "bigint");
                }
            }
            int attributes = 5 + random.nextInt(6);
            while (types.size() < 1 + foreignKeys + attributes) {
                String[] attribute = ATTRIBUTES[random.nextInt(ATTRIBUTES.length)];
                if (!types.containsKey(attribute[0])) {
                    columns.add(new Column(attribute[0], ColumnType.valueOf(attribute[2])));
                    types.put(attribute[0], attribute[1]);
                }
            }
            sources.add(new SourceTable("raw." + entity + "_events_" + i, 0, columns, types));
        }
        return sources;
    }

    static String externalModelsYaml(List<SourceTable> sources) {
        StringBuilder yaml = new StringBuilder("# External sources of a generated project: Veneer reads them, never builds them.\n");
        for (SourceTable source : sources) {
            yaml.append("\n- name: ").append(source.name()).append('\n');
            yaml.append("  columns:\n");
            source.sqlTypes().forEach((column, type) -> yaml.append("    ").append(column).append(": ").append(type).append('\n'));
        }
        return yaml.toString();
    }
}
