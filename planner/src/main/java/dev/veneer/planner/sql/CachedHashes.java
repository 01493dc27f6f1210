package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

/**
 * The hashes the fingerprinting made of one model file's own content (its attributes, data and
 * metadata hashes, hex SHA-256), kept in the {@link QueryCache} with the file's parse. They also
 * depend on things outside the file (the project's default table format, the model's audits): the
 * fingerprinting names those in {@code context} and uses kept hashes only under an equal context.
 */
public record CachedHashes(String context, String attributes, String data, String metadata) {
    public CachedHashes {
        requireNonNull(context, "context is null");
        requireHash(attributes, "attributes");
        requireHash(data, "data");
        requireHash(metadata, "metadata");
    }

    private static void requireHash(String hash, String what) {
        requireNonNull(hash, what + " is null");
        if (hash.length() != 64) {
            throw new IllegalArgumentException(what + " hash is not a hex SHA-256: " + hash);
        }
    }
}
