package dev.veneer.planner.audit;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import dev.veneer.planner.sql.ParsedQuery;

/**
 * One audit of one model, resolved: its query returns the offending rows, reads {@code @this_model}
 * (bound when it runs: the model's table, or the rows of the batch just written) and may read
 * the time variables and other models.
 *
 * @param location where the model's header names it
 */
public record ModelAudit(String name, boolean blocking, ParsedQuery query, SourceLocation location) {
    public ModelAudit {
        requireNonNull(name, "name is null");
        requireNonNull(query, "query is null");
        requireNonNull(location, "location is null");
    }

    /** What the model's metadata hash reads of it: its name, whether it blocks, and its canonical query. */
    public String hashText() {
        return name + "\u0000" + blocking + "\u0000" + query.canonicalText();
    }
}
