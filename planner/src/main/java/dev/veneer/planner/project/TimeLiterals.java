package dev.veneer.planner.project;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Times as users write them in headers and on the command line, all UTC: {@code 2024-01-01},
 * {@code 2024-01-01 06:00[:00]}, {@code 2024-01-01T06:00:00Z}, or epoch milliseconds.
 */
public final class TimeLiterals {
    private static final List<DateTimeFormatter> LOCAL_TIMES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private TimeLiterals() {}

    public static Optional<Instant> parse(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("\\d{10,}")) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(trimmed)));
        }
        try {
            return Optional.of(LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        catch (DateTimeParseException e) {
            // not a date: try the other shapes
        }
        for (DateTimeFormatter format : LOCAL_TIMES) {
            try {
                return Optional.of(LocalDateTime.parse(trimmed, format).toInstant(ZoneOffset.UTC));
            }
            catch (DateTimeParseException e) {
                // next shape
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
