package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * What the janitor knows of one stored snapshot: which physical object it names and when an apply
 * last used it. A snapshot without a use in {@code ttl} has expired: no unexpired snapshot then
 * holds its physical table.
 *
 * @param lastUsedAt when the last apply started with this snapshot in its environment (its creation, at least)
 */
public record SnapshotUsage(SnapshotKey key, String version, String physicalTable, String kind, String tableFormat,
        Instant createdAt, Instant lastUsedAt) {
    public SnapshotUsage {
        requireNonNull(key, "key is null");
        requireNonNull(version, "version is null");
        requireNonNull(physicalTable, "physicalTable is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(tableFormat, "tableFormat is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(lastUsedAt, "lastUsedAt is null");
    }

    /** The instant after which this snapshot no longer protects its physical table. */
    public Instant expiresAt(Duration ttl) {
        return lastUsedAt.plus(ttl);
    }

    public boolean isExpired(Instant now, Duration ttl) {
        return !now.isBefore(expiresAt(ttl));
    }
}
