package dev.veneer.spark.apply;

import org.apache.spark.sql.SparkSession;

/**
 * Crash points for the crash-safety tests, and only for them: started with
 * {@code -Dveneer.test.crash-at=POINT}, the JVM halts ({@link Runtime#halt}: no shutdown hook, no
 * finally block, no flush, as with SIGKILL) with exit status {@value #EXIT_STATUS} when an apply
 * reaches POINT. Unset (always, outside tests), each point costs one property read.
 *
 * <table>
 *   <caption>Crash points, in the order an apply reaches them</caption>
 *   <tr><td>{@code during-build:<model>}</td><td>while Spark runs the model's build statement (once a job of it is active)</td></tr>
 *   <tr><td>{@code after-batch:<model>:<n>}</td><td>batch n (1-based) of a time-ranged model landed and is recorded</td></tr>
 *   <tr><td>{@code after-build:<model>}</td><td>the model's table is built and recorded as built, the environment not yet changed</td></tr>
 *   <tr><td>{@code before-commit}</td><td>every build done, the environment record not yet moved</td></tr>
 *   <tr><td>{@code after-commit}</td><td>the environment record moved, no view changed yet</td></tr>
 *   <tr><td>{@code after-view:<schema.view>}</td><td>that view changed, maybe others not yet</td></tr>
 *   <tr><td>{@code before-finalize}</td><td>every view changed, the environment not yet marked finalized</td></tr>
 * </table>
 */
final class FaultInjection {
    static final String PROPERTY = "veneer.test.crash-at";
    static final int EXIT_STATUS = 137;
    private static final String DURING_BUILD = "during-build:";

    private FaultInjection() {}

    /** Halts if the test asked to crash at {@code point}. */
    static void reached(String point) {
        String target = System.getProperty(PROPERTY);
        if (target != null && target.equals(point)) {
            halt(point);
        }
    }

    /** Before a model's build statement: arms {@code during-build:<model>}, which halts once Spark runs a job of it. */
    static void buildStarting(SparkSession spark, String model) {
        String target = System.getProperty(PROPERTY);
        if (target == null || !target.equals(DURING_BUILD + model)) {
            return;
        }
        Thread watcher = new Thread(() -> {
            while (spark.sparkContext().statusTracker().getActiveJobIds().length == 0) {
                Thread.onSpinWait();
            }
            halt(target);
        }, "veneer-crash-injection");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void halt(String point) {
        System.err.println("veneer: crash injected at " + point);
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}
