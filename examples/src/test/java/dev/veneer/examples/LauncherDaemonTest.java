package dev.veneer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/veneer} as a user's script or harness runs it: output read through a pipe to its end.
 * The first planner command starts the planner daemon in the background; the daemon must hold none
 * of the command's descriptors, or every reader of the first plan's output (a pipe into {@code jq},
 * {@code $(...)}, a CI step) would wait until the daemon exits twenty minutes later.
 *
 * <p>The launcher runs from an installation of its own in a temporary folder (this build's module
 * jars, this test's libraries), so its daemon is not the developer's and nothing is built.
 */
class LauncherDaemonTest {
    /** Far above a small plan's few seconds; far below the daemon's 20 idle minutes. */
    private static final long OUTPUT_END_SECONDS = 120;

    @TempDir
    Path tmp;

    private Path home;
    private Path project;

    @BeforeEach
    void installLauncher() throws IOException {
        home = tmp.resolve("veneer");
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Files.createDirectories(home.resolve("bin"));
        Files.copy(repository.resolve("bin/veneer"), home.resolve("bin/veneer"));
        Files.createSymbolicLink(home.resolve("conf"), repository.resolve("conf"));
        for (String module : List.of("catalog", "planner", "spark-runner")) {
            Path jar = moduleJar(repository, module);
            Files.createDirectories(home.resolve(module).resolve("target"));
            Files.createSymbolicLink(home.resolve(module).resolve("target").resolve(jar.getFileName()), jar);
        }
        // What the launcher's build writes: the libraries (the lean list of planner commands and the full one)
        String libraries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar") && !Path.of(entry).toAbsolutePath().normalize().startsWith(repository))
                .collect(Collectors.joining(File.pathSeparator));
        Path target = Files.createDirectories(home.resolve("examples/target"));
        Files.writeString(target.resolve("veneer-lean-classpath.txt"), libraries);
        Files.writeString(target.resolve("veneer-classpath.txt"), libraries);

        project = tmp.resolve("project");
        Files.createDirectories(project.resolve("models"));
        Files.writeString(project.resolve("veneer.yaml"), "name: launched\n");
        Files.writeString(project.resolve("models/orders.sql"), """
                MODEL (name staging.orders, kind FULL);
                SELECT 1 AS order_id, 10.5 AS amount
                """);
        Files.writeString(project.resolve("models/revenue.sql"), """
                MODEL (name marts.revenue, kind VIEW);
                SELECT sum(amount) AS revenue FROM staging.orders
                """);
    }

    @AfterEach
    void stopDaemon() {
        if (Files.exists(home.resolve("bin/veneer"))) {
            readToEnd("daemon", "stop");
        }
    }

    @Test
    void theFirstPlanStartsTheDaemonAndItsOutputEndsWhenTheCommandDoesThenTheDaemonServesTheNextOne() throws Exception {
        String first = readToEnd("--project", project.toString(), "plan", "prod");
        assertThat(first).contains("Plan for environment prod", "+ staging.orders", "+ marts.revenue");

        Path daemonFile = home.resolve("examples/target").resolve("veneer-daemon-" + userId());
        for (int i = 0; i < 600 && !Files.exists(daemonFile); i++) {
            Thread.sleep(100);
        }
        assertThat(daemonFile).as("the daemon started after the first plan publishes its port").exists();
        assertThat(readToEnd("daemon", "status")).startsWith("daemon: pid ");

        String second = readToEnd("--project", project.toString(), "plan", "prod");
        assertThat(withoutPlanId(second)).as("the same plan, whichever JVM ran it").isEqualTo(withoutPlanId(first));
    }

    private static String withoutPlanId(String plan) {
        return plan.lines().filter(line -> !line.trim().startsWith("plan id ")).collect(Collectors.joining("\n"));
    }

    /**
     * Runs {@code bin/veneer args} and reads its output (stdout and stderr) through a pipe until the
     * pipe closes: that is, until every process holding it has exited or let go.
     */
    private String readToEnd(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/veneer").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("VENEER_"));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            try {
                String text = output.get(OUTPUT_END_SECONDS, TimeUnit.SECONDS);
                assertThat(process.waitFor(OUTPUT_END_SECONDS, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).as("bin/veneer %s:%n%s", String.join(" ", args), text).isZero();
                return text;
            }
            catch (TimeoutException e) {
                process.destroyForcibly();
                return fail("the output of bin/veneer %s did not end within %d s (bin/veneer itself %s): a process it left"
                        + " behind holds the pipe", String.join(" ", args), OUTPUT_END_SECONDS, process.isAlive() ? "still runs" : "exited");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path moduleJar(Path repository, String module) throws IOException {
        try (Stream<Path> files = Files.list(repository.resolve(module).resolve("target"))) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith("veneer-" + module + "-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
                        && !name.endsWith("-tests.jar") && !name.endsWith("-spark-submit.jar");
            }).findFirst().orElseThrow(() -> new IllegalStateException("no jar of " + module + " in its target folder:"
                    + " this test runs after the reactor packaged the other modules (mvn verify)"));
        }
    }

    /** The launcher's {@code $UID}: the owner of a folder this test made. */
    private String userId() throws IOException {
        return Files.getAttribute(tmp, "unix:uid").toString();
    }
}
