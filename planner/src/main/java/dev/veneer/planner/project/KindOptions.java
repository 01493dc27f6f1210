package dev.veneer.planner.project;

import java.util.List;
import java.util.Optional;

/**
 * The settings written in a kind's parentheses, {@code kind INCREMENTAL_BY_TIME_RANGE (time_column ds)}.
 * One flat value for every kind, each field used by the kinds named beside it; the header validator
 * admits for each kind only its own properties.
 *
 * @param timeColumn INCREMENTAL_BY_TIME_RANGE: the output column that holds each row's time
 * @param timeFormat INCREMENTAL_BY_TIME_RANGE: the time column's format when it is a string, e.g. {@code yyyy-MM-dd}
 * @param uniqueKey INCREMENTAL_BY_UNIQUE_KEY and SCD_TYPE_2*: the columns that identify a row
 * @param whenMatched INCREMENTAL_BY_UNIQUE_KEY: the action for matched rows, {@code UPDATE SET …} (default: every column)
 * @param updatedAtColumn SCD_TYPE_2: the column whose increase makes a new version of a row
 * @param scdColumns SCD_TYPE_2_BY_COLUMN: the columns whose change makes a new version (empty with {@code scdAllColumns})
 * @param scdAllColumns SCD_TYPE_2_BY_COLUMN: {@code columns *}, every column but the key
 * @param invalidateHardDeletes SCD_TYPE_2*: a key missing from the source closes its current version
 * @param validFromName SCD_TYPE_2*: name of the managed column opening a version
 * @param validToName SCD_TYPE_2*: name of the managed column closing a version (NULL: current)
 * @param seedPath SEED: the CSV file, relative to the project folder
 */
public record KindOptions(
        Optional<String> timeColumn,
        Optional<String> timeFormat,
        List<String> uniqueKey,
        Optional<String> whenMatched,
        Optional<String> updatedAtColumn,
        List<String> scdColumns,
        boolean scdAllColumns,
        boolean invalidateHardDeletes,
        String validFromName,
        String validToName,
        Optional<String> seedPath) {
    public static final String VALID_FROM = "valid_from";
    public static final String VALID_TO = "valid_to";
    public static final KindOptions NONE = new KindOptions(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
            Optional.empty(), List.of(), false, false, VALID_FROM, VALID_TO, Optional.empty());

    public KindOptions {
        timeColumn = orEmpty(timeColumn);
        timeFormat = orEmpty(timeFormat);
        uniqueKey = List.copyOf(uniqueKey == null ? List.of() : uniqueKey);
        whenMatched = orEmpty(whenMatched);
        updatedAtColumn = orEmpty(updatedAtColumn);
        scdColumns = List.copyOf(scdColumns == null ? List.of() : scdColumns);
        validFromName = validFromName == null ? VALID_FROM : validFromName;
        validToName = validToName == null ? VALID_TO : validToName;
        seedPath = orEmpty(seedPath);
    }

    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /** The value a hash of the model's data attributes reads: every field, in a fixed order. */
    public List<String> hashParts() {
        return List.of(
                "time_column=" + timeColumn.orElse(""),
                "format=" + timeFormat.orElse(""),
                "unique_key=" + String.join("\u0000", uniqueKey),
                "when_matched=" + whenMatched.orElse(""),
                "updated_at=" + updatedAtColumn.orElse(""),
                "scd_columns=" + (scdAllColumns ? "*" : String.join("\u0000", scdColumns)),
                "invalidate_hard_deletes=" + invalidateHardDeletes,
                "valid_from=" + validFromName,
                "valid_to=" + validToName);
    }
}
