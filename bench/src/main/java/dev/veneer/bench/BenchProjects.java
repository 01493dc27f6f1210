package dev.veneer.bench;

import dev.veneer.examples.generator.ProjectGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Generated projects in temporary folders, removed at tear-down. Seed 42 everywhere, so runs compare. */
final class BenchProjects {
    static final long SEED = 42;

    private BenchProjects() {}

    static Path generate(int models) {
        try {
            Path dir = Files.createTempDirectory("veneer-bench-" + models + "-");
            ProjectGenerator.generate(dir.resolve("project"), models, SEED);
            return dir.resolve("project");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path project) {
        if (project == null) {
            return;
        }
        Path root = project.getParent();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
