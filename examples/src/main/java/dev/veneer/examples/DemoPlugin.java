package dev.veneer.examples;

import dev.veneer.spark.cli.CliPlugin;

/** Adds {@code veneer demo} to the command line when the examples module is on the classpath. */
public final class DemoPlugin implements CliPlugin {
    @Override
    public Object command() {
        return new DemoCommand();
    }
}
