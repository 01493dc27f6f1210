package dev.veneer.planner.project;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.planner.sql.ParsedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Gives a {@link ModelHeader}'s properties their meaning and builds the {@link ModelDefinition}:
 * every unknown, repeated or ill-typed property is an error at the place it is written.
 */
final class ModelHeaderValidator {
    /** Every property a header may hold, in the order messages list them. */
    static final List<String> PROPERTIES = List.of(
            "name", "kind", "table_format", "owner", "description", "tags", "cron", "grain", "partitioned_by",
            "depends_on", "stamp");

    private ModelHeaderValidator() {}

    /**
     * @param query parsed only once the header is known to be valid, so header errors come first
     */
    static ModelDefinition build(ModelHeader header, String path, Supplier<ParsedQuery> query) {
        Map<String, HeaderProperty> byKey = new LinkedHashMap<>();
        for (HeaderProperty property : header.properties()) {
            if (!PROPERTIES.contains(property.key())) {
                throw ModelFileErrors.unknownProperty(property.location(), property.key(), PROPERTIES);
            }
            HeaderProperty first = byKey.putIfAbsent(property.key(), property);
            if (first != null) {
                throw ModelFileErrors.duplicateProperty(property.location(), property.key(), first.location());
            }
        }
        HeaderProperty name = byKey.get("name");
        if (name == null) {
            throw ModelFileErrors.missingName(path);
        }
        ModelName modelName = modelName("name", name.value());
        ModelKind kind = value(byKey, "kind").map(ModelHeaderValidator::kind).orElse(ModelKind.FULL);
        Optional<TableFormat> format = value(byKey, "table_format").map(ModelHeaderValidator::tableFormat);
        Optional<String> owner = value(byKey, "owner").map(value -> word("owner", value));
        Optional<String> description = value(byKey, "description").map(value -> text("description", value));
        List<String> tags = value(byKey, "tags").map(value -> elements(value).stream().map(tag -> word("tags", tag)).toList())
                .orElse(List.of());
        Optional<String> cron = value(byKey, "cron").map(value -> text("cron", value));
        List<String> grain = value(byKey, "grain").map(value -> columns("grain", value)).orElse(List.of());
        List<String> partitionedBy = value(byKey, "partitioned_by").map(value -> columns("partitioned_by", value))
                .orElse(List.of());
        List<ModelName> dependsOn = value(byKey, "depends_on")
                .map(value -> elements(value).stream().map(element -> modelName("depends_on", element)).toList())
                .orElse(List.of());
        Optional<String> stamp = value(byKey, "stamp").map(ModelHeaderValidator::stamp);
        SourceLocation location = header.location();
        return new ModelDefinition(modelName, path, kind, format, query.get(), owner, description, tags, cron, grain,
                partitionedBy, dependsOn, stamp, location);
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
        // The supported kinds have no settings yet; the incremental kinds will read the call's properties.
        if (value instanceof HeaderValue.Call) {
            throw ModelFileErrors.kindTakesNoArguments(value, kind);
        }
        return kind;
    }

    private static TableFormat tableFormat(HeaderValue value) {
        String written = word("table_format", value);
        return TableFormat.parse(written).orElseThrow(() -> ModelFileErrors.unknownTableFormat(value, written));
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

    /** A list's elements, or a single value as a list of one. */
    private static List<HeaderValue> elements(HeaderValue value) {
        return value instanceof HeaderValue.ValueList list ? list.values() : List.of(value);
    }

    /**
     * Columns or column expressions, as SQL text: names normalized ({@code ds}, {@code `Odd Name`}),
     * transforms rendered ({@code days(ts)}), strings taken as the SQL they hold.
     */
    private static List<String> columns(String key, HeaderValue value) {
        List<String> columns = new ArrayList<>();
        for (HeaderValue element : elements(value)) {
            if (element instanceof HeaderValue.Text text) {
                columns.add(text.value());
            }
            else if (element instanceof HeaderValue.Name || element instanceof HeaderValue.Call) {
                columns.add(element.sqlText());
            }
            else {
                throw ModelFileErrors.badValue(key, element, "a column name, a transform such as days(ts), or a list of them");
            }
        }
        return columns;
    }
}
