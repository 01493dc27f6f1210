package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the state lives, as the user wrote it in {@code veneer.yaml} or {@code VENEER_STATE_URL}:
 * {@code jdbc:sqlite:/abs/path/state.db} or {@code jdbc:postgresql://host:5432/db?currentSchema=veneer}.
 */
record StateUrl(String url, Vendor vendor) {
    enum Vendor { SQLITE, POSTGRESQL }

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    StateUrl {
        requireNonNull(url, "url is null");
        requireNonNull(vendor, "vendor is null");
    }

    /** Recognizes the vendor; anything else is refused with the URLs we do support. */
    static StateUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw StateErrors.cannotOpen("''" , "no JDBC URL given", null);
        }
        String trimmed = url.trim();
        if (trimmed.startsWith(SQLITE_PREFIX)) {
            StateUrl parsed = new StateUrl(trimmed, Vendor.SQLITE);
            String file = parsed.sqliteFileName();
            // Flyway and the store each open their own connection: an in-memory database would be two databases.
            if (file.isEmpty() || file.contains(":memory:")) {
                throw StateErrors.cannotOpen(parsed.redacted(), "SQLite state must be a file, e.g. jdbc:sqlite:/path/to/state.db", null);
            }
            return parsed;
        }
        if (trimmed.startsWith(POSTGRESQL_PREFIX)) {
            return new StateUrl(trimmed, Vendor.POSTGRESQL);
        }
        throw StateErrors.cannotOpen(redact(trimmed),
                "unsupported database; use jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>", null);
    }

    /** The SQLite database file; empty for PostgreSQL. */
    Optional<Path> sqliteFile() {
        return vendor == Vendor.SQLITE ? Optional.of(Path.of(sqliteFileName())) : Optional.empty();
    }

    /** PostgreSQL's {@code currentSchema} parameter (its first entry), where Veneer's tables live. */
    Optional<String> schema() {
        if (vendor != Vendor.POSTGRESQL) {
            return Optional.empty();
        }
        int query = url.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).equals("currentSchema")) {
                String value = URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8).split(",")[0].trim();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The URL fit for messages and logs: a password parameter is masked. */
    String redacted() {
        return redact(url);
    }

    static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return redacted();
    }

    private String sqliteFileName() {
        String rest = url.substring(SQLITE_PREFIX.length());
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }
}
