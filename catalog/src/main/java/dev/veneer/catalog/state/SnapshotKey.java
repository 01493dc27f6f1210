package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;

/** Identifies one snapshot: a model and the fingerprint of one variant of it. */
public record SnapshotKey(ModelName model, String fingerprint) implements Comparable<SnapshotKey> {
    public SnapshotKey {
        requireNonNull(model, "model is null");
        requireNonNull(fingerprint, "fingerprint is null");
    }

    @Override
    public int compareTo(SnapshotKey other) {
        int byModel = model.compareTo(other.model);
        return byModel != 0 ? byModel : fingerprint.compareTo(other.fingerprint);
    }
}
