package dev.veneer.planner.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import java.util.List;

/**
 * What the planner keeps about a snapshot beyond its hashes, so a later plan can categorize a
 * change against it without the old file: the query as written and the hashes it was made of.
 */
public record SnapshotPayload(
        String query,
        String path,
        String attributesHash,
        String parentDataHash,
        List<String> parents,
        List<String> partitionedBy) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public SnapshotPayload {
        parents = List.copyOf(parents);
        partitionedBy = List.copyOf(partitionedBy);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a snapshot payload", e);
        }
    }

    public static SnapshotPayload fromJson(String json) {
        try {
            return JSON.readValue(json, SnapshotPayload.class);
        }
        catch (JsonProcessingException e) {
            throw new VeneerException(ErrorCode.STATE_UNAVAILABLE, "a snapshot stored in state is corrupt (" + e.getOriginalMessage()
                    + "); restore the state database from a backup or plan into a new environment", e);
        }
    }
}
