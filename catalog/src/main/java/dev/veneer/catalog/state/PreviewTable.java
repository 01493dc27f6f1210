package dev.veneer.catalog.state;

import dev.veneer.catalog.ModelName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of {@code veneer_previews}: the previews of forward-only changes that may exist. */
final class PreviewTable {
    private PreviewTable() {}

    /** Idempotent: a re-applied plan records the same preview again, keeping the first record. */
    static void record(Connection connection, PreviewRecord preview) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO veneer_previews (preview, environment, model,"
                + " source_table, table_format, preview_branch, preview_rows_table, interval_version, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, preview.preview());
            insert.setString(2, preview.environment());
            insert.setString(3, preview.model().toString());
            insert.setString(4, preview.sourceTable());
            insert.setString(5, preview.tableFormat());
            insert.setString(6, preview.branch());
            insert.setString(7, preview.rowsTable());
            insert.setString(8, preview.intervalVersion());
            insert.setLong(9, preview.createdAt().toEpochMilli());
            insert.executeUpdate();
        }
    }

    static List<PreviewRecord> all(Connection connection) throws SQLException {
        List<PreviewRecord> previews = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT preview, environment, model, source_table, table_format,"
                + " preview_branch, preview_rows_table, interval_version, created_at FROM veneer_previews ORDER BY preview");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                previews.add(new PreviewRecord(rows.getString(1), rows.getString(2), ModelName.parse(rows.getString(3)),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                        Instant.ofEpochMilli(rows.getLong(9))));
            }
        }
        return previews;
    }

    /** Forgets a preview and its intervals, once its objects are dropped. */
    static boolean forget(Connection connection, String preview) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT model, interval_version FROM veneer_previews WHERE preview = ?")) {
            select.setString(1, preview);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    IntervalTable.removeAll(connection, new VersionKey(ModelName.parse(rows.getString(1)), rows.getString(2)));
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM veneer_previews WHERE preview = ?")) {
            delete.setString(1, preview);
            return delete.executeUpdate() > 0;
        }
    }
}
