package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQL text with macro variables left in place, and where each one is: rendered per batch by
 * replacing exactly those spans, so a {@code @} in a string or comment is never touched.
 */
public record SqlTemplate(String text, List<MacroSpan> macros) {
    public SqlTemplate {
        requireNonNull(text, "text is null");
        macros = List.copyOf(macros == null ? List.of() : macros);
        int previousEnd = 0;
        for (MacroSpan macro : macros) {
            if (macro.start() < previousEnd || macro.end() > text.length()) {
                throw new IllegalArgumentException("macro spans must be sorted, disjoint and inside the text: " + macro);
            }
            previousEnd = macro.end();
        }
    }

    public static SqlTemplate of(String text) {
        return new SqlTemplate(text, List.of());
    }

    public boolean hasMacros() {
        return !macros.isEmpty();
    }

    /**
     * @param values literal per variable name
     * @throws IllegalArgumentException naming a variable {@code values} has no literal for
     */
    public String render(Map<String, String> values) {
        if (macros.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * macros.size());
        int copied = 0;
        for (MacroSpan macro : macros) {
            String value = values.get(macro.name());
            if (value == null) {
                throw new IllegalArgumentException("no value for @" + macro.name());
            }
            out.append(text, copied, macro.start()).append(value);
            copied = macro.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** The variables used, in order of first use. */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        macros.forEach(macro -> {
            if (!names.contains(macro.name())) {
                names.add(macro.name());
            }
        });
        return names;
    }
}
