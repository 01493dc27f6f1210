package dev.veneer.planner.interval;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Arithmetic on sorted lists of disjoint intervals. Every operation is linear in the number of
 * ranges it is given, never in the number of units they span: three years of five-minute data is
 * one range, not 315,000 objects.
 */
public final class Intervals {
    private Intervals() {}

    /** Sorted, with overlapping and touching ranges joined. */
    public static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(null);
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).touches(next)) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(new Interval(last.start(), later(last.end(), next.end())));
            }
            else {
                merged.add(next);
            }
        }
        return List.copyOf(merged);
    }

    /** The parts of {@code range} that none of {@code covered} holds. */
    public static List<Interval> subtract(Interval range, List<Interval> covered) {
        requireNonNull(range, "range is null");
        List<Interval> missing = new ArrayList<>();
        Instant cursor = range.start();
        for (Interval done : merge(covered)) {
            if (!done.end().isAfter(cursor)) {
                continue;
            }
            if (!done.start().isBefore(range.end())) {
                break;
            }
            if (done.start().isAfter(cursor)) {
                missing.add(new Interval(cursor, done.start()));
            }
            cursor = later(cursor, done.end());
            if (!cursor.isBefore(range.end())) {
                break;
            }
        }
        if (cursor.isBefore(range.end())) {
            missing.add(new Interval(cursor, range.end()));
        }
        return List.copyOf(missing);
    }

    /** Every range clipped to {@code bounds}; ranges outside it are dropped. */
    public static List<Interval> clip(List<Interval> intervals, Interval bounds) {
        List<Interval> clipped = new ArrayList<>();
        for (Interval interval : intervals) {
            Instant start = later(interval.start(), bounds.start());
            Instant end = earlier(interval.end(), bounds.end());
            if (start.isBefore(end)) {
                clipped.add(new Interval(start, end));
            }
        }
        return List.copyOf(clipped);
    }

    /**
     * Each range started {@code lookback} units earlier (late-arriving data is recomputed), but never
     * before {@code notBefore}; ranges that then touch are joined.
     */
    public static List<Interval> withLookback(List<Interval> missing, IntervalUnit unit, int lookback, Instant notBefore) {
        if (lookback < 0) {
            throw new IllegalArgumentException("lookback must not be negative: " + lookback);
        }
        if (lookback == 0 || missing.isEmpty()) {
            return List.copyOf(missing);
        }
        List<Interval> extended = new ArrayList<>();
        for (Interval interval : missing) {
            extended.add(new Interval(later(unit.plus(interval.start(), -lookback), notBefore), interval.end()));
        }
        return merge(extended);
    }

    /** The total number of units in {@code intervals}, each aligned to {@code unit}. */
    public static long units(List<Interval> intervals, IntervalUnit unit) {
        long units = 0;
        for (Interval interval : intervals) {
            units += unit.count(interval.start(), interval.end());
        }
        return units;
    }

    static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
