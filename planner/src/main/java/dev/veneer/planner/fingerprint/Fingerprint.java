package dev.veneer.planner.fingerprint;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

/**
 * The hashes of one model variant (hex SHA-256). Its {@link #id()} and {@link #dataVersion()} are
 * hashed once, when it is made: a plan asks for them several times per model.
 */
public final class Fingerprint {
    private final String dataHash;
    private final String attributesHash;
    private final String metadataHash;
    private final String parentDataHash;
    private final String id;
    private final String dataVersion;

    /**
     * @param dataHash what changes the model's data: canonical query and data attributes
     * @param attributesHash the data attributes without the query (kind, format, partitioning, ...):
     *     a change that keeps it equal may be non-breaking
     * @param metadataHash what does not change data: owner, description, tags, cron, grain
     * @param parentDataHash the data hashes of every parent, transitively
     */
    public Fingerprint(String dataHash, String attributesHash, String metadataHash, String parentDataHash) {
        this.dataHash = requireNonNull(dataHash, "dataHash is null");
        this.attributesHash = requireNonNull(attributesHash, "attributesHash is null");
        this.metadataHash = requireNonNull(metadataHash, "metadataHash is null");
        this.parentDataHash = requireNonNull(parentDataHash, "parentDataHash is null");
        this.id = Hashing.sha256("fingerprint", dataHash, metadataHash, parentDataHash);
        this.dataVersion = Hashing.sha256("version", dataHash, parentDataHash);
    }

    public String dataHash() {
        return dataHash;
    }

    public String attributesHash() {
        return attributesHash;
    }

    public String metadataHash() {
        return metadataHash;
    }

    public String parentDataHash() {
        return parentDataHash;
    }

    /** Identifies the snapshot: equal fingerprints are the same snapshot. */
    public String id() {
        return id;
    }

    /** The data identity including parents': names the physical table of a model that must be rebuilt. */
    public String dataVersion() {
        return dataVersion;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && dataHash.equals(that.dataHash) && attributesHash.equals(that.attributesHash)
                && metadataHash.equals(that.metadataHash) && parentDataHash.equals(that.parentDataHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataHash, attributesHash, metadataHash, parentDataHash);
    }

    @Override
    public String toString() {
        return "Fingerprint[dataHash=" + dataHash + ", attributesHash=" + attributesHash + ", metadataHash=" + metadataHash
                + ", parentDataHash=" + parentDataHash + "]";
    }
}
