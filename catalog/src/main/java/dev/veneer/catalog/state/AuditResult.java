package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import java.time.Instant;
import java.util.Optional;

/**
 * What one run of one audit found in one version of a model's data.
 *
 * @param range the rows it checked: a batch of a time-ranged model; empty when it read the whole table
 * @param offendingRows rows the audit's query returned (0: passed)
 * @param sample up to 5 of them, as a JSON array of objects
 * @param environment the environment the run was for (its plan, {@code run} or {@code audit})
 */
public record AuditResult(ModelName model, String version, String audit, Optional<Interval> range, boolean blocking,
        long offendingRows, String sample, String environment, Instant ranAt) {
    public AuditResult {
        requireNonNull(model, "model is null");
        requireNonNull(version, "version is null");
        requireNonNull(audit, "audit is null");
        requireNonNull(range, "range is null");
        requireNonNull(sample, "sample is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(ranAt, "ranAt is null");
        if (offendingRows < 0) {
            throw new IllegalArgumentException("offendingRows is negative: " + offendingRows);
        }
    }

    public boolean passed() {
        return offendingRows == 0;
    }

    public VersionKey versionKey() {
        return new VersionKey(model, version);
    }
}
