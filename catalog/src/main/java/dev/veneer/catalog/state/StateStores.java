package dev.veneer.catalog.state;

import java.time.Clock;

/** Opens the state store a JDBC URL names, migrating its schema to this Veneer's version first. */
public final class StateStores {
    private StateStores() {}

    /**
     * Opens {@code jdbc:sqlite:<file>} (the folder is created if missing) or
     * {@code jdbc:postgresql://host:port/db[?currentSchema=schema&user=...]}.
     *
     * @throws dev.veneer.catalog.VeneerException {@code STATE_UNAVAILABLE} if the database cannot be
     *     reached or migrated, {@code STATE_TOO_NEW} if a newer Veneer wrote it
     */
    public static StateStore open(String jdbcUrl) {
        StateUrl url = StateUrl.parse(jdbcUrl);
        ConnectionSource connections = switch (url.vendor()) {
            case SQLITE -> SqliteConnection.open(url);
            case POSTGRESQL -> PostgresConnections.open(url);
        };
        try {
            StateSchema.migrate(url, connections.jdbcProperties());
        }
        catch (RuntimeException e) {
            connections.close();
            throw e;
        }
        return new JdbcStateStore(url, connections, Clock.systemUTC());
    }

    /**
     * Opens the state at {@code jdbcUrl} for a command that only reads it: as {@link #open}, except
     * that a SQLite file that does not exist yet reads as empty state and is not created (nor its
     * folder): a {@code plan} of a new project writes nothing into it. PostgreSQL is always opened.
     */
    public static StateStore openForReading(String jdbcUrl) {
        StateUrl url = StateUrl.parse(jdbcUrl);
        java.util.Optional<java.nio.file.Path> file = url.sqliteFile();
        if (file.isPresent() && !java.nio.file.Files.exists(file.get())) {
            return new EmptyStateStore(url);
        }
        return open(jdbcUrl);
    }

    /**
     * Migrates the state at {@code jdbcUrl} to this Veneer's schema version and says from which
     * version ({@code veneer migrate}); {@link #open} does the same on every open.
     *
     * @throws dev.veneer.catalog.VeneerException as {@link #open} does
     */
    public static SchemaVersion migrate(String jdbcUrl) {
        StateUrl url = StateUrl.parse(jdbcUrl);
        try (ConnectionSource connections = switch (url.vendor()) {
            case SQLITE -> SqliteConnection.open(url);
            case POSTGRESQL -> PostgresConnections.open(url);
        }) {
            return StateSchema.migrate(url, connections.jdbcProperties());
        }
    }

}
