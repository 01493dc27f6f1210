package dev.veneer.catalog.state;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** Runs the contract on the PostgreSQL server every machine of ours has; one fresh schema per test. */
class PostgresStateStoreTest extends StateStoreContract {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=5";
    private static final String NOT_REACHABLE = "PostgreSQL not reachable at 127.0.0.1:5432: start it with "
            + "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`";

    private String schema;

    /** Skips locally when the server is down; on CI (CI=true) the server must be there, so it fails instead. */
    @BeforeAll
    static void requireServer() {
        try (Connection connection = DriverManager.getConnection(SERVER)) {
            connection.isValid(5);
        }
        catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(NOT_REACHABLE + " (" + e.getMessage() + ")", e);
            }
            Assumptions.abort(NOT_REACHABLE);
        }
    }

    @Override
    protected String freshStateUrl() throws SQLException {
        schema = "veneer_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        return "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + schema;
    }

    @Override
    protected void dropState(String url) throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
