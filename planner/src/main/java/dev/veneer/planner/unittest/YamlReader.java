package dev.veneer.planner.unittest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a YAML document into {@link YamlNode}s, each knowing its line and column. */
final class YamlReader {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final String path;
    private final JsonParser parser;

    private YamlReader(String path, JsonParser parser) {
        this.path = path;
        this.parser = parser;
    }

    /**
     * @return null for an empty document
     * @throws VeneerException {@code TEST_INVALID} at the place the YAML breaks
     */
    static YamlNode read(String path, String content) {
        try (JsonParser parser = YAML.createParser(content)) {
            YamlReader reader = new YamlReader(path, parser);
            JsonToken first = parser.nextToken();
            return first == null ? null : reader.node(first);
        }
        catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourceLocation location = at == null || at.getLineNr() < 1 ? new SourceLocation(path, 1, 1)
                    : new SourceLocation(path, at.getLineNr(), Math.max(1, at.getColumnNr()));
            throw new VeneerException(ErrorCode.TEST_INVALID, location, "not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse("").strip() + "; fix the test file's syntax", e);
        }
        catch (IOException e) {
            throw new VeneerException(ErrorCode.TEST_INVALID, new SourceLocation(path, 1, 1), "cannot read: " + e.getMessage(), e);
        }
    }

    private YamlNode node(JsonToken token) throws IOException {
        SourceLocation location = location();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String key = parser.currentName();
                    SourceLocation keyLocation = location();
                    YamlNode value = node(parser.nextToken());
                    YamlNode.Entry earlier = entries.putIfAbsent(key, new YamlNode.Entry(key, keyLocation, value));
                    if (earlier != null) {
                        throw new VeneerException(ErrorCode.TEST_INVALID, keyLocation, "key '" + key + "' is written twice (first at line "
                                + earlier.keyLocation().line() + "); keep one", null);
                    }
                }
                return new YamlNode.Mapping(entries, location);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    items.add(node(next));
                }
                return new YamlNode.Sequence(items, location);
            }
            case VALUE_STRING -> {
                return new YamlNode.Scalar(parser.getText(), location);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(parser.getNumberValue(), location);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.Scalar(parser.getBooleanValue(), location);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(null, location);
            }
            default -> throw new VeneerException(ErrorCode.TEST_INVALID, location, "unexpected YAML token " + token, null);
        }
    }

    private SourceLocation location() {
        JsonLocation at = parser.currentTokenLocation();
        return new SourceLocation(path, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }
}
