package dev.veneer.spark.team;

import dev.veneer.spark.cli.VeneerCli;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several {@code veneer} commands in one child JVM, so a test pays for one Spark start:
 * {@code CliBatch plan prod --- apply p.json --- envs --json}. After each command it prints
 * {@code ==== exit N} on stdout and stderr.
 */
public final class CliBatch {
    static final String SEPARATOR = "---";
    static final String MARKER = "==== exit ";

    private CliBatch() {}

    public static void main(String[] args) {
        List<String> command = new ArrayList<>();
        for (String arg : (String.join("\u0000", args) + "\u0000" + SEPARATOR).split("\u0000")) {
            if (!arg.equals(SEPARATOR)) {
                command.add(arg);
                continue;
            }
            if (!command.isEmpty()) {
                int exit = VeneerCli.run(command.toArray(String[]::new));
                System.out.println(MARKER + exit);
                System.err.println(MARKER + exit + " (" + String.join(" ", command) + ")");
                System.out.flush();
            }
            command.clear();
        }
        System.exit(0);
    }

    static List<String> split(String... commands) {
        return Arrays.asList(commands);
    }
}
