package dev.veneer.examples.generator;

import dev.veneer.spark.cli.CliPlugin;

/** Adds {@code veneer generate} to the command line when the examples module is on the classpath. */
public final class GeneratorPlugin implements CliPlugin {
    @Override
    public Object command() {
        return new GenerateCommand();
    }
}
