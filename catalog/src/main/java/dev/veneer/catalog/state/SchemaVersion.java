package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The layout version of a state, before and after {@link StateStores#migrate(String)}.
 *
 * @param before the version found, empty for a state that had no Veneer tables yet
 * @param after the version this binary left it at (its newest)
 * @param applied how many migrations ran now
 */
public record SchemaVersion(Optional<String> before, String after, int applied) {
    public SchemaVersion {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        if (applied < 0) {
            throw new IllegalArgumentException("applied is negative: " + applied);
        }
    }
}
