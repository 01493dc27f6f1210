package dev.veneer.catalog.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The SQL of {@code veneer_project}: the single row saying which project owns this state. */
final class ProjectTable {
    private ProjectTable() {}

    static Optional<String> projectName(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT project_name FROM veneer_project WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
        }
    }

    /**
     * Claims the state for {@code projectName} if no project has yet, and returns the owner. The
     * conditional UPDATE decides between two first binds racing: only one finds the name still NULL.
     */
    static String bind(Connection connection, String projectName) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE veneer_project SET project_name = ? WHERE id = 1 AND project_name IS NULL")) {
            update.setString(1, projectName);
            update.executeUpdate();
        }
        return projectName(connection).orElseThrow(() -> new SQLException("veneer_project has no row; the state schema is damaged"));
    }
}
