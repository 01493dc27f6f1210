package dev.veneer.catalog.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ModelName;
import java.util.ArrayList;
import java.util.List;

/**
 * An environment's pointers as the JSON text of its {@code snapshots} column: an array of
 * {@code {"model", "fingerprint", "version", "physical_table", "kind"}} objects, and {@code "preview"} for
 * a forward-only change previewed in a dev environment. Written by hand
 * with the tree model so the stored format is spelled out here and unknown fields from a later
 * Veneer are ignored on read.
 */
final class EnvironmentCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EnvironmentCodec() {}

    static String encode(List<SnapshotPointer> pointers) {
        ArrayNode array = MAPPER.createArrayNode();
        for (SnapshotPointer pointer : pointers) {
            ObjectNode node = array.addObject()
                    .put("model", pointer.model().toString())
                    .put("fingerprint", pointer.fingerprint())
                    .put("version", pointer.version())
                    .put("physical_table", pointer.physicalTable())
                    .put("kind", pointer.kind());
            if (pointer.preview() != null) {
                node.put("preview", pointer.preview());
            }
        }
        return array.toString();
    }

    static List<SnapshotPointer> decode(String json) {
        JsonNode array;
        try {
            array = MAPPER.readTree(json);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("snapshots are not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("snapshots must be a JSON array, got: " + json);
        }
        List<SnapshotPointer> pointers = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            pointers.add(new SnapshotPointer(
                    ModelName.parse(text(node, "model")),
                    text(node, "fingerprint"),
                    text(node, "version"),
                    text(node, "physical_table"),
                    text(node, "kind"),
                    node.hasNonNull("preview") ? node.get("preview").asText() : null));
        }
        return List.copyOf(pointers);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("snapshot pointer lacks text field '" + field + "': " + node);
        }
        return value.asText();
    }
}
