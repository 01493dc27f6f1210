package dev.veneer.planner.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and validates {@code veneer.yaml}. */
public final class ProjectConfigReader {
    static final List<String> KEYS = List.of(
            "name", "default_table_format", "iceberg_catalog", "physical_schema_prefix", "spark", "state",
            "state_schema", LifecycleConfig.ENVIRONMENT_TTL, LifecycleConfig.SNAPSHOT_TTL);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ProjectConfigReader() {}

    public static ProjectConfig read(Path projectDir) {
        Path file = projectDir.resolve(ProjectConfig.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new VeneerException(ErrorCode.PROJECT_INVALID,
                    "no " + ProjectConfig.FILE_NAME + " in " + projectDir.toAbsolutePath().normalize()
                            + ": run veneer inside a project folder or pass --project DIR");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new VeneerException(ErrorCode.PROJECT_INVALID, location(file), 
                    "cannot read " + ProjectConfig.FILE_NAME + ": " + firstLine(e.getMessage()) + "; fix the YAML", e);
        }
        if (root == null || !root.isObject()) {
            throw error(file, "must be a YAML mapping with at least 'name: <project name>'");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw error(file, "unknown key '" + key + "'; valid keys: " + String.join(", ", KEYS));
            }
        }
        String name = text(root, "name", null);
        if (name == null || name.isBlank()) {
            throw error(file, "'name' is required, e.g. 'name: analytics'");
        }
        String formatText = text(root, "default_table_format", "iceberg");
        TableFormat format = TableFormat.parse(formatText).orElseThrow(() -> error(file,
                "default_table_format '" + formatText + "' is not supported; use iceberg or delta"));
        String catalog = text(root, "iceberg_catalog", "lake");
        String prefix = text(root, "physical_schema_prefix", "veneer");
        if (!IDENTIFIER.matcher(catalog).matches()) {
            throw error(file, "iceberg_catalog '" + catalog + "' must be a lower-case identifier");
        }
        if (!IDENTIFIER.matcher(prefix).matches()) {
            throw error(file, "physical_schema_prefix '" + prefix + "' must be a lower-case identifier");
        }
        Map<String, String> spark = new LinkedHashMap<>();
        JsonNode sparkNode = root.get("spark");
        if (sparkNode != null && !sparkNode.isNull()) {
            if (!sparkNode.isObject()) {
                throw error(file, "'spark' must be a mapping of Spark settings, e.g. 'spark.sql.shuffle.partitions: 4'");
            }
            sparkNode.fields().forEachRemaining(entry -> spark.put(entry.getKey(), entry.getValue().asText()));
        }
        String state = System.getenv("VENEER_STATE_URL");
        if (state == null || state.isBlank()) {
            state = text(root, "state", ProjectConfig.defaultStateUrl(projectDir));
        }
        state = absoluteSqliteFile(state);
        if (!state.startsWith("jdbc:")) {
            throw error(file, "state '" + state + "' must be a JDBC URL, e.g. jdbc:sqlite:/path/state.db or jdbc:postgresql://host/db");
        }
        state = StateSchemaOption.apply(state, text(root, "state_schema", System.getenv("VENEER_STATE_SCHEMA")),
                problem -> error(file, problem));
        return new ProjectConfig(name, format, catalog, prefix, spark, state);
    }

    /**
     * A relative SQLite file is resolved here, once, against the folder the command runs in (what
     * SQLite itself would do with it), so every later step and process opens the same file.
     */
    private static String absoluteSqliteFile(String state) {
        String prefix = "jdbc:sqlite:";
        if (!state.startsWith(prefix)) {
            return state;
        }
        String file = state.substring(prefix.length());
        if (file.isEmpty() || file.startsWith("/") || file.startsWith(":") || file.startsWith("file:")) {
            return state;
        }
        return prefix + WorkingDirectory.current().resolve(file);
    }

    private static String text(JsonNode root, String key, String fallback) {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? fallback : node.asText();
    }

    private static VeneerException error(Path file, String message) {
        return new VeneerException(ErrorCode.PROJECT_INVALID, location(file), message, null);
    }

    private static SourceLocation location(Path file) {
        return new SourceLocation(ProjectConfig.FILE_NAME, 1, 1);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
