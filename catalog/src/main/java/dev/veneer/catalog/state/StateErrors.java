package dev.veneer.catalog.state;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;

/** The state store's user-facing errors, side by side so their wording stays consistent. */
final class StateErrors {
    private static final String WHERE_TO_FIX = "check 'state' in veneer.yaml or VENEER_STATE_URL";

    private StateErrors() {}

    static VeneerException cannotOpen(String url, String cause, Throwable error) {
        return new VeneerException(ErrorCode.STATE_UNAVAILABLE,
                "cannot open state store " + url + ": " + cause + "; " + WHERE_TO_FIX, error);
    }

    static VeneerException operationFailed(StateUrl url, String operation, Throwable error) {
        if (isReadOnly(error)) {
            return new VeneerException(ErrorCode.STATE_UNAVAILABLE,
                    "state store " + url + " is read-only, so Veneer cannot " + operation + " (" + describe(error)
                            + "); point 'state' at a writable database (veneer.yaml or VENEER_STATE_URL), not a replica or read-only file",
                    error);
        }
        return new VeneerException(ErrorCode.STATE_UNAVAILABLE,
                "state store " + url + " failed to " + operation + ": " + describe(error)
                        + "; check that the database is reachable, then retry", error);
    }

    static VeneerException tooNew(StateUrl url, String storedVersion, String knownVersion) {
        return new VeneerException(ErrorCode.STATE_TOO_NEW,
                "state at " + url + " was written by a newer Veneer (schema version " + storedVersion
                        + ", this binary knows " + knownVersion + "); upgrade Veneer");
    }

    static VeneerException environmentChanged(String environment) {
        return new VeneerException(ErrorCode.ENVIRONMENT_CHANGED,
                "environment '" + environment + "' changed since this plan was made; plan again");
    }

    static VeneerException projectMismatch(StateUrl url, String boundProject, String requestedProject) {
        return new VeneerException(ErrorCode.PLAN_PROJECT_MISMATCH,
                "state " + url + " belongs to project '" + boundProject + "', not '" + requestedProject
                        + "'; point 'state' in veneer.yaml (or VENEER_STATE_URL) at this project's own state,"
                        + " or name the project '" + boundProject + "' again");
    }

    /** PostgreSQL's read_only_sql_transaction (25006), SQLite's SQLITE_READONLY. */
    private static boolean isReadOnly(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "25006".equals(sql.getSQLState())) {
                return true;
            }
            String message = cause.getMessage();
            if (message != null && (message.contains("SQLITE_READONLY") || message.contains("read-only transaction"))) {
                return true;
            }
        }
        return false;
    }

    /** The first line of the deepest message: drivers and Flyway wrap the useful part, over several lines. */
    static String describe(Throwable error) {
        Throwable deepest = error;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
        return message.strip().lines().findFirst().orElse(message);
    }
}
