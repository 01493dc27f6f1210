package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the Spark jobs an apply runs, per model, so that a plan's claim "only these k models are
 * computed" can be checked: the builder tags each model's work with the local property
 * {@value #MODEL_PROPERTY} ({@link #tagged}), and every job started under that tag counts for the
 * model. Jobs without a tag (view DDL, metadata reads) are counted apart; so are records written.
 *
 * <pre>{@code
 * try (SparkJobCounter jobs = SparkJobCounter.register(spark)) {
 *     executor.apply(plan);
 *     jobs.byModel();   // {"marts.orders"=3, ...}
 * }
 * }</pre>
 */
public final class SparkJobCounter extends SparkListener implements AutoCloseable {
    /** The local property naming the model whose build a thread is running. */
    public static final String MODEL_PROPERTY = "veneer.model";

    private final SparkSession spark;
    private final Map<String, AtomicInteger> byModel = new TreeMap<>();
    private final AtomicInteger untagged = new AtomicInteger();
    private final AtomicInteger recordsWritten = new AtomicInteger();

    private SparkJobCounter(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /** Starts counting the jobs of {@code spark}'s context until {@link #close()}. */
    public static SparkJobCounter register(SparkSession spark) {
        SparkJobCounter counter = new SparkJobCounter(spark);
        spark.sparkContext().addSparkListener(counter);
        return counter;
    }

    /** Runs {@code work} with this thread's Spark jobs tagged as {@code model}'s. */
    /** Work that may throw, run under a model's tag. */
    interface Work {
        void run() throws Exception;
    }

    static void tagged(SparkSession spark, String model, Work work) throws Exception {
        spark.sparkContext().setLocalProperty(MODEL_PROPERTY, model);
        try {
            work.run();
        }
        finally {
            spark.sparkContext().setLocalProperty(MODEL_PROPERTY, null);
        }
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        Properties properties = jobStart.properties();
        String model = properties == null ? null : properties.getProperty(MODEL_PROPERTY);
        if (model == null) {
            untagged.incrementAndGet();
            return;
        }
        synchronized (byModel) {
            byModel.computeIfAbsent(model, key -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.taskMetrics() != null) {
            recordsWritten.addAndGet((int) taskEnd.taskMetrics().outputMetrics().recordsWritten());
        }
    }

    /**
     * Jobs started per model so far, sorted by model. Spark delivers events on its listener thread:
     * call {@link #drain()} first to see every job of work that has returned.
     */
    public Map<String, Integer> byModel() {
        Map<String, Integer> counts = new TreeMap<>();
        synchronized (byModel) {
            byModel.forEach((model, count) -> counts.put(model, count.get()));
        }
        return counts;
    }

    /** Jobs started outside any model's build. */
    public int untagged() {
        return untagged.get();
    }

    /** Records written by tasks (table writes), all models together. */
    public int recordsWritten() {
        return recordsWritten.get();
    }

    /** Waits until the listener bus has delivered every event posted so far. */
    public SparkJobCounter drain() {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(DRAIN_TIMEOUT_MS);
        }
        catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not deliver its events within " + DRAIN_TIMEOUT_MS
                    + " ms; the job counts may be incomplete", e);
        }
        return this;
    }

    private static final long DRAIN_TIMEOUT_MS = 60_000;

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(this);
    }
}
