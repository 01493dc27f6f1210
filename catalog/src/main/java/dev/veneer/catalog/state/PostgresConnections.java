package dev.veneer.catalog.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * A fresh connection per operation. Operations are few and short (a plan reads, an apply commits),
 * so a pool would buy little and would hold connections of a shared server while a notebook idles.
 */
final class PostgresConnections implements ConnectionSource {
    private static final Map<String, String> PROPERTIES = Map.of("ApplicationName", "veneer");

    private final StateUrl url;

    private PostgresConnections(StateUrl url) {
        this.url = url;
    }

    /** Connects once, so an unreachable server is reported now, with the driver's reason. */
    static PostgresConnections open(StateUrl url) {
        PostgresConnections connections = new PostgresConnections(url);
        try (Connection connection = connections.connect()) {
            connection.isValid(5);
        }
        catch (SQLException e) {
            throw StateErrors.cannotOpen(url.redacted(), StateErrors.describe(e), e);
        }
        return connections;
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            }
            catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                }
                catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    @Override
    public Map<String, String> jdbcProperties() {
        return PROPERTIES;
    }

    @Override
    public void close() {
        // Nothing held between operations.
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(PROPERTIES);
        return DriverManager.getConnection(url.url(), properties);
    }
}
