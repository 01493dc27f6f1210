package dev.veneer.spark.janitor;

import static java.util.Objects.requireNonNull;


/**
 * One thing the janitor dropped, would drop, kept or failed to drop, and why.
 *
 * @param name an environment name, a view or schema {@code schema.name}, or a physical table as state names it
 */
public record JanitorAction(Subject subject, String name, Outcome outcome, String reason) {
    public enum Subject { ENVIRONMENT, VIEW, SCHEMA, TABLE, ORPHAN, MISSING_TABLE, PREVIEW }

    public enum Outcome {
        DROPPED, WOULD_DROP, KEPT, FAILED
    }

    public JanitorAction {
        requireNonNull(subject, "subject is null");
        requireNonNull(name, "name is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(reason, "reason is null");
    }
}
