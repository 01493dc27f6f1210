package dev.veneer.spark.docs;

import dev.veneer.catalog.Interval;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** Times and ranges as the pages print them (UTC). */
final class Times {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private Times() {}

    static String minutes(Instant instant) {
        return MINUTES.format(instant);
    }

    /** {@code 2024-01-01} for midnight, the full instant otherwise. */
    static String time(Instant instant) {
        String text = instant.toString();
        return text.endsWith("T00:00:00Z") ? text.substring(0, 10) : text;
    }

    static String range(Interval interval) {
        return "[" + time(interval.start()) + ", " + time(interval.end()) + ")";
    }

    static String ranges(List<Interval> intervals) {
        return intervals.isEmpty() ? "none" : intervals.stream().map(Times::range).collect(Collectors.joining(", "));
    }
}
