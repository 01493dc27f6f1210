package dev.veneer.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the Spark-side benchmarks share: timing and a fresh copy of a project to plan and apply. */
final class BenchSupport {
    private BenchSupport() {}

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Copies a project's files, leaving out its {@code .veneer/} state and caches. */
    static void copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).filter(file -> !file.toString().contains("/.veneer/")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
