package dev.veneer.planner.project;

import dev.veneer.catalog.VeneerException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code state_schema} in {@code veneer.yaml} (or {@code VENEER_STATE_SCHEMA}): the PostgreSQL
 * schema holding Veneer's tables, so several projects can share one database. It becomes the URL's
 * {@code currentSchema}; Flyway creates the schema on first use.
 */
final class StateSchemaOption {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private StateSchemaOption() {}

    static String apply(String url, String schema, Function<String, VeneerException> error) {
        if (schema == null || schema.isBlank()) {
            return url;
        }
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw error.apply("state_schema '" + schema + "' must be a lower-case identifier of at most 63 characters, e.g. veneer_state");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw error.apply("state_schema applies to PostgreSQL state only, but state is " + url
                    + "; remove state_schema or point state at jdbc:postgresql://host:port/database");
        }
        if (url.contains("currentSchema=")) {
            throw error.apply("state names a schema twice: state_schema '" + schema + "' and currentSchema in " + url
                    + "; keep one of them");
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + URLEncoder.encode(schema, StandardCharsets.UTF_8);
    }
}
