package dev.veneer.catalog.state;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The SQL of {@code veneer_audit_results}: one row per audit and checked range of a version, the latest run's. */
final class AuditResultTable {
    private static final long NO_RANGE = -1;

    private AuditResultTable() {}

    static void record(Connection connection, Collection<AuditResult> results) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM veneer_audit_results"
                + " WHERE model = ? AND version = ? AND audit = ? AND start_ms = ? AND end_ms = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO veneer_audit_results (model, version, audit,"
                        + " start_ms, end_ms, blocking, passed, offending_rows, sample, environment, ran_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditResult result : results) {
                long start = result.range().map(range -> range.start().toEpochMilli()).orElse(NO_RANGE);
                long end = result.range().map(range -> range.end().toEpochMilli()).orElse(NO_RANGE);
                delete.setString(1, result.model().toString());
                delete.setString(2, result.version());
                delete.setString(3, result.audit());
                delete.setLong(4, start);
                delete.setLong(5, end);
                delete.executeUpdate();
                insert.setString(1, result.model().toString());
                insert.setString(2, result.version());
                insert.setString(3, result.audit());
                insert.setLong(4, start);
                insert.setLong(5, end);
                insert.setBoolean(6, result.blocking());
                insert.setBoolean(7, result.passed());
                insert.setLong(8, result.offendingRows());
                insert.setString(9, result.sample());
                insert.setString(10, result.environment());
                insert.setLong(11, result.ranAt().toEpochMilli());
                insert.executeUpdate();
            }
        }
    }

    /** Every stored result of {@code versions}, by model, version, audit, then range. */
    static List<AuditResult> find(Connection connection, Collection<VersionKey> versions) throws SQLException {
        List<AuditResult> found = new ArrayList<>();
        for (List<VersionKey> chunk : Chunks.of(new ArrayList<>(new TreeSet<>(versions)), Chunks.SIZE)) {
            String sql = "SELECT model, version, audit, start_ms, end_ms, blocking, offending_rows, sample, environment, ran_at"
                    + " FROM veneer_audit_results WHERE " + Chunks.repeat("(model = ? AND version = ?)", " OR ", chunk.size())
                    + " ORDER BY model, version, audit, start_ms, end_ms";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                for (VersionKey key : chunk) {
                    select.setString(index++, key.model().toString());
                    select.setString(index++, key.version());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long start = rows.getLong(4);
                        long end = rows.getLong(5);
                        Optional<Interval> range = start == NO_RANGE ? Optional.empty()
                                : Optional.of(new Interval(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)));
                        found.add(new AuditResult(ModelName.parse(rows.getString(1)), rows.getString(2), rows.getString(3), range,
                                rows.getBoolean(6), rows.getLong(7), rows.getString(8), rows.getString(9),
                                Instant.ofEpochMilli(rows.getLong(10))));
                    }
                }
            }
        }
        return found;
    }
}
