package dev.veneer.catalog;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A half-open time range {@code [start, end)} of data, UTC. Never empty. */
public record Interval(Instant start, Instant end) implements Comparable<Interval> {
    public Interval {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException(format("Empty interval: %s..%s", start, end));
        }
    }

    public boolean contains(Interval other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    /** Overlapping or touching: the two can be merged into one interval. */
    public boolean touches(Interval other) {
        return !other.start.isAfter(end) && !start.isAfter(other.end);
    }

    @Override
    public int compareTo(Interval other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : end.compareTo(other.end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
