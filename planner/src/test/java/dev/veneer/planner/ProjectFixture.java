package dev.veneer.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.planner.Planner.CompiledProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A project folder a test owns: copied from {@code src/test/resources/projects/<name>} or written
 * file by file, then edited the way a person edits it (replace some text, move or delete a file).
 */
public final class ProjectFixture {
    private final Path directory;

    private ProjectFixture(Path directory) {
        this.directory = directory;
    }

    /** An empty project folder with a minimal {@code veneer.yaml}. */
    public static ProjectFixture empty(Path directory) {
        return new ProjectFixture(directory).write("veneer.yaml", "name: test_project\n");
    }

    /** A copy of the fixture project {@code projects/<name>} in {@code directory}. */
    public static ProjectFixture copyOf(String name, Path directory) {
        Path source = resource("/projects/" + name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = directory.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProjectFixture(directory);
    }

    public static Path resource(String name) {
        URL url = ProjectFixture.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public ProjectFixture write(String relativePath, String content) {
        try {
            Path file = directory.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String relativePath) {
        try {
            return Files.readString(directory.resolve(relativePath), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text that must occur in the file, so a typo in a test fails loudly. */
    public ProjectFixture replace(String relativePath, String before, String after) {
        String content = read(relativePath);
        assertThat(content).as("%s contains the text to replace", relativePath).contains(before);
        return write(relativePath, content.replace(before, after));
    }

    public ProjectFixture move(String from, String to) {
        try {
            Path target = directory.resolve(to);
            Files.createDirectories(target.getParent());
            Files.move(directory.resolve(from), target);
            return this;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ProjectFixture delete(String relativePath) {
        try {
            Files.delete(directory.resolve(relativePath));
            return this;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CompiledProject compile() {
        return new Planner().compile(directory);
    }
}
