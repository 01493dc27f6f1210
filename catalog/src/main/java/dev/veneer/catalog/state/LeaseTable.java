package dev.veneer.catalog.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The SQL of {@code veneer_leases}. Taking a lease is one upsert whose update only happens when the
 * row is ours or expired, so the database decides a race between processes: the loser's statement
 * changes zero rows. SQLite (one writer at a time) and PostgreSQL (the conflicting insert waits for
 * the row lock, then re-checks the WHERE on the committed row) both accept this statement.
 */
final class LeaseTable {
    private static final String ACQUIRE = """
            INSERT INTO veneer_leases (physical_table, owner, acquired_at, heartbeat_at, expires_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (physical_table) DO UPDATE SET
                owner = excluded.owner,
                acquired_at = CASE WHEN veneer_leases.owner = excluded.owner THEN veneer_leases.acquired_at ELSE excluded.acquired_at END,
                heartbeat_at = excluded.heartbeat_at,
                expires_at = excluded.expires_at
            WHERE veneer_leases.owner = excluded.owner OR veneer_leases.expires_at <= excluded.heartbeat_at""";

    private LeaseTable() {}

    static boolean acquire(Connection connection, String physicalTable, String owner, Instant now, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(ACQUIRE)) {
            upsert.setString(1, physicalTable);
            upsert.setString(2, owner);
            upsert.setLong(3, now.toEpochMilli());
            upsert.setLong(4, now.toEpochMilli());
            upsert.setLong(5, expiresAt.toEpochMilli());
            return upsert.executeUpdate() == 1;
        }
    }

    static int renew(Connection connection, Collection<String> physicalTables, String owner, Instant now, Instant expiresAt)
            throws SQLException {
        int renewed = 0;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE veneer_leases SET heartbeat_at = ?, expires_at = ? WHERE physical_table = ? AND owner = ?")) {
            for (String table : physicalTables) {
                update.setLong(1, now.toEpochMilli());
                update.setLong(2, expiresAt.toEpochMilli());
                update.setString(3, table);
                update.setString(4, owner);
                renewed += update.executeUpdate();
            }
        }
        return renewed;
    }

    static void release(Connection connection, String physicalTable, String owner) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM veneer_leases WHERE physical_table = ? AND owner = ?")) {
            delete.setString(1, physicalTable);
            delete.setString(2, owner);
            delete.executeUpdate();
        }
    }

    static Optional<Lease> find(Connection connection, String physicalTable) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT owner, acquired_at, heartbeat_at, expires_at FROM veneer_leases WHERE physical_table = ?")) {
            select.setString(1, physicalTable);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(physicalTable, row.getString(1), Instant.ofEpochMilli(row.getLong(2)),
                        Instant.ofEpochMilli(row.getLong(3)), Instant.ofEpochMilli(row.getLong(4))));
            }
        }
    }
}
