package dev.veneer.catalog;

/** Families of user-facing errors; scripts may match on them in JSON output. */
public enum ErrorCode {
    PROJECT_INVALID,
    MODEL_INVALID,
    SQL_SYNTAX,
    UNKNOWN_REFERENCE,
    DEPENDENCY_CYCLE,
    DUPLICATE_MODEL,
    ENVIRONMENT_INVALID,
    ENVIRONMENT_NOT_FOUND,
    ENVIRONMENT_CHANGED,
    PLAN_INVALID,
    PLAN_FILE_INVALID,
    PLAN_PROJECT_MISMATCH,
    STATE_UNAVAILABLE,
    STATE_TOO_NEW,
    BUILD_FAILED,
    QUERY_FAILED,
    MODEL_NOT_FOUND,
    LEASE_HELD,
    CLEANUP_FAILED,
    OUTPUT_INVALID,
    AUDIT_FAILED,
    TEST_INVALID,
    TEST_FAILED,
    /** A forward-only change would drop or retype columns of a table that keeps its rows. */
    DESTRUCTIVE_CHANGE,
}
