package dev.veneer.spark.janitor;

import static java.util.Objects.requireNonNull;

import dev.veneer.spark.janitor.JanitorAction.Outcome;
import dev.veneer.spark.janitor.JanitorAction.Subject;
import java.time.Duration;
import java.util.List;

/** Everything one janitor run did or, with {@code --dry-run}, would do. */
public record JanitorReport(boolean dryRun, List<JanitorAction> actions, Duration elapsed) {
    public JanitorReport {
        actions = List.copyOf(actions);
        requireNonNull(elapsed, "elapsed is null");
    }

    public List<JanitorAction> failures() {
        return with(Outcome.FAILED);
    }

    public List<JanitorAction> with(Outcome outcome) {
        return actions.stream().filter(action -> action.outcome() == outcome).toList();
    }

    public List<JanitorAction> about(Subject subject) {
        return actions.stream().filter(action -> action.subject() == subject).toList();
    }

    /** {@code dropped 2 environments, 3 tables; kept 9 tables; 0 failures} */
    public String summary() {
        Outcome removed = dryRun ? Outcome.WOULD_DROP : Outcome.DROPPED;
        return (dryRun ? "would drop " : "dropped ") + count(removed, Subject.ENVIRONMENT) + " environments, "
                + count(removed, Subject.TABLE) + " tables, " + count(removed, Subject.ORPHAN) + " orphans; kept "
                + count(Outcome.KEPT, Subject.TABLE) + " tables; " + failures().size() + " failures";
    }

    private long count(Outcome outcome, Subject subject) {
        return actions.stream().filter(action -> action.outcome() == outcome && action.subject() == subject).count();
    }
}
