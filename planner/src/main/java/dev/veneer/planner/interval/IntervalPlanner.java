package dev.veneer.planner.interval;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides which ranges of a model's data are due (DESIGN.md step 7): pure, on ranges only.
 *
 * <ul>
 *   <li>Time-ranged kinds: {@code [start, completeUntil(now))} minus what is stored, then the
 *       lookback, optionally restricted (a dev environment's {@code --start/--end}).</li>
 *   <li>Every other kind is computed as a whole: its first build covers everything from its start
 *       (or the beginning of time) to now; later it is due when the cron completed an interval after
 *       the last one stored, and then it covers everything from there to now in one go.</li>
 * </ul>
 */
public final class IntervalPlanner {
    private IntervalPlanner() {}

    /**
     * @param stored the merged intervals already computed for the model's version
     * @param restriction when present, only the part of the due ranges inside it
     * @return the ranges to compute, sorted, disjoint; empty when nothing is due
     */
    public static List<Interval> due(Schedule schedule, boolean timeRanged, List<Interval> stored, Instant executionTime,
            Optional<Interval> restriction) {
        return due(schedule, timeRanged, stored, executionTime, restriction, false);
    }

    /** @param ignoreCron every complete unit is due, whether the cron fired since it ended or not */
    public static List<Interval> due(Schedule schedule, boolean timeRanged, List<Interval> stored, Instant executionTime,
            Optional<Interval> restriction, boolean ignoreCron) {
        requireNonNull(schedule, "schedule is null");
        requireNonNull(stored, "stored is null");
        requireNonNull(executionTime, "executionTime is null");
        requireNonNull(restriction, "restriction is null");
        IntervalUnit unit = schedule.intervalUnit();
        Instant until = schedule.completeUntil(executionTime, ignoreCron);
        if (!timeRanged) {
            return whole(schedule, stored, until);
        }
        Instant start = unit.floor(schedule.start().orElseThrow(() ->
                new IllegalArgumentException("a time-ranged model needs a start")));
        if (!start.isBefore(until)) {
            return List.of();
        }
        Interval expected = new Interval(start, until);
        List<Interval> missing = Intervals.subtract(expected, stored);
        List<Interval> due = Intervals.withLookback(missing, unit, schedule.lookback(), start);
        return restriction.map(bounds -> Intervals.clip(due, aligned(bounds, unit))).orElse(due);
    }

    private static List<Interval> whole(Schedule schedule, List<Interval> stored, Instant until) {
        IntervalUnit unit = schedule.intervalUnit();
        List<Interval> merged = Intervals.merge(stored);
        Instant from = merged.isEmpty()
                ? schedule.start().map(unit::floor).orElse(Instant.EPOCH)
                : merged.get(merged.size() - 1).end();
        if (!from.isBefore(until)) {
            return List.of();
        }
        return List.of(new Interval(from, until));
    }

    /** A restriction widened to whole units, so a batch is never a fraction of a unit. */
    private static Interval aligned(Interval bounds, IntervalUnit unit) {
        Instant start = unit.floor(bounds.start());
        Instant end = unit.ceil(bounds.end());
        return new Interval(start, end.isAfter(start) ? end : unit.plus(start, 1));
    }
}
