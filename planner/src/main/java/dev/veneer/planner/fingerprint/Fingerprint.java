package dev.veneer.planner.fingerprint;

import static java.util.Objects.requireNonNull;

/**
 * The hashes of one model variant (hex SHA-256).
 *
 * @param dataHash what changes the model's data: canonical query and data attributes
 * @param attributesHash the data attributes without the query (kind, format, partitioning, ...):
 *     a change that keeps it equal may be non-breaking
 * @param metadataHash what does not change data: owner, description, tags, cron, grain
 * @param parentDataHash the data hashes of every parent, transitively
 */
public record Fingerprint(String dataHash, String attributesHash, String metadataHash, String parentDataHash) {
    public Fingerprint {
        requireNonNull(dataHash, "dataHash is null");
        requireNonNull(attributesHash, "attributesHash is null");
        requireNonNull(metadataHash, "metadataHash is null");
        requireNonNull(parentDataHash, "parentDataHash is null");
    }

    /** Identifies the snapshot: equal fingerprints are the same snapshot. */
    public String id() {
        return Hashing.sha256("fingerprint", dataHash, metadataHash, parentDataHash);
    }

    /** The data identity including parents': names the physical table of a model that must be rebuilt. */
    public String dataVersion() {
        return Hashing.sha256("version", dataHash, parentDataHash);
    }
}
