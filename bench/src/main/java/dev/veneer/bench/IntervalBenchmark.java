package dev.veneer.bench;

import dev.veneer.catalog.Interval;
import dev.veneer.planner.interval.Batches;
import dev.veneer.planner.interval.IntervalPlanner;
import dev.veneer.planner.interval.IntervalUnit;
import dev.veneer.planner.interval.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Missing-interval computation for a five-minute-cron model started three years before the execution
 * time (315,360 units), with a given number of gaps in what is stored, then counting its batches of
 * one hour. Issue 4's goal: at most 50 ms, memory in proportion to the ranges, not the units
 * (run with {@code -prof gc} to see bytes allocated per operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IntervalBenchmark {
    private static final Instant START = Instant.parse("2021-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2024-01-01T00:02:00Z");

    /** Gaps in the stored intervals: 0 = a new model, nothing stored. */
    @Param({"0", "1", "1000"})
    public int gaps;

    private Schedule schedule;
    private List<Interval> stored;

    @Setup
    public void setUp() {
        schedule = new Schedule(Optional.of(START), Optional.empty(), "*/5 * * * *", IntervalUnit.FIVE_MINUTE, Optional.of(12), 1, 0);
        stored = new ArrayList<>();
        if (gaps > 0) {
            Instant end = NOW.minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            Duration step = Duration.between(START, end).dividedBy(gaps);
            Instant cursor = START;
            for (int i = 0; i < gaps; i++) {
                Instant next = cursor.plus(step).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
                stored.add(new Interval(cursor, next.minus(Duration.ofMinutes(5))));
                cursor = next;
            }
        }
    }

    @Benchmark
    public long dueIntervalsAndBatchCount() {
        List<Interval> due = IntervalPlanner.due(schedule, true, stored, NOW, Optional.empty());
        return new Batches(due, IntervalUnit.FIVE_MINUTE, Optional.of(12)).count();
    }
}
