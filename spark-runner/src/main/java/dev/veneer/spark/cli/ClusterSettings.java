package dev.veneer.spark.cli;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Veneer's {@code spark.veneer.*} settings as a cluster job receives them: {@code spark-submit --conf}
 * puts them in system properties; a Databricks jar task finds them in the running session's conf.
 * The README's "Settings" table lists every key and where else it can be given.
 */
final class ClusterSettings {
    /** State store of every command that reads or writes state: a JDBC URL or a SQLite file's path. */
    static final String STATE = "spark.veneer.state";
    /** The project a job is for: {@code apply} refuses a plan file of another project. */
    static final String PROJECT = "spark.veneer.project";

    private ClusterSettings() {}

    static Optional<String> state() {
        return get(STATE);
    }

    static Optional<String> project() {
        return get(PROJECT);
    }

    /**
     * The value of {@code key}: a system property first; then, inside a Spark application only (so that
     * planner-only commands never load Spark), the conf of the session that is already running.
     */
    static Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null && insideSparkApplication()) {
            value = runningSession().map(spark -> spark.conf().get(key, null)).orElse(null);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Started by spark-submit (which sets {@code spark.master}) or by a Databricks job. */
    static boolean insideSparkApplication() {
        return System.getProperty("spark.master") != null || System.getenv("DATABRICKS_RUNTIME_VERSION") != null;
    }

    static Optional<SparkSession> runningSession() {
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isDefined()) {
            return Optional.of(active.get());
        }
        scala.Option<SparkSession> fallback = SparkSession.getDefaultSession();
        return fallback.isDefined() ? Optional.of(fallback.get()) : Optional.empty();
    }
}
