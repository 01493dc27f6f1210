package dev.veneer.planner.project;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The folder a command runs in. For a command in its own process that is the process's folder; the
 * planner daemon runs commands for clients in other folders, and sets theirs around each one, so
 * that a relative path a user wrote (a SQLite state file, say) means what it would have meant.
 */
public final class WorkingDirectory {
    private static final ThreadLocal<Path> CURRENT = new InheritableThreadLocal<>();

    private WorkingDirectory() {}

    public static Path current() {
        Path current = CURRENT.get();
        return current != null ? current : Path.of("").toAbsolutePath();
    }

    /** Runs {@code action} with {@code directory} (absolute) as the working folder of this thread and the threads it starts. */
    public static <T> T within(Path directory, Supplier<T> action) {
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException("working directory must be absolute: " + directory);
        }
        Path previous = CURRENT.get();
        CURRENT.set(directory);
        try {
            return action.get();
        }
        finally {
            if (previous == null) {
                CURRENT.remove();
            }
            else {
                CURRENT.set(previous);
            }
        }
    }
}
