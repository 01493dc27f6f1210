package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints progress for a person: one short line per model, then the environment and its views. */
public final class ConsoleApplyListener implements ApplyListener {
    private final PrintStream out;

    public ConsoleApplyListener(PrintStream out) {
        this.out = requireNonNull(out, "out is null");
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
    public void environmentCommitted(String environment, String planId) {
        out.printf(Locale.ROOT, "environment '%s' updated to plan %s%n", environment, planId);
    }

    @Override
    public void viewsPublished(String environment, int changed, Duration elapsed) {
        out.printf(Locale.ROOT, "%d view%s of '%s' changed in %s%n", changed, changed == 1 ? "" : "s", environment, seconds(elapsed));
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}
