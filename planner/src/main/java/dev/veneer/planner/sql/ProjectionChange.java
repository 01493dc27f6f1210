package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Decides whether a query change only appends projections to its outermost select list: the one
 * change that leaves every existing column and every row as they were (DESIGN.md step 5,
 * {@code NON_BREAKING}).
 */
public final class ProjectionChange {
    private ProjectionChange() {}

    /**
     * True only when {@code after} equals {@code before} token for token (canonical tokens), except
     * for one or more projections appended at the end of the outermost select list. False when
     * nothing changed, when the outermost query is not a plain SELECT (a set operation, VALUES...),
     * when {@code before} is {@code SELECT DISTINCT} (a new column changes which rows are distinct),
     * when an appended projection is a generator (it multiplies rows), or when it is an aggregate
     * while {@code before} did not aggregate (it collapses rows).
     */
    public static boolean appendsOnly(ParsedQuery before, ParsedQuery after) {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        OutermostSelect old = before.outermostSelect();
        OutermostSelect now = after.outermostSelect();
        if (old == null || now == null || old.distinct()) {
            return false;
        }
        List<OutermostSelect.Projection> oldProjections = old.projections();
        List<OutermostSelect.Projection> newProjections = now.projections();
        int kept = oldProjections.size();
        if (newProjections.size() <= kept) {
            return false;
        }
        int oldEnd = oldProjections.get(kept - 1).end();
        // The kept projections must end where they ended before, so the prefix comparison below
        // compares them token for token (an edited column would move the boundary).
        if (newProjections.get(kept - 1).end() != oldEnd) {
            return false;
        }
        List<String> oldTokens = before.canonicalTokens();
        List<String> newTokens = after.canonicalTokens();
        int newEnd = newProjections.get(newProjections.size() - 1).end();
        if (!oldTokens.subList(0, oldEnd).equals(newTokens.subList(0, oldEnd))
                || !oldTokens.subList(oldEnd, oldTokens.size()).equals(newTokens.subList(newEnd, newTokens.size()))) {
            return false;
        }
        for (OutermostSelect.Projection added : newProjections.subList(kept, newProjections.size())) {
            if (added.generator() || (added.aggregate() && !old.aggregating())) {
                return false;
            }
        }
        return true;
    }
}
