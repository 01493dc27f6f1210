package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Replaces table references in a query's original text, leaving every other character (comments,
 * layout, literals) untouched: used to point model names at physical tables when rendering a
 * model, and to resolve a user's query in an environment.
 */
public final class QueryRewriter {
    private QueryRewriter() {}

    /**
     * @param replacement the text to put in place of a reference (e.g. a quoted physical table
     *     name), or empty to keep it as written
     */
    public static String rewrite(ParsedQuery query, Function<TableReference, Optional<String>> replacement) {
        requireNonNull(query, "query is null");
        requireNonNull(replacement, "replacement is null");
        String text = query.text();
        StringBuilder out = new StringBuilder(text.length() + 64);
        int copied = 0;
        // References come in text order and never overlap: one pass, left to right.
        for (TableReference reference : query.references()) {
            Optional<String> target = requireNonNull(replacement.apply(reference), "replacement returned null");
            if (target.isPresent()) {
                out.append(text, copied, reference.start()).append(target.get());
                copied = reference.end();
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * {@link #rewrite}, keeping the query's macro variables in place as a template: their spans are
     * moved by whatever the replacements before them added or removed.
     */
    public static SqlTemplate rewriteTemplate(ParsedQuery query, Function<TableReference, Optional<String>> replacement) {
        requireNonNull(query, "query is null");
        requireNonNull(replacement, "replacement is null");
        String text = query.text();
        StringBuilder out = new StringBuilder(text.length() + 64);
        List<MacroSpan> macros = new ArrayList<>();
        List<MacroSpan> pending = query.macros();
        int nextMacro = 0;
        int copied = 0;
        for (TableReference reference : query.references()) {
            Optional<String> target = requireNonNull(replacement.apply(reference), "replacement returned null");
            if (target.isEmpty()) {
                continue;
            }
            while (nextMacro < pending.size() && pending.get(nextMacro).start() < reference.start()) {
                macros.add(shifted(pending.get(nextMacro++), out.length() - copied));
            }
            out.append(text, copied, reference.start()).append(target.get());
            copied = reference.end();
        }
        while (nextMacro < pending.size()) {
            macros.add(shifted(pending.get(nextMacro++), out.length() - copied));
        }
        out.append(text, copied, text.length());
        return new SqlTemplate(out.toString(), macros);
    }

    private static MacroSpan shifted(MacroSpan macro, int by) {
        return new MacroSpan(macro.start() + by, macro.end() + by, macro.name());
    }
}
