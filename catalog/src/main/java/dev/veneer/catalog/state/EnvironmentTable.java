package dev.veneer.catalog.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of {@code veneer_environments}. Writes are compare-and-set on {@code plan_id}, decided by
 * the database in a single statement, so they stay correct across processes without locks of ours:
 * <ul>
 *   <li>create: {@code INSERT ... ON CONFLICT DO NOTHING} on the primary key; of two racing
 *       inserts the database lets one in and reports zero rows for the other;</li>
 *   <li>replace: {@code UPDATE ... WHERE name = ? AND plan_id = ?}; a racing update waits for the
 *       row lock (PostgreSQL re-checks the WHERE on the committed row; SQLite has one writer at a
 *       time), finds the plan id changed, and updates zero rows.</li>
 * </ul>
 * Why row locks and not serializable transactions with retry: every decision is one conditional
 * statement, so there is no read-then-write gap for a serializable transaction to protect, and
 * READ COMMITTED (PostgreSQL's default) already re-evaluates the condition on the newest committed
 * row after waiting for the lock. Serializable would add spurious serialization failures (and a
 * retry loop that must never re-run a losing compare-and-set as if it had won) for no extra safety.
 * The janitor's delete is the same kind of statement, conditioned on plan id and expiry.
 */
final class EnvironmentTable {
    private static final String COLUMNS =
            "name, plan_id, base_environment, snapshots, created_at, updated_at, expires_at, finalized";

    private EnvironmentTable() {}

    static Optional<EnvironmentRecord> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM veneer_environments WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    static List<EnvironmentRecord> all(Connection connection) throws SQLException {
        List<EnvironmentRecord> environments = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM veneer_environments ORDER BY name");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                environments.add(read(rows));
            }
        }
        return environments;
    }

    /** Creates the environment; false if it exists already. */
    static boolean insert(Connection connection, EnvironmentRecord environment) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO veneer_environments (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, environment.name());
            bindValues(insert, 2, environment);
            return insert.executeUpdate() == 1;
        }
    }

    /** Replaces the environment if its plan id is still {@code expectedPlanId}; false otherwise. */
    static boolean replace(Connection connection, EnvironmentRecord environment, String expectedPlanId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE veneer_environments SET plan_id = ?,"
                + " base_environment = ?, snapshots = ?, created_at = ?, updated_at = ?, expires_at = ?, finalized = ?"
                + " WHERE name = ? AND plan_id = ?")) {
            bindValues(update, 1, environment);
            update.setString(8, environment.name());
            update.setString(9, expectedPlanId);
            return update.executeUpdate() == 1;
        }
    }

    /** Sets the expiry of a non-prod environment; false if there is no such environment. */
    static boolean expire(Connection connection, String name, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE veneer_environments SET expires_at = ? WHERE name = ? AND name <> 'prod'")) {
            update.setLong(1, at.toEpochMilli());
            update.setString(2, name);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Deletes the environment if it still has plan id {@code planId} and is expired at {@code now}:
     * a plan applied since (new plan id, new expiry) keeps it.
     */
    static boolean deleteExpired(Connection connection, String name, String planId, Instant now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM veneer_environments"
                + " WHERE name = ? AND plan_id = ? AND name <> 'prod' AND expires_at IS NOT NULL AND expires_at <= ?")) {
            delete.setString(1, name);
            delete.setString(2, planId);
            delete.setLong(3, now.toEpochMilli());
            return delete.executeUpdate() == 1;
        }
    }

    static void markFinalized(Connection connection, String name, String planId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE veneer_environments SET finalized = ? WHERE name = ? AND plan_id = ?")) {
            update.setBoolean(1, true);
            update.setString(2, name);
            update.setString(3, planId);
            update.executeUpdate();
        }
    }

    /** Binds every column but the name, from parameter {@code first} on, in {@link #COLUMNS} order. */
    private static void bindValues(PreparedStatement statement, int first, EnvironmentRecord environment) throws SQLException {
        statement.setString(first, environment.planId());
        statement.setString(first + 1, environment.baseEnvironment());
        statement.setString(first + 2, EnvironmentCodec.encode(environment.snapshots()));
        statement.setLong(first + 3, environment.createdAt().toEpochMilli());
        statement.setLong(first + 4, environment.updatedAt().toEpochMilli());
        if (environment.expiresAt() == null) {
            statement.setNull(first + 5, Types.BIGINT);
        }
        else {
            statement.setLong(first + 5, environment.expiresAt().toEpochMilli());
        }
        statement.setBoolean(first + 6, environment.finalized());
    }

    private static EnvironmentRecord read(ResultSet row) throws SQLException {
        String name = row.getString("name");
        List<SnapshotPointer> pointers;
        try {
            pointers = EnvironmentCodec.decode(row.getString("snapshots"));
        }
        catch (IllegalArgumentException e) {
            throw new SQLException("environment '" + name + "' has unreadable snapshots: " + e.getMessage(), e);
        }
        long expiresAt = row.getLong("expires_at");
        boolean neverExpires = row.wasNull();
        return new EnvironmentRecord(
                name,
                row.getString("plan_id"),
                row.getString("base_environment"),
                pointers,
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("updated_at")),
                neverExpires ? null : Instant.ofEpochMilli(expiresAt),
                row.getBoolean("finalized"));
    }
}
