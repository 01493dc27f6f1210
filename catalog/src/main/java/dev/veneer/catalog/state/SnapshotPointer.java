package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;

/**
 * What an environment says about one model: which snapshot, hence which physical table, it uses.
 *
 * @param preview for a forward-only change previewed in a dev environment, the relation the
 *     environment's view reads instead of {@code physicalTable} (a Delta shallow clone, or a view of
 *     an Iceberg branch or preview table); {@code null} otherwise. {@code physicalTable} stays the
 *     table the change applies to in place when it is promoted.
 */
public record SnapshotPointer(ModelName model, String fingerprint, String version, String physicalTable, String kind,
        String preview) {
    public SnapshotPointer {
        requireNonNull(model, "model is null");
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(version, "version is null");
        requireNonNull(physicalTable, "physicalTable is null");
        requireNonNull(kind, "kind is null");
        if (preview != null && preview.isBlank()) {
            preview = null;
        }
    }

    public SnapshotPointer(ModelName model, String fingerprint, String version, String physicalTable, String kind) {
        this(model, fingerprint, version, physicalTable, kind, null);
    }

    public SnapshotKey key() {
        return new SnapshotKey(model, fingerprint);
    }

    /** What the environment's view selects from: the preview if there is one, else the physical table. */
    public String viewTarget() {
        return preview != null ? preview : physicalTable;
    }

    public boolean isPreview() {
        return preview != null;
    }
}
