package dev.veneer.catalog.state;

import java.sql.Connection;
import java.sql.SQLException;

/** One unit of JDBC work, run inside a transaction by a {@link ConnectionSource}. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
