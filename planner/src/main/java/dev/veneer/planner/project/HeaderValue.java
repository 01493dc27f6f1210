package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A value in a {@code MODEL (...)} header, as written, before any property gives it a meaning.
 * Every value knows where it was written, so validation can point at it.
 */
sealed interface HeaderValue {
    SourceLocation location();

    /** The value rendered as Spark SQL, normalized (unquoted names lower-cased) so layout never matters. */
    String sqlText();

    /** What a user would call this kind of value, for "expected X, found Y" messages. */
    String describe();

    /** {@code 'text'} or {@code "text"}, already unescaped. */
    record Text(String value, SourceLocation location) implements HeaderValue {
        public Text {
            requireNonNull(value, "value is null");
            requireNonNull(location, "location is null");
        }

        @Override
        public String sqlText() {
            return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }

        @Override
        public String describe() {
            return "string '" + value + "'";
        }
    }

    /** A number, kept as written ({@code 7}, {@code -1.5}). */
    record Number(String text, SourceLocation location) implements HeaderValue {
        public Number {
            requireNonNull(text, "text is null");
            requireNonNull(location, "location is null");
        }

        @Override
        public String sqlText() {
            return text;
        }

        @Override
        public String describe() {
            return "number " + text;
        }
    }

    record Bool(boolean value, SourceLocation location) implements HeaderValue {
        public Bool {
            requireNonNull(location, "location is null");
        }

        @Override
        public String sqlText() {
            return Boolean.toString(value);
        }

        @Override
        public String describe() {
            return "boolean " + value;
        }
    }

    /** A possibly dotted identifier, {@code staging.orders} or {@code `Odd Name`}. */
    record Name(List<NamePart> parts, SourceLocation location) implements HeaderValue {
        public Name {
            parts = List.copyOf(parts);
            requireNonNull(location, "location is null");
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a name has at least one part");
            }
        }

        /** Parts as Spark compares them: unquoted and lower-cased. */
        List<String> folded() {
            return parts.stream().map(part -> part.text().toLowerCase(Locale.ROOT)).toList();
        }

        @Override
        public String sqlText() {
            return parts.stream().map(NamePart::sqlText).collect(Collectors.joining("."));
        }

        @Override
        public String describe() {
            return "name " + sqlText();
        }
    }

    /** One part of a {@link Name}; {@code quoted} when it was written in back-quotes. */
    record NamePart(String text, boolean quoted) {
        public NamePart {
            requireNonNull(text, "text is null");
        }

        String sqlText() {
            return quoted ? "`" + text.replace("`", "``") + "`" : text.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A column and its type inside a list, {@code columns (id bigint, price decimal(10, 2))}.
     *
     * @param type the type exactly as written, checked later against Spark's grammar
     */
    record Column(NamePart name, String type, SourceLocation location) implements HeaderValue {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(location, "location is null");
        }

        @Override
        public String sqlText() {
            return name.sqlText() + " " + type;
        }

        @Override
        public String describe() {
            return "column " + sqlText();
        }
    }

    /**
     * A piece of SQL kept as written, for a property whose values Spark's grammar reads later
     * ({@code audits (not_null(columns := (id)))}): each audit call, from its first token to its last.
     */
    record Raw(String text, SourceLocation location) implements HeaderValue {
        public Raw {
            requireNonNull(text, "text is null");
            requireNonNull(location, "location is null");
        }

        @Override
        public String sqlText() {
            return text;
        }

        @Override
        public String describe() {
            return "'" + text + "'";
        }
    }

    /** {@code [a, b]} or {@code (a, b)}. */
    record ValueList(List<HeaderValue> values, SourceLocation location) implements HeaderValue {
        public ValueList {
            values = List.copyOf(values);
            requireNonNull(location, "location is null");
        }

        @Override
        public String sqlText() {
            return values.stream().map(HeaderValue::sqlText).collect(Collectors.joining(", ", "(", ")"));
        }

        @Override
        public String describe() {
            return "list " + sqlText();
        }
    }

    /**
     * A name with an argument list: {@code INCREMENTAL_BY_TIME_RANGE (time_column ds, batch_size 7)}
     * holds properties, {@code bucket(16, id)} holds positional arguments.
     */
    record Call(String name, List<HeaderProperty> properties, List<HeaderValue> arguments, SourceLocation location)
            implements HeaderValue {
        public Call {
            requireNonNull(name, "name is null");
            properties = List.copyOf(properties);
            arguments = List.copyOf(arguments);
            requireNonNull(location, "location is null");
        }

        @Override
        public String sqlText() {
            String args = arguments.stream().map(HeaderValue::sqlText).collect(Collectors.joining(", "));
            String props = properties.stream()
                    .map(property -> property.key() + " " + property.value().sqlText())
                    .collect(Collectors.joining(", "));
            String separator = args.isEmpty() || props.isEmpty() ? "" : ", ";
            return name.toLowerCase(Locale.ROOT) + "(" + args + separator + props + ")";
        }

        @Override
        public String describe() {
            return name + "(...)";
        }
    }
}
