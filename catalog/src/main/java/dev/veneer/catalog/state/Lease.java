package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A process's claim to write one physical table: others skip or wait until it is released or
 * {@code expiresAt} passes without a heartbeat (the holder crashed).
 */
public record Lease(String physicalTable, String owner, Instant acquiredAt, Instant heartbeatAt, Instant expiresAt) {
    public Lease {
        requireNonNull(physicalTable, "physicalTable is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(acquiredAt, "acquiredAt is null");
        requireNonNull(heartbeatAt, "heartbeatAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }
}
