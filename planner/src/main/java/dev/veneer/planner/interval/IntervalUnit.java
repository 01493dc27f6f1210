package dev.veneer.planner.interval;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The grain of a model's intervals, aligned in UTC: a day is {@code [00:00, 24:00)}, a five-minute
 * unit starts at a multiple of five minutes. Months and years have their calendar lengths.
 */
public enum IntervalUnit {
    MINUTE(Duration.ofMinutes(1)),
    FIVE_MINUTE(Duration.ofMinutes(5)),
    QUARTER_HOUR(Duration.ofMinutes(15)),
    HALF_HOUR(Duration.ofMinutes(30)),
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1)),
    MONTH(Duration.ofDays(28)),
    YEAR(Duration.ofDays(365));

    /** The fixed length, or for months and years the shortest one. */
    private final Duration shortest;

    IntervalUnit(Duration shortest) {
        this.shortest = shortest;
    }

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IntervalUnit> parse(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(unit -> unit.name().equals(upper)).findFirst();
    }

    /** The coarsest unit that fits in {@code period}: what a cron firing every {@code period} processes. */
    public static IntervalUnit fitting(Duration period) {
        requireNonNull(period, "period is null");
        IntervalUnit fitting = MINUTE;
        for (IntervalUnit unit : values()) {
            if (unit.shortest.compareTo(period) <= 0) {
                fitting = unit;
            }
        }
        return fitting;
    }

    /** The start of the unit holding {@code instant}. */
    public Instant floor(Instant instant) {
        requireNonNull(instant, "instant is null");
        return switch (this) {
            case MONTH -> utc(instant).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
            case YEAR -> utc(instant).truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).toInstant();
            default -> {
                long seconds = shortest.toSeconds();
                long epoch = instant.getEpochSecond();
                yield Instant.ofEpochSecond(Math.floorDiv(epoch, seconds) * seconds);
            }
        };
    }

    /** The start of the first unit at or after {@code instant}. */
    public Instant ceil(Instant instant) {
        Instant floor = floor(instant);
        return floor.equals(instant) ? floor : plus(floor, 1);
    }

    /** {@code instant} moved by {@code count} units (negative: back). */
    public Instant plus(Instant instant, long count) {
        requireNonNull(instant, "instant is null");
        return switch (this) {
            case MONTH -> utc(instant).plusMonths(count).toInstant();
            case YEAR -> utc(instant).plusYears(count).toInstant();
            default -> instant.plus(shortest.multipliedBy(count));
        };
    }

    /** How many whole units lie in {@code [start, end)}, both aligned to this unit. */
    public long count(Instant start, Instant end) {
        return switch (this) {
            case MONTH -> ChronoUnit.MONTHS.between(utc(start), utc(end));
            case YEAR -> ChronoUnit.YEARS.between(utc(start), utc(end));
            // plain seconds: Duration.dividedBy(Duration) goes through BigDecimal, which dominated planning of fine-grained crons
            default -> Math.floorDiv(end.getEpochSecond() - start.getEpochSecond(), shortest.toSeconds());
        };
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}
