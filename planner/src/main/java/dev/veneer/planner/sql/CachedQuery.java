package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What parsing one query yields, without the query text (which the file gives back) and without its
 * canonical text (which only hashing needs, and the hashes are kept instead): the part of a
 * {@link ParsedQuery} worth keeping between runs in the {@link QueryCache}, with the hashes the
 * fingerprinting made of the file's model, when it made them.
 *
 * @param firstLine where the query starts in its file
 * @param textLength the length of the query text it was parsed from
 * @param select {@code null} when the outermost query is not a plain SELECT
 * @param hashes {@code null} until the model's hashes were computed
 */
record CachedQuery(int firstLine, int firstColumn, int textLength, List<TableReference> references, OutermostSelect select,
        List<MacroSpan> macros, CachedHashes hashes) {
    CachedQuery {
        references = List.copyOf(references);
        macros = List.copyOf(macros);
        for (MacroSpan macro : macros) {
            if (macro.end() > textLength) {
                throw new IllegalArgumentException("cached macro " + macro + " lies beyond the query's " + textLength + " characters");
            }
        }
        if (firstLine < 1 || firstColumn < 1 || textLength < 0) {
            throw new IllegalArgumentException("invalid cached query position " + firstLine + ":" + firstColumn + ", length " + textLength);
        }
        for (TableReference reference : references) {
            if (reference.end() > textLength) {
                throw new IllegalArgumentException("cached reference " + reference + " lies beyond the query's " + textLength + " characters");
            }
        }
    }

    static CachedQuery of(ParsedQuery query) {
        return new CachedQuery(query.firstLine(), query.firstColumn(), query.text().length(), query.references(),
                query.outermostSelect(), query.macros(), null);
    }

    CachedQuery withHashes(CachedHashes kept) {
        return new CachedQuery(firstLine, firstColumn, textLength, references, select, macros, requireNonNull(kept, "kept is null"));
    }

    /** Whether this was parsed from a query of this length starting there (the file's header may have moved it). */
    boolean fits(String text, int line, int column) {
        return text.length() == textLength && line == firstLine && column == firstColumn;
    }

    /** The query, its canonical text made again from {@code text} only if someone asks for it. */
    ParsedQuery toQuery(String text, String path) {
        return new ParsedQuery(text, new SourcePositions(path, firstLine, firstColumn), references, null, select, macros);
    }
}
