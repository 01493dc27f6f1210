package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time variables a model's query may use, rendered as Spark SQL literals for one batch, in UTC.
 * A batch is the half-open {@code [start, end)}; the {@code end} variables present the inclusive end
 * (one microsecond, Spark's precision, before the exclusive end), so {@code BETWEEN @start_ds AND
 * @end_ds} selects exactly the batch.
 */
public final class MacroVariables {
    /** Every variable, in the order messages list them. */
    public static final List<String> NAMES = List.of(
            "start_ds", "end_ds", "start_ts", "end_ts", "start_date", "end_date", "start_dt", "end_dt",
            "start_epoch", "end_epoch", "execution_ds", "execution_ts", "execution_date", "execution_dt", "execution_epoch");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final Duration PRECISION = Duration.ofNanos(1_000);

    private MacroVariables() {}

    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }

    /** The literal each variable stands for while computing {@code batch} at {@code executionTime}. */
    public static Map<String, String> values(Interval batch, Instant executionTime) {
        requireNonNull(batch, "batch is null");
        requireNonNull(executionTime, "executionTime is null");
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "start", batch.start(), false);
        put(values, "end", batch.end().minus(PRECISION), true);
        put(values, "execution", executionTime, false);
        return values;
    }

    private static void put(Map<String, String> values, String prefix, Instant instant, boolean inclusiveEnd) {
        values.put(prefix + "_ds", quoted(DAY.format(instant)));
        values.put(prefix + "_ts", quoted(MICROS.format(instant)));
        values.put(prefix + "_date", "DATE " + quoted(DAY.format(instant)));
        values.put(prefix + "_dt", "TIMESTAMP " + quoted(MICROS.format(instant)));
        values.put(prefix + "_epoch", inclusiveEnd ? epochWithMicros(instant) : Long.toString(instant.getEpochSecond()));
    }

    private static String epochWithMicros(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%06d", instant.getNano() / 1_000);
    }

    private static String quoted(String text) {
        return "'" + text + "'";
    }
}
