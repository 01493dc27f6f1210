package dev.veneer.catalog;

import static java.util.Objects.requireNonNull;

/** A place in a project file, printed as {@code path:line:column} (both 1-based). */
public record SourceLocation(String path, int line, int column) {
    public SourceLocation {
        requireNonNull(path, "path is null");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return path + ":" + line + ":" + column;
    }
}
