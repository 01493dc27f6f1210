package dev.veneer.spark.cli.daemon;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where a running planner daemon listens, in the one-line file {@code bin/veneer} reads with bash's
 * {@code read -r port token pid}: its port on 127.0.0.1, the token every request must carry (the file
 * is readable by its owner only), and its process id.
 */
public record DaemonFile(int port, String token, long pid) {
    public DaemonFile {
        requireNonNull(token, "token is null");
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!token.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("token must be 32 hex digits");
        }
    }

    /** The file's content, or empty when there is no file or it is not one of ours. */
    public static Optional<DaemonFile> read(Path file) {
        try {
            String[] words = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
            return words.length == 3 ? Optional.of(new DaemonFile(Integer.parseInt(words[0]), words[1], Long.parseLong(words[2]))) : Optional.empty();
        }
        catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Writes the file whole or not at all: a client never reads half of it. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + "." + pid + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, port + " " + token + " " + pid + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the file if it still names this daemon (a newer daemon may have taken its place). */
    public void deleteIfOurs(Path file) {
        if (read(file).filter(this::equals).isPresent()) {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException ignored) {
                // a stale file is harmless: a client that cannot connect runs the command itself
            }
        }
    }
}
