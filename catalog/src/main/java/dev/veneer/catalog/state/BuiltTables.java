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
import java.util.Set;
import java.util.TreeSet;

/** The SQL of {@code veneer_built_tables}: the physical tables whose build finished. */
final class BuiltTables {
    private static final String INSERT = "INSERT INTO veneer_built_tables (physical_table, model, version, built_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private BuiltTables() {}

    static Set<String> find(Connection connection, Collection<String> physicalTables) throws SQLException {
        Set<String> built = new TreeSet<>();
        for (List<String> chunk : Chunks.of(new ArrayList<>(new TreeSet<>(physicalTables)), Chunks.SIZE)) {
            String sql = "SELECT physical_table FROM veneer_built_tables WHERE physical_table IN ("
                    + Chunks.repeat("?", ", ", chunk.size()) + ")";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        built.add(rows.getString(1));
                    }
                }
            }
        }
        return built;
    }

    /** Idempotent: a re-applied plan records the same table again, keeping the first build time. */
    static void record(Connection connection, String physicalTable, ModelName model, String version, Instant builtAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, physicalTable);
            insert.setString(2, model.toString());
            insert.setString(3, version);
            insert.setLong(4, builtAt.toEpochMilli());
            insert.executeUpdate();
        }
    }
}
