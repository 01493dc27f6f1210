package dev.veneer.planner.interval;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Splits ranges into the batches one statement computes: {@code batchSize} units each, aligned to
 * the first unit of each range; without a batch size a whole range is one batch. Batches are made
 * one at a time as they are consumed, so a long backfill is never held in memory at once.
 */
public final class Batches implements Iterable<Interval> {
    private final List<Interval> ranges;
    private final IntervalUnit unit;
    private final Optional<Integer> batchSize;

    public Batches(List<Interval> ranges, IntervalUnit unit, Optional<Integer> batchSize) {
        this.ranges = List.copyOf(ranges);
        this.unit = requireNonNull(unit, "unit is null");
        this.batchSize = requireNonNull(batchSize, "batchSize is null");
        batchSize.ifPresent(size -> {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be at least 1: " + size);
            }
        });
    }

    /** How many batches there are, computed from the ranges alone. */
    public long count() {
        if (batchSize.isEmpty()) {
            return ranges.size();
        }
        long count = 0;
        for (Interval range : ranges) {
            long units = Math.max(1, unit.count(range.start(), range.end()));
            count += (units + batchSize.get() - 1) / batchSize.get();
        }
        return count;
    }

    public List<Interval> toList() {
        List<Interval> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }

    @Override
    public Iterator<Interval> iterator() {
        return new Iterator<>() {
            private int range;
            private Instant cursor = ranges.isEmpty() ? null : ranges.get(0).start();

            @Override
            public boolean hasNext() {
                return range < ranges.size();
            }

            @Override
            public Interval next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Interval current = ranges.get(range);
                Instant end = batchSize.isEmpty() ? current.end() : Intervals.earlier(unit.plus(cursor, batchSize.get()), current.end());
                if (!end.isAfter(cursor)) {
                    end = current.end();
                }
                Interval batch = new Interval(cursor, end);
                if (end.equals(current.end())) {
                    range++;
                    cursor = range < ranges.size() ? ranges.get(range).start() : null;
                }
                else {
                    cursor = end;
                }
                return batch;
            }
        };
    }
}
