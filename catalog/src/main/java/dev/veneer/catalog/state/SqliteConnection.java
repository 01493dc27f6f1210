package dev.veneer.catalog.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * One connection to a SQLite file, shared by the store's threads one at a time. SQLite allows one
 * writer per file anyway; WAL lets readers in other processes continue while we write, and the
 * busy timeout makes a second process wait for the lock instead of failing at once.
 */
final class SqliteConnection implements ConnectionSource {
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteConnection(Connection connection) {
        this.connection = connection;
    }

    static SqliteConnection open(StateUrl url) {
        Path file = url.sqliteFile().orElseThrow(() -> new IllegalArgumentException("not a SQLite URL: " + url));
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        }
        catch (IOException e) {
            throw StateErrors.cannotOpen(url.redacted(), "cannot create folder " + parent + " (" + StateErrors.describe(e) + ")", e);
        }
        try {
            Properties properties = new Properties();
            properties.putAll(pragmas());
            Connection connection = DriverManager.getConnection(url.url(), properties);
            // Autocommit stays on: transactions are explicit BEGIN IMMEDIATE ... COMMIT (see inTransaction).
            connection.setAutoCommit(true);
            return new SqliteConnection(connection);
        }
        catch (SQLException e) {
            throw StateErrors.cannotOpen(url.redacted(), StateErrors.describe(e), e);
        }
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        lock.lock();
        try (Statement statement = connection.createStatement()) {
            // IMMEDIATE takes the write lock up front, waiting up to the busy timeout. A deferred
            // transaction that reads first and writes later fails at once with SQLITE_BUSY under WAL
            // when another process wrote in between; the busy handler cannot help it.
            statement.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(connection);
                statement.execute("COMMIT");
                return result;
            }
            catch (SQLException | RuntimeException | Error e) {
                rollback(statement, e);
                throw e;
            }
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, String> jdbcProperties() {
        return pragmas();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        }
        catch (SQLException e) {
            // Nothing is pending: every transaction ended before close, so there is nothing to lose.
        }
        finally {
            lock.unlock();
        }
    }

    private static Map<String, String> pragmas() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // SQLite's advice for WAL: no fsync per commit (~3 ms each here; an apply commits once per batch,
        // lease and build). A commit stays atomic and survives the process being killed at any point;
        // only a power loss or an OS crash may take back the last commits, which a resumed apply redoes.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Map<String, String> pragmas = new LinkedHashMap<>();
        config.toProperties().forEach((key, value) -> pragmas.put(key.toString(), value.toString()));
        // The driver lets these properties override the URL: a default open mode would silently turn
        // a URL's ?open_mode=1 (read-only) into read-write.
        pragmas.remove(SQLiteConfig.Pragma.OPEN_MODE.pragmaName);
        return pragmas;
    }

    private static void rollback(Statement statement, Throwable failure) {
        try {
            statement.execute("ROLLBACK");
        }
        catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
