package dev.veneer.planner.project;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Errors in a model file's header, side by side: each says what is wrong and how to fix it. */
final class ModelFileErrors {
    static final String HEADER_EXAMPLE = "MODEL (name schema.table, kind FULL)";

    private ModelFileErrors() {}

    private static VeneerException invalid(SourceLocation location, String message) {
        return new VeneerException(ErrorCode.MODEL_INVALID, location, message, null);
    }

    static VeneerException missingHeader(String path) {
        return invalid(new SourceLocation(path, 1, 1),
                "missing MODEL header; a model file starts with " + HEADER_EXAMPLE + " followed by one query");
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
        return invalid(value.location(), "unknown model kind '" + kind + "'; kinds are "
                + names(List.of(ModelKind.values()))
                + " (this version supports " + names(ModelKind.supportedKinds()) + ")");
    }

    static VeneerException unsupportedKind(HeaderValue value, ModelKind kind) {
        return invalid(value.location(), "kind " + kind.name() + " is not supported yet; supported: "
                + names(ModelKind.supportedKinds()));
    }

    static VeneerException kindTakesNoArguments(HeaderValue value, ModelKind kind) {
        return invalid(value.location(), "kind " + kind.name() + " takes no arguments; write 'kind " + kind.name() + "'");
    }

    static VeneerException unknownTableFormat(HeaderValue value, String format) {
        return invalid(value.location(), "unknown table_format '" + format + "'; valid formats: "
                + Arrays.stream(TableFormat.values()).map(TableFormat::sqlName).collect(Collectors.joining(", ")));
    }

    private static String names(Collection<ModelKind> kinds) {
        return kinds.stream().map(kind -> kind.name().toUpperCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
