package dev.veneer.planner.plan;

import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.fingerprint.Fingerprint;
import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.ProjectionChange;
import dev.veneer.planner.sql.SqlParser;
import java.util.Collection;

/**
 * Categorizes changes (DESIGN.md step 5). Work is linear in the change: one comparison of the old
 * and new query of each directly modified model, never a diff over the whole project.
 */
final class ChangeCategorizer {
    private final SqlParser parser;

    ChangeCategorizer(SqlParser parser) {
        this.parser = parser;
    }

    /** A model whose own data hash changed. */
    Category direct(SnapshotPayload before, Fingerprint after, ParsedQuery afterQuery) {
        if (!before.attributesHash().equals(after.attributesHash())) {
            return Category.BREAKING;
        }
        ParsedQuery beforeQuery;
        try {
            beforeQuery = parser.parseQuery(before.query(), before.path(), 1, 1);
        }
        catch (VeneerException e) {
            // The stored query no longer parses (a grammar change): assume the worst.
            return Category.BREAKING;
        }
        return ProjectionChange.appendsOnly(beforeQuery, afterQuery) ? Category.NON_BREAKING : Category.BREAKING;
    }

    /** A model whose own code is unchanged but whose parents' data changed. */
    static Category indirect(Collection<Boolean> parentsBreaking) {
        return parentsBreaking.contains(Boolean.TRUE) ? Category.INDIRECT_BREAKING : Category.INDIRECT_NON_BREAKING;
    }

    /**
     * Whether a change reaches children as breaking: its own category is breaking, or it passes on a
     * breaking change from above (a non-breaking edit of a model whose parent broke).
     */
    static boolean breaksChildren(Category category, boolean anyParentBreaking) {
        return category == Category.BREAKING || category == Category.INDIRECT_BREAKING
                || (category == Category.NON_BREAKING && anyParentBreaking);
    }
}
