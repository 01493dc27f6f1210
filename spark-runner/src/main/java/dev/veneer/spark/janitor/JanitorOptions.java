package dev.veneer.spark.janitor;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * How the janitor runs.
 *
 * @param ignoreTtl collect every physical table no live environment uses, whatever its snapshots' TTL
 * @param dryRun report only: drop nothing, change no state
 * @param sweepOrphans also drop tables in Veneer's physical schemas that state does not know
 * @param snapshotTtl how long a snapshot keeps its table after an apply last used it
 * @param grace how long after an apply last used a snapshot its table is safe from any collection,
 *     {@code --ignore-ttl} included, and how old an unknown table must be to be swept: it must exceed
 *     the longest apply, since an apply touches its snapshots when it starts
 * @param now the instant against which expiry is judged
 */
public record JanitorOptions(boolean ignoreTtl, boolean dryRun, boolean sweepOrphans, Duration snapshotTtl, Duration grace, Instant now) {
    public static final Duration DEFAULT_GRACE = Duration.ofHours(6);

    public JanitorOptions {
        requireNonNull(snapshotTtl, "snapshotTtl is null");
        requireNonNull(grace, "grace is null");
        requireNonNull(now, "now is null");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace is negative: " + grace);
        }
    }

    /** Snapshots used at or after this instant are being built or were just used: never collected. */
    Instant graceCutoff() {
        return now.minus(grace);
    }
}
