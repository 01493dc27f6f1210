package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints progress for a person: one short line per model, then the environment and its views. */
public final class ConsoleApplyListener implements ApplyListener {
    private final PrintStream out;
    private final Runnable afterCommit;

    public ConsoleApplyListener(PrintStream out) {
        this(out, () -> {});
    }

    /** Also runs {@code afterCommit} once the environment record moved, before its views change. */
    public ConsoleApplyListener(PrintStream out, Runnable afterCommit) {
        this.out = requireNonNull(out, "out is null");
        this.afterCommit = requireNonNull(afterCommit, "afterCommit is null");
    }

    @Override
    public void modelFinished(ModelProgress progress) {
        String what = switch (progress.outcome()) {
            case BUILT -> "built in " + seconds(progress.elapsed());
            case REUSED -> "reused (already built)";
            case FAILED -> "FAILED after " + seconds(progress.elapsed());
        };
        out.printf(Locale.ROOT, "[%d/%d] %s  %s%n", progress.position(), progress.total(), progress.model(), what);
    }

    @Override
    public void batchFinished(String model, int index, long total, Interval batch, Duration elapsed) {
        if (total > 1) {
            out.printf(Locale.ROOT, "      %s  batch %d/%d  [%s, %s)  %s%n", model, index, total, time(batch.start()), time(batch.end()),
                    seconds(elapsed));
        }
    }

    @Override
    public void auditsFinished(String model, java.util.Optional<Interval> range, java.util.List<AuditRunner.Outcome> outcomes) {
        String where = range.map(r -> "  " + AuditRunner.range(r)).orElse("");
        long passed = outcomes.stream().filter(AuditRunner.Outcome::passed).count();
        if (passed == outcomes.size()) {
            out.printf(Locale.ROOT, "      %s  audits passed: %s%s%n", model, outcomes.stream().map(outcome -> outcome.audit().name())
                    .collect(java.util.stream.Collectors.joining(", ")), where);
            return;
        }
        for (AuditRunner.Outcome outcome : outcomes) {
            if (outcome.passed()) {
                continue;
            }
            out.printf(Locale.ROOT, "      %s  %s audit %s failed: %d offending row%s%s%n", model,
                    outcome.audit().blocking() ? "BLOCKING" : "WARNING: non-blocking", outcome.audit().name(), outcome.offendingRows(),
                    outcome.offendingRows() == 1 ? "" : "s", where);
            outcome.sampleLines().forEach(line -> out.printf(Locale.ROOT, "          %s%n", line));
        }
    }

    @Override
    public void waitingForLease(String model, String physicalTable, String holder) {
        out.printf(Locale.ROOT, "      %s  waiting: %s is being written by %s%n", model, physicalTable, holder);
    }

    private static String time(java.time.Instant instant) {
        String text = instant.toString();
        return text.endsWith("T00:00:00Z") ? text.substring(0, 10) : text;
    }

    @Override
    public void environmentCommitted(String environment, String planId) {
        out.printf(Locale.ROOT, "environment '%s' updated to plan %s%n", environment, planId);
        afterCommit.run();
    }

    @Override
    public void viewsPublished(String environment, int changed, Duration elapsed) {
        out.printf(Locale.ROOT, "%d view%s of '%s' changed in %s%n", changed, changed == 1 ? "" : "s", environment, seconds(elapsed));
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}
