package dev.veneer.planner.unittest;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the place it is written, so a test file's problems point at their line: the
 * tree Jackson's YAML parser streams, kept with each token's location.
 */
sealed interface YamlNode {
    SourceLocation location();

    /** What a user calls this kind of value, for "expected X, found Y". */
    String describe();

    /** A mapping, keys in file order. */
    record Mapping(Map<String, Entry> entries, SourceLocation location) implements YamlNode {
        public Mapping {
            entries = new LinkedHashMap<>(entries);
            requireNonNull(location, "location is null");
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping, with where the key is written. */
    record Entry(String key, SourceLocation keyLocation, YamlNode value) {}

    record Sequence(List<YamlNode> items, SourceLocation location) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
            requireNonNull(location, "location is null");
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: {@code value} is a String, Long, java.math.BigInteger, Double, java.math.BigDecimal,
     * Boolean, or null, as YAML typed it.
     */
    record Scalar(Object value, SourceLocation location) implements YamlNode {
        public Scalar {
            requireNonNull(location, "location is null");
        }

        @Override
        public String describe() {
            return value == null ? "null" : "'" + value + "'";
        }
    }
}
