package dev.veneer.spark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** A command that prints a result, with the {@code --json} flag every such command has (DESIGN.md, command line). */
abstract class JsonCommand implements Callable<Integer>, JsonOutput {
    @Option(names = "--json", description = "Print the result as one JSON document on stdout (errors too); logs go to stderr.")
    boolean json;

    @Override
    public boolean json() {
        return json;
    }
}
