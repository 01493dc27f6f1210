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
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The SQL of {@code veneer_snapshots}: immutable rows, read in batches, inserted once. */
final class SnapshotTable {
    private static final String COLUMNS =
            "model, fingerprint, version, physical_table, kind, table_format, data_hash, metadata_hash, payload, created_at";

    private static final String INSERT = "INSERT INTO veneer_snapshots (" + COLUMNS + ", last_used_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private SnapshotTable() {}

    /**
     * One query per {@link Chunks#SIZE} keys. Each key is an {@code (model = ? AND fingerprint = ?)}
     * term: both databases turn such ORs into primary-key lookups, and SQLite has no row-value IN list.
     */
    static Map<SnapshotKey, StoredSnapshot> find(Connection connection, Collection<SnapshotKey> keys) throws SQLException {
        Map<SnapshotKey, StoredSnapshot> found = new TreeMap<>();
        for (List<SnapshotKey> chunk : Chunks.of(new ArrayList<>(new TreeSet<>(keys)), Chunks.SIZE)) {
            String sql = "SELECT " + COLUMNS + " FROM veneer_snapshots WHERE "
                    + Chunks.repeat("(model = ? AND fingerprint = ?)", " OR ", chunk.size());
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                for (SnapshotKey key : chunk) {
                    select.setString(index++, key.model().toString());
                    select.setString(index++, key.fingerprint());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        StoredSnapshot snapshot = read(rows);
                        found.put(snapshot.key(), snapshot);
                    }
                }
            }
        }
        return found;
    }

    /** Inserts the snapshots not stored yet; a stored one is never overwritten, snapshots being immutable. */
    static void insertMissing(Connection connection, Collection<StoredSnapshot> snapshots) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (StoredSnapshot snapshot : snapshots) {
                insert.setString(1, snapshot.key().model().toString());
                insert.setString(2, snapshot.key().fingerprint());
                insert.setString(3, snapshot.version());
                insert.setString(4, snapshot.physicalTable());
                insert.setString(5, snapshot.kind());
                insert.setString(6, snapshot.tableFormat());
                insert.setString(7, snapshot.dataHash());
                insert.setString(8, snapshot.metadataHash());
                insert.setString(9, snapshot.payload());
                insert.setLong(10, snapshot.createdAt().toEpochMilli());
                insert.setLong(11, snapshot.createdAt().toEpochMilli());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static StoredSnapshot read(ResultSet row) throws SQLException {
        return new StoredSnapshot(
                new SnapshotKey(ModelName.parse(row.getString("model")), row.getString("fingerprint")),
                row.getString("version"),
                row.getString("physical_table"),
                row.getString("kind"),
                row.getString("table_format"),
                row.getString("data_hash"),
                row.getString("metadata_hash"),
                row.getString("payload"),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
