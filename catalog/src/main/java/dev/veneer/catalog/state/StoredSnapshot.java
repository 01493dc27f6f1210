package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An immutable record of one model variant as kept in state.
 *
 * @param version names the physical table; snapshots that need no rebuild share their predecessor's
 * @param payload the planner's own JSON description of the model (query, attributes, parents); the
 *     catalog stores it and never reads it
 */
public record StoredSnapshot(
        SnapshotKey key,
        String version,
        String physicalTable,
        String kind,
        String tableFormat,
        String dataHash,
        String metadataHash,
        String payload,
        Instant createdAt) {
    public StoredSnapshot {
        requireNonNull(key, "key is null");
        requireNonNull(version, "version is null");
        requireNonNull(physicalTable, "physicalTable is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(tableFormat, "tableFormat is null");
        requireNonNull(dataHash, "dataHash is null");
        requireNonNull(metadataHash, "metadataHash is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
