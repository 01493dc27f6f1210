package dev.veneer.planner.interval;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A model's cron, in UTC: the five Unix fields or a nickname ({@code @daily}, {@code @hourly},
 * {@code @weekly}, {@code @monthly}, {@code @yearly}). Parsed by cron-utils.
 */
public final class CronSchedule {
    public static final String DEFAULT = "@daily";

    /** Unix cron with the nicknames, which cron-utils' built-in UNIX definition rejects. */
    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes().and()
            .withHours().and()
            .withDayOfMonth().supportsL().supportsW().supportsQuestionMark().and()
            .withMonth().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).supportsHash().supportsL()
            .supportsQuestionMark().and()
            .withSupportedNicknameHourly()
            .withSupportedNicknameDaily()
            .withSupportedNicknameMidnight()
            .withSupportedNicknameWeekly()
            .withSupportedNicknameMonthly()
            .withSupportedNicknameYearly()
            .withSupportedNicknameAnnually()
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);
    /** Far enough from any edge of the calendar that every cron fires around it. */
    private static final ZonedDateTime SAMPLE_FROM = ZonedDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /**
     * Parsed crons by expression: a project has few distinct crons but every model's schedule asks
     * for one, and parsing costs far more than the interval arithmetic that follows.
     */
    private static final ConcurrentMap<String, CronSchedule> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 1_024;

    private final String expression;
    private final ExecutionTime executions;
    /** Derived once: sampling 24 firings is the costly part of a schedule for crons without interval_unit. */
    private volatile IntervalUnit unit;
    private volatile LastFiring lastFiring;

    private CronSchedule(String expression, ExecutionTime executions) {
        this.expression = expression;
        this.executions = executions;
    }

    /**
     * @throws IllegalArgumentException with cron-utils' reason when {@code expression} is not a cron
     */
    public static CronSchedule parse(String expression) {
        requireNonNull(expression, "expression is null");
        String trimmed = expression.trim();
        CronSchedule cached = PARSED.get(trimmed);
        if (cached != null) {
            return cached;
        }
        Cron cron;
        try {
            cron = PARSER.parse(trimmed);
            cron.validate();
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        CronSchedule parsed = new CronSchedule(trimmed, ExecutionTime.forCron(cron));
        if (PARSED.size() >= MAX_CACHED) {
            PARSED.clear();
        }
        PARSED.put(trimmed, parsed);
        return parsed;
    }

    public String expression() {
        return expression;
    }

    /** The latest time at or before {@code instant} when the cron fires. */
    public Instant lastExecutionAtOrBefore(Instant instant) {
        // Every model of a plan asks with the same execution time: answer the repeated question once.
        LastFiring last = lastFiring;
        if (last != null && last.at().equals(instant)) {
            return last.fired();
        }
        ZonedDateTime at = instant.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        Instant fired = executions.isMatch(at)
                ? at.toInstant()
                : executions.lastExecution(at).map(ZonedDateTime::toInstant)
                        .orElseThrow(() -> new IllegalStateException("cron " + expression + " never fired before " + instant));
        lastFiring = new LastFiring(instant, fired);
        return fired;
    }

    private record LastFiring(Instant at, Instant fired) {}

    /** The first time strictly after {@code instant} when the cron fires. */
    public Optional<Instant> nextExecutionAfter(Instant instant) {
        return executions.nextExecution(instant.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
    }

    /** The unit of work between two firings: the coarsest unit that fits in the shortest gap. */
    public IntervalUnit intervalUnit() {
        IntervalUnit derived = unit;
        if (derived == null) {
            derived = sampledIntervalUnit();
            unit = derived;
        }
        return derived;
    }

    private IntervalUnit sampledIntervalUnit() {
        Duration shortest = null;
        ZonedDateTime previous = executions.nextExecution(SAMPLE_FROM).orElseThrow();
        for (int i = 0; i < 24; i++) {
            ZonedDateTime next = executions.nextExecution(previous).orElseThrow();
            Duration gap = Duration.between(previous, next);
            shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            previous = next;
        }
        return IntervalUnit.fitting(shortest);
    }

    @Override
    public String toString() {
        return expression;
    }
}
