package dev.veneer.bench;

import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.Planner;
import dev.veneer.planner.plan.PlanRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * State for the docs benchmark, without Spark: applies {@code prod} for the whole project into its
 * state (as apply leaves it), then a {@code dev} environment in which {@code CHANGED} models got a
 * {@code stamp} (breaking changes: they and their children get tables of their own). Leaves the project as it was.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veneer.bench.DocsStateSetup DIR [CHANGED]</pre>
 */
public final class DocsStateSetup {
    private DocsStateSetup() {}

    public static void main(String[] args) throws IOException {
        Path project = Path.of(args[0]).toAbsolutePath().normalize();
        int changed = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Planner planner = new Planner();
        Instant now = Instant.now();
        try (StateStore state = StateStores.open(planner.compile(project).project().config().state())) {
            StateApplier.apply(state, planner.plan(planner.compile(project), state, new PlanRequest("prod", "prod", now, PlanRequest.DEFAULT_TTL)), now);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(project.resolve("models"))) {
                files = walk.filter(path -> path.toString().endsWith(".sql")).sorted().limit(changed).toList();
            }
            List<String> originals = files.stream().map(DocsStateSetup::read).toList();
            for (Path file : files) {
                Files.writeString(file, read(file).replaceFirst("MODEL \\(", "MODEL (\n  stamp 'docs-bench',"));
            }
            try {
                StateApplier.apply(state, planner.plan(planner.compile(project), state, new PlanRequest("dev", "prod", now, PlanRequest.DEFAULT_TTL)), now);
            }
            finally {
                for (int i = 0; i < files.size(); i++) {
                    Files.writeString(files.get(i), originals.get(i));
                }
            }
            System.err.println("state: prod and dev (" + files.size() + " models stamped) in " + project);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
