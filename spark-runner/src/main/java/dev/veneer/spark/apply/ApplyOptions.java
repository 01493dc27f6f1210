package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import java.time.Clock;

/**
 * How an apply runs.
 *
 * @param buildThreads how many models Spark builds at once; a small pool keeps the driver and the
 *     metastore responsive while independent models overlap
 * @param viewThreads how many view statements run at once (each spends most of its time in Spark's
 *     analyzer, not in the metastore)
 * @param clock the time written in the environment record
 */
public record ApplyOptions(int buildThreads, int viewThreads, Clock clock) {
    public static final int DEFAULT_THREADS = 4;

    public ApplyOptions {
        if (buildThreads < 1 || viewThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1: " + buildThreads + ", " + viewThreads);
        }
        requireNonNull(clock, "clock is null");
    }

    public static ApplyOptions defaults() {
        return new ApplyOptions(DEFAULT_THREADS, DEFAULT_THREADS, Clock.systemUTC());
    }
}
