package dev.veneer.planner;

import java.lang.management.ManagementFactory;

/**
 * Where a planner command's wall time goes, phase by phase, on stderr: {@code -Dveneer.phases=true}
 * (BENCHMARKS.md quotes it). Off, a mark costs one field read.
 */
public final class PhaseTimes {
    private static final boolean ENABLED = Boolean.getBoolean("veneer.phases");
    private static long last = System.nanoTime();

    private PhaseTimes() {}

    /** Prints the time since the previous mark (the first: since the JVM started) under {@code phase}. */
    public static synchronized void mark(String phase) {
        if (!ENABLED) {
            return;
        }
        long now = System.nanoTime();
        if (phase.equals("start")) {
            System.err.printf("veneer phase %-24s %6d ms (JVM uptime)%n", phase, ManagementFactory.getRuntimeMXBean().getUptime());
        }
        else {
            System.err.printf("veneer phase %-24s %6d ms%n", phase, (now - last) / 1_000_000);
        }
        last = now;
    }
}
