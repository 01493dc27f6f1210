package dev.veneer.planner.sql;

import java.util.List;

/** A query parsed with Spark's grammar. Placeholder API; the parser fills it in. */
public interface ParsedQuery {
    /** The query text exactly as written. */
    String text();

    /** Table references that are not CTE names in scope, in order of appearance. */
    List<TableReference> references();

    /** Token stream without whitespace and comments, keywords and unquoted identifiers case-folded, literals kept. */
    String canonicalText();
}
