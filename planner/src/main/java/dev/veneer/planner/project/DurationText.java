package dev.veneer.planner.project;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in {@code veneer.yaml} and on the command line: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 2w}, or ISO-8601 {@code P7D}. */
public final class DurationText {
    public static final String EXAMPLES = "e.g. 7d, 12h, 30m, 45s, 2w or P7D";
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(w|weeks?|d|days?|h|hours?|m|min|minutes?|s|sec|seconds?)");

    private DurationText() {}

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(switch (matcher.group(2).charAt(0)) {
                case 'w' -> Duration.ofDays(7 * amount);
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        try {
            Duration duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code 7d}, {@code 12h}, {@code 90s}: the shortest exact form, for messages and {@code envs}. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
