package dev.veneer.examples.generator;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code veneer generate --models N --seed S DIR}: a synthetic project for benchmarks. */
@Command(name = "generate", sortOptions = false,
        description = "Write a deterministic synthetic project (for benchmarks) into DIR.",
        footer = {"", "Example:", "  veneer generate --models 10000 --seed 42 /tmp/p10k && veneer --project /tmp/p10k plan --json"})
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--models", paramLabel = "N", defaultValue = "1000", description = "Number of models (default: 1000).")
    int models;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed; same seed, same files (default: 42).")
    long seed;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write; must not hold a models/ folder yet.")
    Path dir;

    @Override
    public Integer call() {
        ProjectGenerator.Summary summary = ProjectGenerator.generate(dir, models, seed);
        System.out.println(ProjectGenerator.describe(summary, dir));
        return 0;
    }
}
