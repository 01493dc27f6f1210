package dev.veneer.spark.cli.daemon;

import dev.veneer.planner.project.ProjectConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Plans before the first request comes, so that the first plans the daemon serves run compiled code
 * rather than the interpreter's (a 10,000-model plan: ~2.5 s on a fresh daemon, ~0.8 s warm): a copy
 * of the example project many times (every code path, small), then the project of the command that
 * started the daemon a few times (the paths that only a project of its size makes hot). Each round
 * prints nowhere and writes only what that command writes itself (the project's query cache); a
 * round is never started while a request waits.
 */
final class DaemonWarmUp {
    private static final int EXAMPLE_ROUNDS = 30;
    private static final int PROJECT_ROUNDS = 4;

    private final PlannerDaemon daemon;

    DaemonWarmUp(PlannerDaemon daemon) {
        this.daemon = daemon;
    }

    /** The project a command line works on: its {@code --project}, else the folder it ran in. */
    static Path projectOf(Path workingDirectory, List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--project") && i + 1 < arguments.size()) {
                return workingDirectory.resolve(arguments.get(i + 1)).normalize();
            }
            if (argument.startsWith("--project=")) {
                return workingDirectory.resolve(argument.substring("--project=".length())).normalize();
            }
        }
        return workingDirectory;
    }

    /** The example (copied: its folder is the installation's), then the user's project. */
    void run(List<Path> projects) {
        for (int i = 0; i < projects.size(); i++) {
            Path project = projects.get(i);
            if (!Files.isRegularFile(project.resolve(ProjectConfig.FILE_NAME))) {
                continue;
            }
            if (i == 0) {
                withCopy(project, copy -> plan(copy, EXAMPLE_ROUNDS));
            }
            else if (!plan(project, PROJECT_ROUNDS)) {
                return;
            }
        }
    }

    private boolean plan(Path project, int rounds) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        String[] plan = {"--project", project.toString(), "plan", "prod", "--json"};
        for (int round = 0; round < rounds; round++) {
            boolean ran = daemon.runBetweenRequests(() -> PlannerDaemon.runPrintingTo(nowhere, nowhere, project, plan));
            if (!ran) {
                return false;
            }
        }
        return true;
    }

    private static void withCopy(Path project, Consumer<Path> action) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("veneer-daemon-warm-up");
            Path copy = folder.resolve("project");
            copyTree(project, copy);
            action.accept(copy);
        }
        catch (IOException | RuntimeException e) {
            System.err.println("veneer daemon: warm-up on " + project + " stopped: " + e);
        }
        finally {
            if (folder != null) {
                deleteTree(folder);
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a temporary folder left behind is the only consequence
        }
    }
}
