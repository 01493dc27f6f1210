package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import java.time.Instant;

/**
 * A preview of a forward-only change in a dev environment, as state remembers it so the janitor can
 * remove it: the relation the environment's view reads, and the physical table it reads in turn.
 *
 * @param tableFormat {@code delta} (a shallow clone) or {@code iceberg} (a view of a branch of the
 *     source table, or of a table of the preview range only)
 * @param branch for Iceberg, the branch of the source table the preview may write; {@code null} for Delta
 * @param rowsTable for Iceberg, the table of the preview range the preview may write instead; {@code null} for Delta
 * @param intervalVersion the version key the preview's own intervals are recorded under
 */
public record PreviewRecord(String preview, String environment, ModelName model, String sourceTable, String tableFormat,
        String branch, String rowsTable, String intervalVersion, Instant createdAt) {
    public PreviewRecord {
        requireNonNull(preview, "preview is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(model, "model is null");
        requireNonNull(sourceTable, "sourceTable is null");
        requireNonNull(tableFormat, "tableFormat is null");
        requireNonNull(intervalVersion, "intervalVersion is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public VersionKey intervalKey() {
        return new VersionKey(model, intervalVersion);
    }
}
