package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import java.util.Locale;

/**
 * One {@code key value} pair of a {@code MODEL (...)} header.
 *
 * @param key lower-cased, as properties are case-insensitive
 * @param location where the key is written
 */
record HeaderProperty(String key, HeaderValue value, SourceLocation location) {
    HeaderProperty {
        key = requireNonNull(key, "key is null").toLowerCase(Locale.ROOT);
        requireNonNull(value, "value is null");
        requireNonNull(location, "location is null");
    }
}
