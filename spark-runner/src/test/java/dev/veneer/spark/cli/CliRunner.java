package dev.veneer.spark.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real CLI in this JVM (sharing its SparkSession) and captures what it prints. */
public final class CliRunner {
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private final Path project;

    public CliRunner(Path project) {
        this.project = project;
    }

    public Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--project", project.toString()));
        all.addAll(List.of(args));
        return runRaw(all.toArray(String[]::new));
    }

    public static synchronized Result runRaw(String... args) {
        long started = System.nanoTime();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = VeneerCli.run(args);
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        Result result = new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        originalErr.printf("veneer %s -> exit %d in %.1f s%n", String.join(" ", args), exit, (System.nanoTime() - started) / 1e9);
        originalErr.print(result.stderr());
        return result;
    }
}
