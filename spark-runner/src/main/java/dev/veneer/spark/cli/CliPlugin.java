package dev.veneer.spark.cli;

/**
 * Adds a subcommand to {@code veneer} from a module further down the chain (the examples module adds
 * {@code demo}), found with {@link java.util.ServiceLoader}.
 */
public interface CliPlugin {
    /** A picocli {@code @Command} object. */
    Object command();
}
