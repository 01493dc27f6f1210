package dev.veneer.spark.cli;

/** A command with a {@code --json} flag: errors are then also printed as one JSON document on stdout. */
interface JsonOutput {
    boolean json();
}
