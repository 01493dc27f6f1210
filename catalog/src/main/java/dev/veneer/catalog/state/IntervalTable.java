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
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SQL of {@code veneer_intervals}. A version's rows are kept disjoint and non-touching: recording
 * a range deletes the rows it overlaps or touches and inserts their union, in one transaction, so the
 * row count stays the number of gaps plus one however many batches landed.
 */
final class IntervalTable {
    private IntervalTable() {}

    static Map<VersionKey, List<Interval>> find(Connection connection, Collection<VersionKey> versions) throws SQLException {
        Map<VersionKey, List<Interval>> found = new TreeMap<>();
        for (List<VersionKey> chunk : Chunks.of(new ArrayList<>(new TreeSet<>(versions)), Chunks.SIZE)) {
            String sql = "SELECT model, version, start_ms, end_ms FROM veneer_intervals WHERE "
                    + Chunks.repeat("(model = ? AND version = ?)", " OR ", chunk.size()) + " ORDER BY model, version, start_ms";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                for (VersionKey key : chunk) {
                    select.setString(index++, key.model().toString());
                    select.setString(index++, key.version());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        VersionKey key = new VersionKey(ModelName.parse(rows.getString(1)), rows.getString(2));
                        found.computeIfAbsent(key, k -> new ArrayList<>()).add(interval(rows.getLong(3), rows.getLong(4)));
                    }
                }
            }
        }
        found.replaceAll((key, intervals) -> merged(intervals));
        return found;
    }

    static void record(Connection connection, VersionKey key, Interval interval) throws SQLException {
        long start = interval.start().toEpochMilli();
        long end = interval.end().toEpochMilli();
        List<Interval> neighbours = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT start_ms, end_ms FROM veneer_intervals WHERE model = ? AND version = ? AND start_ms <= ? AND end_ms >= ?")) {
            select.setString(1, key.model().toString());
            select.setString(2, key.version());
            select.setLong(3, end);
            select.setLong(4, start);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    neighbours.add(interval(rows.getLong(1), rows.getLong(2)));
                }
            }
        }
        for (Interval neighbour : neighbours) {
            start = Math.min(start, neighbour.start().toEpochMilli());
            end = Math.max(end, neighbour.end().toEpochMilli());
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM veneer_intervals WHERE model = ? AND version = ? AND start_ms >= ? AND end_ms <= ?")) {
            delete.setString(1, key.model().toString());
            delete.setString(2, key.version());
            delete.setLong(3, start);
            delete.setLong(4, end);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO veneer_intervals (model, version, start_ms, end_ms) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, key.model().toString());
            insert.setString(2, key.version());
            insert.setLong(3, start);
            insert.setLong(4, end);
            insert.executeUpdate();
        }
    }

    static void removeAll(Connection connection, VersionKey key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM veneer_intervals WHERE model = ? AND version = ?")) {
            delete.setString(1, key.model().toString());
            delete.setString(2, key.version());
            delete.executeUpdate();
        }
    }

    /** Sorted, overlapping and touching ranges joined: robust even to rows written by racing writers. */
    static List<Interval> merged(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(null);
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).touches(next)) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(new Interval(last.start(), last.end().isAfter(next.end()) ? last.end() : next.end()));
            }
            else {
                merged.add(next);
            }
        }
        return List.copyOf(merged);
    }

    private static Interval interval(long startMillis, long endMillis) {
        return new Interval(Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis));
    }
}
