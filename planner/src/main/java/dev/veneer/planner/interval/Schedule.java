package dev.veneer.planner.interval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Optional;

/**
 * When a model's data is due and in what pieces it is computed: its start and optional end, the cron
 * that says when an interval is complete, the unit intervals are counted in, and how a backfill is
 * batched. Serialized into plans and snapshots so {@code run} needs no project files.
 *
 * @param start first instant of data; empty for kinds that are not time-ranged (their first build
 *     covers the interval that ended last)
 * @param batchSize units per batch; empty: a whole missing range in one batch
 * @param batchConcurrency batches of this model computed at once
 * @param lookback units before the first missing one that are computed again (late data)
 */
public record Schedule(
        Optional<Instant> start,
        Optional<Instant> end,
        String cron,
        IntervalUnit intervalUnit,
        Optional<Integer> batchSize,
        int batchConcurrency,
        int lookback) {
    public Schedule {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(cron, "cron is null");
        requireNonNull(intervalUnit, "intervalUnit is null");
        requireNonNull(batchSize, "batchSize is null");
        if (batchConcurrency < 1) {
            throw new IllegalArgumentException("batchConcurrency must be at least 1: " + batchConcurrency);
        }
        if (lookback < 0) {
            throw new IllegalArgumentException("lookback must not be negative: " + lookback);
        }
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
            throw new IllegalArgumentException("start " + start.get() + " is not before end " + end.get());
        }
    }

    /** A daily schedule with no start: what a model without scheduling properties gets. */
    public static Schedule daily() {
        return new Schedule(Optional.empty(), Optional.empty(), CronSchedule.DEFAULT, IntervalUnit.DAY, Optional.empty(), 1, 0);
    }

    @JsonIgnore
    public CronSchedule cronSchedule() {
        return CronSchedule.parse(cron);
    }

    /**
     * The end of the last complete interval at {@code executionTime}: the cron's latest firing,
     * floored to the unit, and never past the model's end.
     */
    public Instant completeUntil(Instant executionTime) {
        return completeUntil(executionTime, false);
    }

    /** @param ignoreCron count every unit that ended by {@code executionTime}, whether the cron fired since or not */
    public Instant completeUntil(Instant executionTime, boolean ignoreCron) {
        Instant fired = intervalUnit.floor(ignoreCron ? executionTime : cronSchedule().lastExecutionAtOrBefore(executionTime));
        return end.map(last -> Intervals.earlier(intervalUnit.ceil(last), fired)).orElse(fired);
    }
}
