package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import java.util.List;

/**
 * The {@code MODEL (...)} header of a model file as written: properties in file order, not yet
 * validated (duplicates and unknown keys included), so that validation can report each at its place.
 *
 * @param location where the {@code MODEL} keyword is
 */
record ModelHeader(List<HeaderProperty> properties, SourceLocation location) {
    ModelHeader {
        properties = List.copyOf(properties);
        requireNonNull(location, "location is null");
    }
}
