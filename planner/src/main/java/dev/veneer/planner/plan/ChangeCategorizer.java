package dev.veneer.planner.plan;

import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.fingerprint.Fingerprint;
import dev.veneer.planner.lineage.ColumnChanges;
import dev.veneer.planner.lineage.ColumnImpact;
import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.ProjectionChange;
import dev.veneer.planner.sql.SqlParser;
import dev.veneer.catalog.ModelName;
import dev.veneer.planner.lineage.ColumnImpact.Propagation;
import dev.veneer.planner.lineage.ColumnRef;
import dev.veneer.planner.lineage.QueryLineage;
import dev.veneer.planner.project.KindOptions;
import dev.veneer.planner.project.ModelDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Categorizes changes (DESIGN.md step 5). Work is linear in the change: one comparison of the old
 * and new query of each directly modified model, never a diff over the whole project.
 */
final class ChangeCategorizer {
    private final SqlParser parser;

    ChangeCategorizer(SqlParser parser) {
        this.parser = parser;
    }

    /** How a directly modified model changed: its category and what it changes for its readers. */
    record Direct(Category category, ColumnImpact impact) {}

    /**
     * A model whose own data hash changed. A breaking change confined to the values of some output
     * columns (the rows unchanged) reaches only the children that read them ({@link ColumnChanges}).
     */
    Direct direct(SnapshotPayload before, Fingerprint after, ParsedQuery afterQuery) {
        if (!before.attributesHash().equals(after.attributesHash())) {
            return new Direct(Category.BREAKING, ColumnImpact.ALL);
        }
        ParsedQuery beforeQuery;
        try {
            beforeQuery = parser.parseQuery(before.query(), before.path(), 1, 1);
        }
        catch (VeneerException e) {
            // The stored query no longer parses (a grammar change): assume the worst.
            return new Direct(Category.BREAKING, ColumnImpact.ALL);
        }
        if (ProjectionChange.appendsOnly(beforeQuery, afterQuery)) {
            return new Direct(Category.NON_BREAKING, ColumnImpact.NONE);
        }
        ColumnImpact impact = ColumnChanges.between(beforeQuery, afterQuery).map(ColumnImpact::columns).orElse(ColumnImpact.ALL);
        return new Direct(Category.BREAKING, impact);
    }

    /**
     * What the parents' changes mean for a model: nothing when none of them changed anything it
     * reads; all of its columns and rows when one of them changed its rows; otherwise the columns it
     * computes from changed columns. The model's query is analyzed only when a parent changed some
     * columns and no parent changed everything.
     */
    static Propagation fromParents(Map<ModelName, ColumnImpact> parents, Supplier<QueryLineage> lineage) {
        if (parents.values().stream().allMatch(ColumnImpact::none) || parents.values().stream().anyMatch(ColumnImpact::all)) {
            return ColumnImpact.through(EMPTY, parents);
        }
        return ColumnImpact.through(lineage.get(), parents);
    }

    /**
     * What a model's kind makes of a change to some of its columns: a changed time column moves rows
     * between time ranges, a changed unique key matches other rows, and an SCD type 2 table makes a
     * new version of a row for changed values. Those change the rows, so every column.
     */
    static ColumnImpact forKind(ModelDefinition model, ColumnImpact impact) {
        if (impact.all() || impact.none()) {
            return impact;
        }
        KindOptions options = model.options();
        boolean rows = switch (model.kind()) {
            case SCD_TYPE_2, SCD_TYPE_2_BY_COLUMN -> true;
            case INCREMENTAL_BY_UNIQUE_KEY -> options.uniqueKey().stream().anyMatch(key -> impact.columns().contains(key.toLowerCase(java.util.Locale.ROOT)));
            case INCREMENTAL_BY_TIME_RANGE -> options.timeColumn().map(column -> impact.columns().contains(column.toLowerCase(java.util.Locale.ROOT)))
                    .orElse(true);
            default -> false;
        };
        return rows ? ColumnImpact.ALL : impact;
    }

    private static final QueryLineage EMPTY = new QueryLineage(List.of(), null, Set.of(), null, List.of());

    /** The reason shown for an indirect change whose categorization looked at columns; null when it did not. */
    static String reason(Propagation propagation) {
        if (propagation.changed().isEmpty() || propagation.changed().stream().anyMatch(ColumnRef::isAll)) {
            return null;
        }
        if (propagation.impact().none()) {
            return "reads none of: " + list(propagation.changed());
        }
        if (propagation.read().isEmpty()) {
            return "its columns could not be traced, so it may read any of: " + list(propagation.changed());
        }
        return (propagation.rowsAffected() ? "its rows depend on: " : "reads: ") + list(propagation.read());
    }

    /** The reason shown for a direct change confined to some columns. */
    static String reason(ColumnImpact own) {
        if (own.all() || own.none()) {
            return null;
        }
        return "rows unchanged; changes only: " + String.join(", ", own.columns());
    }

    private static String list(Set<ColumnRef> columns) {
        List<String> names = columns.stream().map(ColumnRef::toString).toList();
        int shown = 8;
        return names.size() <= shown ? String.join(", ", names)
                : String.join(", ", names.subList(0, shown)) + " and " + (names.size() - shown) + " more";
    }
}
