package dev.veneer.planner.plan;

/** Why a changed model does or does not need a new physical table. */
public enum Category {
    /** Its data changes in a way children may notice: it and every child are rebuilt. */
    BREAKING,
    /** Only projections appended to the outermost select list: it is rebuilt, its children keep their tables. */
    NON_BREAKING,
    /** A parent changed in a breaking way: rebuilt. */
    INDIRECT_BREAKING,
    /** Parents changed only in non-breaking ways: keeps its table. */
    INDIRECT_NON_BREAKING,
    /** Only descriptive attributes changed (owner, description, tags, ...): keeps its table. */
    METADATA,
    /**
     * A forward-only change: keeps its table, which is changed in place from now on (new columns
     * added) when the change reaches prod; previewed in a clone or branch in a dev environment.
     * Children keep their tables.
     */
    FORWARD_ONLY;

    public boolean rebuilds() {
        return this == BREAKING || this == NON_BREAKING || this == INDIRECT_BREAKING;
    }
}
