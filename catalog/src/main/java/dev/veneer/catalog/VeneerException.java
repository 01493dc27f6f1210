package dev.veneer.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Everything a user can cause: a bad project, a conflict, a failed build. The message says what is
 * wrong, why, and what to do; the CLI prints it without a stack trace and exits 1.
 */
public class VeneerException extends RuntimeException {
    private final ErrorCode code;
    private final SourceLocation location;

    public VeneerException(ErrorCode code, SourceLocation location, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.location = location;
    }

    public VeneerException(ErrorCode code, String message) {
        this(code, null, message, null);
    }

    public VeneerException(ErrorCode code, String message, Throwable cause) {
        this(code, null, message, cause);
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }

    /** The message as a user reads it: {@code path:line:col: message}. */
    public String describe() {
        return location == null ? getMessage() : location + ": " + getMessage();
    }
}
