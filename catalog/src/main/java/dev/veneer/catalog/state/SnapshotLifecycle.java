package dev.veneer.catalog.state;

import dev.veneer.catalog.ModelName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The SQL behind the janitor's view of snapshots and built tables: when each snapshot was last
 * used, and forgetting a physical table once it is dropped.
 */
final class SnapshotLifecycle {
    private SnapshotLifecycle() {}

    /** Moves {@code last_used_at} forward to {@code at}; never backwards. */
    static void touch(Connection connection, Collection<SnapshotKey> keys, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE veneer_snapshots SET last_used_at = ?"
                + " WHERE model = ? AND fingerprint = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
            for (SnapshotKey key : new TreeSet<>(keys)) {
                update.setLong(1, at.toEpochMilli());
                update.setString(2, key.model().toString());
                update.setString(3, key.fingerprint());
                update.setLong(4, at.toEpochMilli());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    static List<SnapshotUsage> usage(Connection connection) throws SQLException {
        List<SnapshotUsage> usage = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT model, fingerprint, version, physical_table, kind,"
                + " table_format, created_at, COALESCE(last_used_at, created_at) AS last_used_at FROM veneer_snapshots"
                + " ORDER BY physical_table, model, fingerprint");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                usage.add(new SnapshotUsage(
                        new SnapshotKey(ModelName.parse(rows.getString("model")), rows.getString("fingerprint")),
                        rows.getString("version"),
                        rows.getString("physical_table"),
                        rows.getString("kind"),
                        rows.getString("table_format"),
                        Instant.ofEpochMilli(rows.getLong("created_at")),
                        Instant.ofEpochMilli(rows.getLong("last_used_at"))));
            }
        }
        return usage;
    }

    static List<String> builtTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT physical_table FROM veneer_built_tables ORDER BY physical_table");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /**
     * Forgets that {@code physicalTable} is built, unless a snapshot of it was used at or after
     * {@code usedBefore}: one conditional statement, so an apply that touched the snapshot first wins.
     *
     * @return false if a recent use keeps the table
     */
    static boolean forgetBuilt(Connection connection, String physicalTable, Instant usedBefore) throws SQLException {
        if (recentlyUsed(connection, physicalTable, usedBefore)) {
            return false;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM veneer_built_tables WHERE physical_table = ?"
                + " AND NOT EXISTS (SELECT 1 FROM veneer_snapshots WHERE physical_table = ? AND COALESCE(last_used_at, created_at) >= ?)")) {
            delete.setString(1, physicalTable);
            delete.setString(2, physicalTable);
            delete.setLong(3, usedBefore.toEpochMilli());
            if (delete.executeUpdate() > 0) {
                // the table's data is no longer trusted, so neither are the ranges it was recorded to hold
                deleteIntervalsOf(connection, physicalTable);
            }
        }
        return !recentlyUsed(connection, physicalTable, usedBefore);
    }

    private static void deleteIntervalsOf(Connection connection, String physicalTable) throws SQLException {
        try (PreparedStatement intervals = connection.prepareStatement("DELETE FROM veneer_intervals WHERE EXISTS (SELECT 1 FROM"
                + " veneer_snapshots s WHERE s.physical_table = ? AND s.model = veneer_intervals.model AND s.version = veneer_intervals.version)")) {
            intervals.setString(1, physicalTable);
            intervals.executeUpdate();
        }
        // and what audits found in that data
        try (PreparedStatement audits = connection.prepareStatement("DELETE FROM veneer_audit_results WHERE EXISTS (SELECT 1 FROM"
                + " veneer_snapshots s WHERE s.physical_table = ? AND s.model = veneer_audit_results.model"
                + " AND s.version = veneer_audit_results.version)")) {
            audits.setString(1, physicalTable);
            audits.executeUpdate();
        }
    }

    /** Deletes the snapshots of a dropped physical table, its data intervals and lease, and its built record if still there. */
    static int deleteSnapshotsOf(Connection connection, String physicalTable) throws SQLException {
        deleteIntervalsOf(connection, physicalTable);
        try (PreparedStatement leases = connection.prepareStatement("DELETE FROM veneer_leases WHERE physical_table = ?")) {
            leases.setString(1, physicalTable);
            leases.executeUpdate();
        }
        try (PreparedStatement built = connection.prepareStatement("DELETE FROM veneer_built_tables WHERE physical_table = ?")) {
            built.setString(1, physicalTable);
            built.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM veneer_snapshots WHERE physical_table = ?")) {
            delete.setString(1, physicalTable);
            return delete.executeUpdate();
        }
    }

    private static boolean recentlyUsed(Connection connection, String physicalTable, Instant usedBefore) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM veneer_snapshots WHERE physical_table = ?"
                + " AND COALESCE(last_used_at, created_at) >= ?")) {
            select.setString(1, physicalTable);
            select.setLong(2, usedBefore.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }
}
