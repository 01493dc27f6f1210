package dev.veneer.catalog.state;

import java.sql.SQLException;
import java.util.Map;

/** How a store reaches its database: each vendor wants its own connection and transaction habits. */
interface ConnectionSource extends AutoCloseable {
    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    <T> T inTransaction(SqlWork<T> work) throws SQLException;

    /** Driver properties every connection to this database needs, Flyway's included. */
    Map<String, String> jdbcProperties();

    @Override
    void close();
}
