package dev.veneer.planner.project;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Errors in a model file's header, side by side: each says what is wrong and how to fix it. */
public final class ModelFileErrors {
    static final String HEADER_EXAMPLE = "MODEL (name schema.table, kind FULL)";

    private ModelFileErrors() {}

    private static VeneerException invalid(SourceLocation location, String message) {
        return new VeneerException(ErrorCode.MODEL_INVALID, location, message, null);
    }

    static VeneerException missingHeader(String path) {
        return invalid(new SourceLocation(path, 1, 1),
                "missing MODEL header; a model file starts with " + HEADER_EXAMPLE + " followed by one query");
    }

    static VeneerException missingAuditHeader(SourceLocation location) {
        return invalid(location, "missing AUDIT header; an audit file holds audits written as AUDIT (name assert_positive_amount,"
                + " blocking true); then one query returning the offending rows, e.g. SELECT * FROM @this_model WHERE amount < 0");
    }

    static VeneerException unexpected(SourceLocation location, String expected, String found) {
        return invalid(location, "expected " + expected + " in the MODEL header, found " + found
                + "; write properties as " + HEADER_EXAMPLE);
    }

    static VeneerException unclosedHeader(SourceLocation location) {
        return invalid(location, "the MODEL header is not closed; add ')' after its last property");
    }

    static VeneerException unknownProperty(SourceLocation location, String key, Collection<String> valid) {
        return invalid(location, "unknown property '" + key + "' in MODEL header; valid properties: "
                + String.join(", ", valid));
    }

    static VeneerException forwardOnlyNotApplicable(SourceLocation location, ModelKind kind) {
        String why = switch (kind) {
            case VIEW -> "a VIEW holds no data, so a change costs nothing to build anew";
            case SEED -> "a SEED is its CSV file, loaded whole on every change";
            default -> "a " + kind + " model is rebuilt whole on every build, so it has no history to keep";
        };
        return invalid(location, "forward_only applies to incremental kinds (INCREMENTAL_BY_TIME_RANGE, INCREMENTAL_BY_UNIQUE_KEY,"
                + " SCD_TYPE_2, SCD_TYPE_2_BY_COLUMN): " + why + "; remove the property");
    }

    static VeneerException duplicateProperty(SourceLocation location, String key, SourceLocation first) {
        return invalid(location, "property '" + key + "' is set twice in the MODEL header (first at line "
                + first.line() + ", column " + first.column() + "); keep one");
    }

    static VeneerException missingName(String path) {
        return invalid(new SourceLocation(path, 1, 1),
                "the MODEL header has no name; add 'name schema.table' to it, e.g. " + HEADER_EXAMPLE);
    }

    static VeneerException badValue(String key, HeaderValue value, String expected) {
        return invalid(value.location(), "property '" + key + "' expects " + expected + ", found " + value.describe());
    }

    static VeneerException badModelName(String key, HeaderValue value, String reason) {
        return invalid(value.location(), "property '" + key + "' expects a model name schema.table, found "
                + value.describe() + ": " + reason);
    }

    static VeneerException unknownKind(HeaderValue value, String kind) {
        return invalid(value.location(), "unknown model kind '" + kind + "'; kinds are " + names(ModelKind.supportedKinds()));
    }

    static VeneerException unsupportedKind(HeaderValue value, ModelKind kind) {
        return invalid(value.location(), "kind " + kind.name() + " is not written in a model file: declare tables Veneer reads"
                + " but does not build in external_models.yaml; model kinds are " + names(ModelKind.supportedKinds()));
    }

    static VeneerException kindTakesNoArguments(HeaderValue value, ModelKind kind) {
        return invalid(value.location(), "kind " + kind.name() + " takes no arguments; write 'kind " + kind.name() + "'");
    }

    static VeneerException kindArgumentWithoutName(HeaderValue value, ModelKind kind, List<String> valid) {
        return invalid(value.location(), "kind " + kind.name() + " takes named properties, found " + value.describe()
                + "; write them as 'key value', e.g. kind " + kind.name() + " (" + valid.get(0) + " ...); valid: "
                + String.join(", ", valid));
    }

    static VeneerException unknownKindProperty(SourceLocation location, String key, ModelKind kind, List<String> valid) {
        return invalid(location, "unknown property '" + key + "' of kind " + kind.name() + "; valid properties of "
                + kind.name() + ": " + String.join(", ", valid));
    }

    static VeneerException missingKindProperty(SourceLocation location, ModelKind kind, String key, String example) {
        return invalid(location, "kind " + kind.name() + " needs the property '" + key + "'; write kind " + kind.name()
                + " (" + example + ")");
    }

    static VeneerException missingStart(SourceLocation location, ModelKind kind) {
        return invalid(location, "a " + kind.name() + " model needs a start: add start '2024-01-01' (the first day of data, UTC)"
                + " to the MODEL header");
    }

    static VeneerException seedWithQuery(SourceLocation location) {
        return invalid(location, "a SEED model is loaded from its CSV file and has no query; remove the query after the MODEL header");
    }

    static VeneerException macroInView(SourceLocation location, String variable) {
        return invalid(location, "a VIEW model cannot use @" + variable + ": a view has no batch to take the time from;"
                + " use kind FULL or INCREMENTAL_BY_TIME_RANGE, or remove the variable");
    }

    static VeneerException badCron(HeaderValue value, String expression, String reason) {
        return invalid(value.location(), "property 'cron' expects a cron expression such as '@daily', '@hourly' or '0 6 * * *' (UTC),"
                + " found '" + expression + "': " + reason);
    }

    static VeneerException unknownIntervalUnit(HeaderValue value, String unit) {
        return invalid(value.location(), "unknown interval_unit '" + unit + "'; valid units: "
                + Arrays.stream(dev.veneer.planner.interval.IntervalUnit.values())
                        .map(dev.veneer.planner.interval.IntervalUnit::sqlName).collect(Collectors.joining(", ")));
    }

    static VeneerException badTime(String key, HeaderValue value) {
        return invalid(value.location(), "property '" + key + "' expects a date such as '2024-01-01' or a UTC time such as"
                + " '2024-01-01 06:00:00', found " + value.describe());
    }

    public static VeneerException startInTheFuture(SourceLocation location, Instant start, Instant now) {
        return invalid(location, "start " + start + " is after the execution time " + now
                + ": nothing could ever be computed; use a start in the past, or plan with --execution-time after it");
    }

    static VeneerException unknownTableFormat(HeaderValue value, String format) {
        return invalid(value.location(), "unknown table_format '" + format + "'; valid formats: "
                + Arrays.stream(TableFormat.values()).map(TableFormat::sqlName).collect(Collectors.joining(", ")));
    }

    private static String names(Collection<ModelKind> kinds) {
        return kinds.stream().map(kind -> kind.name().toUpperCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
