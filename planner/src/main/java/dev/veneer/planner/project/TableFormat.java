package dev.veneer.planner.project;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum TableFormat {
    ICEBERG,
    DELTA;

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TableFormat> parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.name().equals(upper)).findFirst();
    }
}
