package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;

/** What an environment says about one model: which snapshot, hence which physical table, it uses. */
public record SnapshotPointer(ModelName model, String fingerprint, String version, String physicalTable, String kind) {
    public SnapshotPointer {
        requireNonNull(model, "model is null");
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(version, "version is null");
        requireNonNull(physicalTable, "physicalTable is null");
        requireNonNull(kind, "kind is null");
    }

    public SnapshotKey key() {
        return new SnapshotKey(model, fingerprint);
    }
}
