package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

/**
 * Where a macro variable such as {@code @start_ds} is written in a query's text.
 *
 * @param start offset of the {@code @}
 * @param end offset one past the variable's last character
 * @param name the variable's name, lower-cased, without the {@code @}
 */
public record MacroSpan(int start, int end, String name) {
    public MacroSpan {
        requireNonNull(name, "name is null");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("invalid macro span " + start + ".." + end);
        }
    }
}
