package dev.veneer.planner.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code external_models.yaml}: a list of {@code {name: schema.table, columns: {col: type}}}.
 */
final class ExternalModelsReader {
    static final String FILE_NAME = "external_models.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ExternalModelsReader() {}

    /** The file's models; from {@link ExternalModelsCache} in {@code cacheFolder} when it holds this very file. */
    static List<ExternalModel> read(Path projectDir, java.util.Optional<Path> cacheFolder) {
        Path file = projectDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        byte[] yaml;
        try {
            yaml = Files.readAllBytes(file);
        }
        catch (IOException e) {
            throw error("cannot be read: " + e.getMessage());
        }
        java.util.Optional<List<ExternalModel>> cached = cacheFolder.flatMap(folder -> ExternalModelsCache.read(folder, yaml));
        if (cached.isPresent()) {
            return cached.get();
        }
        List<ExternalModel> models = parse(yaml);
        cacheFolder.ifPresent(folder -> ExternalModelsCache.write(folder, yaml, models));
        return models;
    }

    private static List<ExternalModel> parse(byte[] yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        }
        catch (IOException e) {
            throw error("cannot parse: " + e.getMessage().lines().findFirst().orElse("") + "; fix the YAML");
        }
        if (root == null || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw error("must be a YAML list of entries like '- name: raw.orders'");
        }
        List<ExternalModel> models = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root) {
            index++;
            JsonNode name = entry.get("name");
            if (name == null || !name.isTextual()) {
                throw error("entry " + index + " has no 'name'; each entry needs 'name: schema.table'");
            }
            ModelName modelName;
            try {
                modelName = ModelName.parse(name.asText());
            }
            catch (IllegalArgumentException e) {
                throw error("entry " + index + ": " + e.getMessage());
            }
            Map<String, String> columns = new LinkedHashMap<>();
            JsonNode columnsNode = entry.get("columns");
            if (columnsNode != null && !columnsNode.isNull()) {
                if (!columnsNode.isObject()) {
                    throw error("entry " + index + " (" + modelName + "): 'columns' must map column names to types");
                }
                columnsNode.fields().forEachRemaining(column -> columns.put(column.getKey(), column.getValue().asText()));
            }
            models.add(new ExternalModel(modelName, columns));
        }
        return models;
    }

    private static VeneerException error(String message) {
        return new VeneerException(ErrorCode.PROJECT_INVALID, new SourceLocation(FILE_NAME, 1, 1), message, null);
    }
}
