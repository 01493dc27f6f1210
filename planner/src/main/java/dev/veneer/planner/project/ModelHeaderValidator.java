package dev.veneer.planner.project;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.planner.interval.CronSchedule;
import dev.veneer.planner.interval.IntervalUnit;
import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.SqlFragments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a {@link ModelHeader}'s properties their meaning and builds the {@link ModelDefinition}:
 * every unknown, repeated or ill-typed property is an error at the place it is written.
 */
final class ModelHeaderValidator {
    /** Every property a header may hold, in the order messages list them. */
    static final List<String> PROPERTIES = List.of(
            "name", "kind", "table_format", "owner", "description", "tags", "cron", "grain", "partitioned_by",
            "depends_on", "stamp", "start", "end", "interval_unit", "columns", "audits", "forward_only");

    /** The properties each kind takes in its parentheses. */
    private static final Map<ModelKind, List<String>> KIND_PROPERTIES = Map.of(
            ModelKind.FULL, List.of(),
            ModelKind.VIEW, List.of(),
            ModelKind.INCREMENTAL_BY_TIME_RANGE, List.of("time_column", "format", "batch_size", "batch_concurrency", "lookback"),
            ModelKind.INCREMENTAL_BY_UNIQUE_KEY, List.of("unique_key", "when_matched"),
            ModelKind.SCD_TYPE_2, List.of("unique_key", "updated_at_name", "invalidate_hard_deletes", "valid_from_name", "valid_to_name"),
            ModelKind.SCD_TYPE_2_BY_COLUMN, List.of("unique_key", "columns", "invalidate_hard_deletes", "valid_from_name", "valid_to_name"),
            ModelKind.SEED, List.of("path"));

    /** Where a model's query comes from: the file's body, or for a seed its CSV. */
    interface QuerySource {
        boolean hasBody();

        /** The query after the header; parsed only once the header is known to be valid, so header errors come first. */
        ParsedQuery body();

        ParsedQuery seed(String seedPath, List<ColumnDefinition> columns, SourceLocation pathLocation);
    }

    private ModelHeaderValidator() {}

    static ModelDefinition build(ModelHeader header, String path, QuerySource source) {
        Map<String, HeaderProperty> byKey = byKey(header.properties(), PROPERTIES, null);
        HeaderProperty name = byKey.get("name");
        if (name == null) {
            throw ModelFileErrors.missingName(path);
        }
        ModelName modelName = modelName("name", name.value());
        Optional<HeaderValue> kindValue = value(byKey, "kind");
        ModelKind kind = kindValue.map(ModelHeaderValidator::kind).orElse(ModelKind.FULL);
        Map<String, HeaderProperty> kindProperties = kindValue
                .filter(HeaderValue.Call.class::isInstance)
                .map(value -> byKey(((HeaderValue.Call) value).properties(), KIND_PROPERTIES.get(kind), kind))
                .orElse(Map.of());
        kindValue.filter(HeaderValue.Call.class::isInstance).ifPresent(value -> {
            if (!((HeaderValue.Call) value).arguments().isEmpty()) {
                throw ModelFileErrors.kindArgumentWithoutName(((HeaderValue.Call) value).arguments().get(0), kind,
                        KIND_PROPERTIES.get(kind));
            }
        });
        Optional<TableFormat> format = value(byKey, "table_format").map(ModelHeaderValidator::tableFormat);
        Optional<String> owner = value(byKey, "owner").map(value -> word("owner", value));
        Optional<String> description = value(byKey, "description").map(value -> text("description", value));
        List<String> tags = value(byKey, "tags").map(value -> elements(value).stream().map(tag -> word("tags", tag)).toList())
                .orElse(List.of());
        Optional<String> cron = value(byKey, "cron").map(ModelHeaderValidator::cron);
        List<String> grain = value(byKey, "grain").map(value -> columns("grain", value)).orElse(List.of());
        List<String> partitionedBy = value(byKey, "partitioned_by").map(value -> columns("partitioned_by", value))
                .orElse(List.of());
        List<ModelName> dependsOn = value(byKey, "depends_on")
                .map(value -> elements(value).stream().map(element -> modelName("depends_on", element)).toList())
                .orElse(List.of());
        Optional<String> stamp = value(byKey, "stamp").map(ModelHeaderValidator::stamp);
        Optional<Instant> start = value(byKey, "start").map(value -> instant("start", value));
        Optional<Instant> end = value(byKey, "end").map(value -> instant("end", value));
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
            throw ModelFileErrors.badValue("end", value(byKey, "end").get(), "a time after start");
        }
        Optional<IntervalUnit> intervalUnit = value(byKey, "interval_unit").map(ModelHeaderValidator::intervalUnit);
        List<ColumnDefinition> declaredColumns = value(byKey, "columns").map(ModelHeaderValidator::columnDefinitions)
                .orElse(List.of());

        Optional<HeaderProperty> forwardOnlyProperty = Optional.ofNullable(byKey.get("forward_only"));
        boolean forwardOnly = forwardOnlyProperty.map(property -> bool("forward_only", property.value())).orElse(false);
        if (forwardOnly && !kind.incremental()) {
            // as SQLMesh, whose FULL, VIEW and SEED kinds have no forward_only: there is no history to keep
            throw ModelFileErrors.forwardOnlyNotApplicable(forwardOnlyProperty.get().location(), kind);
        }
        List<dev.veneer.planner.audit.AuditCall> audits = value(byKey, "audits").map(ModelHeaderValidator::audits).orElse(List.of());

        KindSettings settings = kindSettings(kind, kindValue, kindProperties);
        if (kind.timeRanged() && start.isEmpty()) {
            throw ModelFileErrors.missingStart(header.location(), kind);
        }
        ParsedQuery query;
        if (kind == ModelKind.SEED) {
            if (source.hasBody()) {
                throw ModelFileErrors.seedWithQuery(header.location());
            }
            query = source.seed(settings.options().seedPath().orElseThrow(), declaredColumns, settings.seedPathLocation());
        }
        else {
            query = source.body();
            if (kind == ModelKind.VIEW && !query.macros().isEmpty()) {
                throw ModelFileErrors.macroInView(header.location(), query.macros().get(0).name());
            }
        }
        return new ModelDefinition(modelName, path, kind, format, query, owner, description, tags, cron, grain,
                partitionedBy, dependsOn, stamp, header.location(), settings.options(), start, end, intervalUnit,
                settings.batchSize(), settings.batchConcurrency(), settings.lookback(), declaredColumns, audits, forwardOnly);
    }

    /** Each call read with Spark's expression grammar; the same audit twice is refused (which one would a result be?). */
    private static List<dev.veneer.planner.audit.AuditCall> audits(HeaderValue value) {
        List<dev.veneer.planner.audit.AuditCall> calls = new ArrayList<>();
        for (HeaderValue element : elements(value)) {
            if (!(element instanceof HeaderValue.Raw raw)) {
                throw ModelFileErrors.badValue("audits", element, "audits such as (not_null(columns := (id)), number_of_rows(threshold := 1))");
            }
            dev.veneer.planner.audit.AuditCall call = dev.veneer.planner.audit.AuditCallParser.parse(raw.text(), raw.location());
            calls.stream().filter(existing -> existing.name().equals(call.name())).findFirst().ifPresent(existing -> {
                throw ModelFileErrors.badValue("audits", element, "each audit once (" + call.name() + " is already at line "
                        + existing.location().line() + "); put every column in one call, e.g. not_null(columns := (a, b))");
            });
            calls.add(call);
        }
        return calls;
    }

    /** What a kind's parentheses say, with the batch settings that belong to the schedule. */
    private record KindSettings(KindOptions options, Optional<Integer> batchSize, int batchConcurrency, int lookback,
            SourceLocation seedPathLocation) {}

    private static KindSettings kindSettings(ModelKind kind, Optional<HeaderValue> kindValue, Map<String, HeaderProperty> properties) {
        SourceLocation kindLocation = kindValue.map(HeaderValue::location).orElse(null);
        return switch (kind) {
            case FULL, VIEW, EXTERNAL -> new KindSettings(KindOptions.NONE, Optional.empty(), 1, 0, null);
            case INCREMENTAL_BY_TIME_RANGE -> {
                String timeColumn = required(properties, "time_column", kind, kindLocation, value -> column("time_column", value));
                Optional<String> format = value(properties, "format").map(value -> timeFormat(value));
                Optional<Integer> batchSize = value(properties, "batch_size").map(value -> positive("batch_size", value));
                int concurrency = value(properties, "batch_concurrency").map(value -> positive("batch_concurrency", value)).orElse(1);
                int lookback = value(properties, "lookback").map(value -> nonNegative("lookback", value)).orElse(0);
                KindOptions options = new KindOptions(Optional.of(timeColumn), format, List.of(), Optional.empty(), Optional.empty(),
                        List.of(), false, false, null, null, Optional.empty());
                yield new KindSettings(options, batchSize, concurrency, lookback, null);
            }
            case INCREMENTAL_BY_UNIQUE_KEY -> {
                List<String> key = required(properties, "unique_key", kind, kindLocation, value -> columnNames("unique_key", value));
                Optional<String> whenMatched = value(properties, "when_matched").map(ModelHeaderValidator::whenMatched);
                yield new KindSettings(new KindOptions(Optional.empty(), Optional.empty(), key, whenMatched, Optional.empty(),
                        List.of(), false, false, null, null, Optional.empty()), Optional.empty(), 1, 0, null);
            }
            case SCD_TYPE_2, SCD_TYPE_2_BY_COLUMN -> {
                List<String> key = required(properties, "unique_key", kind, kindLocation, value -> columnNames("unique_key", value));
                Optional<String> updatedAt = kind == ModelKind.SCD_TYPE_2
                        ? Optional.of(value(properties, "updated_at_name").map(value -> column("updated_at_name", value)).orElse("updated_at"))
                        : Optional.empty();
                boolean all = false;
                List<String> columns = List.of();
                if (kind == ModelKind.SCD_TYPE_2_BY_COLUMN) {
                    HeaderValue written = properties.containsKey("columns") ? properties.get("columns").value() : null;
                    if (written == null) {
                        throw ModelFileErrors.missingKindProperty(kindLocation, kind, "columns", "columns [status, amount] or columns *");
                    }
                    all = isStar(written);
                    columns = all ? List.of() : columnNames("columns", written);
                }
                boolean hardDeletes = value(properties, "invalidate_hard_deletes").map(value -> bool("invalidate_hard_deletes", value))
                        .orElse(false);
                String validFrom = value(properties, "valid_from_name").map(value -> column("valid_from_name", value))
                        .orElse(KindOptions.VALID_FROM);
                String validTo = value(properties, "valid_to_name").map(value -> column("valid_to_name", value))
                        .orElse(KindOptions.VALID_TO);
                yield new KindSettings(new KindOptions(Optional.empty(), Optional.empty(), key, Optional.empty(), updatedAt, columns,
                        all, hardDeletes, validFrom, validTo, Optional.empty()), Optional.empty(), 1, 0, null);
            }
            case SEED -> {
                HeaderProperty path = properties.get("path");
                if (path == null) {
                    throw ModelFileErrors.missingKindProperty(kindLocation, kind, "path", "path 'seeds/countries.csv'");
                }
                String file = text("path", path.value());
                yield new KindSettings(new KindOptions(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                        List.of(), false, false, null, null, Optional.of(file)), Optional.empty(), 1, 0, path.value().location());
            }
        };
    }

    private static <T> T required(Map<String, HeaderProperty> properties, String key, ModelKind kind, SourceLocation kindLocation,
            java.util.function.Function<HeaderValue, T> parse) {
        HeaderProperty property = properties.get(key);
        if (property == null) {
            throw ModelFileErrors.missingKindProperty(kindLocation, kind, key, example(key));
        }
        return parse.apply(property.value());
    }

    private static String example(String key) {
        return switch (key) {
            case "time_column" -> "time_column order_date";
            case "unique_key" -> "unique_key (order_id)";
            default -> key + " ...";
        };
    }

    private static Map<String, HeaderProperty> byKey(List<HeaderProperty> properties, List<String> valid, ModelKind kind) {
        Map<String, HeaderProperty> byKey = new LinkedHashMap<>();
        for (HeaderProperty property : properties) {
            if (!valid.contains(property.key())) {
                throw kind == null
                        ? ModelFileErrors.unknownProperty(property.location(), property.key(), valid)
                        : ModelFileErrors.unknownKindProperty(property.location(), property.key(), kind, valid);
            }
            HeaderProperty first = byKey.putIfAbsent(property.key(), property);
            if (first != null) {
                throw ModelFileErrors.duplicateProperty(property.location(), property.key(), first.location());
            }
        }
        return byKey;
    }

    private static Optional<HeaderValue> value(Map<String, HeaderProperty> byKey, String key) {
        return Optional.ofNullable(byKey.get(key)).map(HeaderProperty::value);
    }

    private static ModelName modelName(String key, HeaderValue value) {
        List<String> parts;
        if (value instanceof HeaderValue.Name name) {
            parts = name.folded();
        }
        else if (value instanceof HeaderValue.Text text) {
            parts = dottedParts(text.value().trim());
        }
        else {
            throw ModelFileErrors.badValue(key, value, "a model name schema.table");
        }
        if (parts.size() != 2) {
            throw ModelFileErrors.badModelName(key, value, "it has " + parts.size() + " part"
                    + (parts.size() == 1 ? "" : "s") + ", a model name has exactly two (schema and table)");
        }
        try {
            return new ModelName(parts.get(0), parts.get(1));
        }
        catch (IllegalArgumentException e) {
            throw ModelFileErrors.badModelName(key, value, "each part must be letters, digits and '_', starting with a letter or '_'");
        }
    }

    private static List<String> dottedParts(String name) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', from)) {
            parts.add(name.substring(from, dot));
            from = dot + 1;
        }
        parts.add(name.substring(from));
        return parts;
    }

    private static ModelKind kind(HeaderValue value) {
        String written;
        if (value instanceof HeaderValue.Name name && name.parts().size() == 1) {
            written = name.parts().get(0).text();
        }
        else if (value instanceof HeaderValue.Text text) {
            written = text.value();
        }
        else if (value instanceof HeaderValue.Call call) {
            written = call.name();
        }
        else {
            throw ModelFileErrors.badValue("kind", value, "a model kind such as FULL or VIEW");
        }
        ModelKind kind = ModelKind.parse(written).orElseThrow(() -> ModelFileErrors.unknownKind(value, written));
        if (!kind.supported()) {
            throw ModelFileErrors.unsupportedKind(value, kind);
        }
        if (value instanceof HeaderValue.Call && KIND_PROPERTIES.get(kind).isEmpty()) {
            throw ModelFileErrors.kindTakesNoArguments(value, kind);
        }
        return kind;
    }

    private static TableFormat tableFormat(HeaderValue value) {
        String written = word("table_format", value);
        return TableFormat.parse(written).orElseThrow(() -> ModelFileErrors.unknownTableFormat(value, written));
    }

    private static String cron(HeaderValue value) {
        String expression = text("cron", value);
        try {
            CronSchedule.parse(expression);
        }
        catch (IllegalArgumentException e) {
            throw ModelFileErrors.badCron(value, expression, e.getMessage());
        }
        return expression.trim();
    }

    private static IntervalUnit intervalUnit(HeaderValue value) {
        String written = word("interval_unit", value);
        return IntervalUnit.parse(written).orElseThrow(() -> ModelFileErrors.unknownIntervalUnit(value, written));
    }

    private static Instant instant(String key, HeaderValue value) {
        String written = value instanceof HeaderValue.Number number ? number.text() : text(key, value);
        return TimeLiterals.parse(written).orElseThrow(() -> ModelFileErrors.badTime(key, value));
    }

    private static String timeFormat(HeaderValue value) {
        String format = text("format", value);
        try {
            java.time.format.DateTimeFormatter.ofPattern(format);
        }
        catch (IllegalArgumentException e) {
            throw ModelFileErrors.badValue("format", value, "a date-time pattern such as 'yyyy-MM-dd' (" + e.getMessage() + ")");
        }
        return format;
    }

    private static String whenMatched(HeaderValue value) {
        String clause = text("when_matched", value).trim();
        try {
            return SqlFragments.whenMatched(clause);
        }
        catch (IllegalArgumentException e) {
            throw ModelFileErrors.badValue("when_matched", value,
                    "a MERGE action on target and source, e.g. 'UPDATE SET target.amount = source.amount' (" + e.getMessage() + ")");
        }
    }

    private static int positive(String key, HeaderValue value) {
        int number = integer(key, value);
        if (number < 1) {
            throw ModelFileErrors.badValue(key, value, "a whole number of at least 1");
        }
        return number;
    }

    private static int nonNegative(String key, HeaderValue value) {
        int number = integer(key, value);
        if (number < 0) {
            throw ModelFileErrors.badValue(key, value, "a whole number of at least 0");
        }
        return number;
    }

    private static int integer(String key, HeaderValue value) {
        if (value instanceof HeaderValue.Number number) {
            try {
                return Integer.parseInt(number.text());
            }
            catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw ModelFileErrors.badValue(key, value, "a whole number");
    }

    private static boolean bool(String key, HeaderValue value) {
        if (value instanceof HeaderValue.Bool bool) {
            return bool.value();
        }
        throw ModelFileErrors.badValue(key, value, "true or false");
    }

    /** A string, or a one-part name taken as written (owners and tags are not SQL identifiers). */
    private static String word(String key, HeaderValue value) {
        if (value instanceof HeaderValue.Text text) {
            return text.value();
        }
        if (value instanceof HeaderValue.Name name && name.parts().size() == 1) {
            return name.parts().get(0).text();
        }
        throw ModelFileErrors.badValue(key, value, "a name or a string");
    }

    private static String text(String key, HeaderValue value) {
        if (value instanceof HeaderValue.Text text) {
            return text.value();
        }
        throw ModelFileErrors.badValue(key, value, "a string in quotes");
    }

    private static String stamp(HeaderValue value) {
        if (value instanceof HeaderValue.Text text) {
            return text.value();
        }
        if (value instanceof HeaderValue.Number number) {
            return number.text();
        }
        throw ModelFileErrors.badValue("stamp", value, "a string in quotes");
    }

    private static boolean isStar(HeaderValue value) {
        return value instanceof HeaderValue.Name name && name.parts().size() == 1 && name.parts().get(0).text().equals("*");
    }

    /** A list's elements, or a single value as a list of one. */
    private static List<HeaderValue> elements(HeaderValue value) {
        return value instanceof HeaderValue.ValueList list ? list.values() : List.of(value);
    }

    /** One plain column name, as Spark compares it (unquoted names lower-cased). */
    private static String column(String key, HeaderValue value) {
        if (value instanceof HeaderValue.Name name && name.parts().size() == 1 && !isStar(value)) {
            HeaderValue.NamePart part = name.parts().get(0);
            return part.quoted() ? part.text() : part.text().toLowerCase(java.util.Locale.ROOT);
        }
        throw ModelFileErrors.badValue(key, value, "a column name");
    }

    private static List<String> columnNames(String key, HeaderValue value) {
        List<String> names = elements(value).stream().map(element -> column(key, element)).toList();
        if (names.isEmpty()) {
            throw ModelFileErrors.badValue(key, value, "at least one column name");
        }
        return names;
    }

    private static List<ColumnDefinition> columnDefinitions(HeaderValue value) {
        List<ColumnDefinition> columns = new ArrayList<>();
        for (HeaderValue element : elements(value)) {
            if (!(element instanceof HeaderValue.Column column)) {
                throw ModelFileErrors.badValue("columns", element, "a column and its type, e.g. columns (id bigint, name string)");
            }
            String type;
            try {
                type = SqlFragments.dataType(column.type());
            }
            catch (IllegalArgumentException e) {
                throw ModelFileErrors.badValue("columns", element, "a Spark SQL type such as bigint, string, decimal(10, 2) ("
                        + e.getMessage() + ")");
            }
            String name = column.name().quoted() ? column.name().text() : column.name().text().toLowerCase(java.util.Locale.ROOT);
            if (columns.stream().anyMatch(existing -> existing.name().equalsIgnoreCase(name))) {
                throw ModelFileErrors.badValue("columns", element, "each column once");
            }
            columns.add(new ColumnDefinition(name, type));
        }
        return columns;
    }

    /**
     * Columns or column expressions, as SQL text: names normalized ({@code ds}, {@code `Odd Name`}),
     * transforms rendered ({@code days(ts)}), strings taken as the SQL they hold.
     */
    private static List<String> columns(String key, HeaderValue value) {
        List<String> columns = new ArrayList<>();
        for (HeaderValue element : elements(value)) {
            // a string is refused, not spliced into DDL: names and transforms are checked as the grammar read them
            if ((element instanceof HeaderValue.Name && !isStar(element)) || element instanceof HeaderValue.Call) {
                columns.add(element.sqlText());
            }
            else {
                throw ModelFileErrors.badValue(key, element, "a column name, a transform such as days(ts), or a list of them");
            }
        }
        return columns;
    }
}
