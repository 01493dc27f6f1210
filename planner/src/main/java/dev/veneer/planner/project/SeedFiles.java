package dev.veneer.planner.project;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the CSV files of SEED models, only from inside the project folder. */
@FunctionalInterface
public interface SeedFiles {
    /**
     * @param path as written in the model header, relative to the project folder
     * @param where the header's {@code path} property, for messages
     */
    String read(String path, SourceLocation where);

    /** No project folder (a model parsed on its own): every seed is an error saying so. */
    SeedFiles NONE = (path, where) -> {
        throw new VeneerException(ErrorCode.MODEL_INVALID, where, "seed file " + path
                + " cannot be read outside a project folder; load the project with its veneer.yaml", null);
    };

    static SeedFiles under(Path projectDir) {
        Path root = projectDir.toAbsolutePath().normalize();
        return (path, where) -> {
            Path file = root.resolve(path).normalize();
            if (!file.startsWith(root)) {
                throw new VeneerException(ErrorCode.MODEL_INVALID, where, "seed file " + path
                        + " is outside the project folder; put it under seeds/ and write path 'seeds/<file>.csv'", null);
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            catch (NoSuchFileException e) {
                throw new VeneerException(ErrorCode.MODEL_INVALID, where, "seed file " + path + " does not exist (looked for "
                        + file + "); create it or fix the path", e);
            }
            catch (IOException e) {
                throw new VeneerException(ErrorCode.MODEL_INVALID, where, "cannot read seed file " + path + ": " + e.getMessage(), e);
            }
        };
    }
}
