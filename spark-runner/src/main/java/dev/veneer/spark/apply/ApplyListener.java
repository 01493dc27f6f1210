package dev.veneer.spark.apply;

import dev.veneer.catalog.Interval;
import java.io.PrintStream;
import java.time.Duration;

/**
 * What an apply reports while it runs. Called from the applying thread, in order, except
 * {@link #batchFinished} and {@link #waitingForLease}, which come from the threads computing data.
 * Every method does nothing by default.
 */
public interface ApplyListener {
    /** A model's build was handed to Spark. */
    default void modelStarted(String model, String physicalTable) {}

    /** A model is done: built, reused because its table was already built, or failed. */
    default void modelFinished(ModelProgress progress) {}

    /** One batch of a model's data landed; {@code index} of {@code total}. May be called from several threads. */
    default void batchFinished(String model, int index, long total, Interval batch, Duration elapsed) {}

    /** A model's audits ran on the data just written ({@code range}: the batch, or empty for the whole table). */
    default void auditsFinished(String model, java.util.Optional<Interval> range, java.util.List<AuditRunner.Outcome> outcomes) {}

    /** A model waits for another process that is writing its table. */
    default void waitingForLease(String model, String physicalTable, String holder) {}

    /** The environment record now points at this plan's snapshots. */
    default void environmentCommitted(String environment, String planId) {}

    /** The environment's views whose pointer changed are in place. */
    default void viewsPublished(String environment, int changed, Duration elapsed) {}

    /** Reports nothing. */
    static ApplyListener silent() {
        return new ApplyListener() {};
    }

    /** One line per model and step, e.g. {@code [3/7] staging.orders  built in 2.1 s}. */
    static ApplyListener console(PrintStream out) {
        return new ConsoleApplyListener(out);
    }

    /** The default for the command line: {@link #console} on stderr, so stdout stays for results. */
    static ApplyListener stderr() {
        return console(System.err);
    }

    /**
     * @param position how many models are done, this one included (1-based)
     * @param total the plan's build steps, reused ones included
     * @param elapsed time spent building it; zero when reused
     */
    record ModelProgress(int position, int total, String model, String physicalTable, Outcome outcome, Duration elapsed) {
        public enum Outcome { BUILT, REUSED, FAILED }
    }
}
