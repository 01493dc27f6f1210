package dev.veneer.spark.cli;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a plan file from where a job is told it is: a local path, or any Hadoop file system URI
 * ({@code file:/…}, {@code s3a://…}, {@code abfss://…}, {@code gs://…}, {@code hdfs://…}, {@code dbfs:/…}).
 * A plain path never loads Hadoop.
 */
final class PlanFileReader {
    /** A URI scheme of two letters or more: {@code C:\plans} is a Windows path, not scheme {@code c}. */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    private PlanFileReader() {}

    static PlanFile read(String location) {
        if (scheme(location) == null) {
            return PlanFiles.read(Path.of(location));
        }
        return PlanFiles.parse(readThroughHadoop(location), location);
    }

    /** The lower-case URI scheme of {@code location}, or {@code null} for a plain path. */
    static String scheme(String location) {
        var matcher = SCHEME.matcher(location);
        return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static String readThroughHadoop(String location) {
        try {
            URI uri = new URI(location);
            FileSystem fs = FileSystem.get(uri, hadoopConfiguration());
            try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        catch (FileNotFoundException e) {
            throw new VeneerException(ErrorCode.PLAN_FILE_INVALID, "plan file " + location + " does not exist; write one with"
                    + " 'veneer plan ENV --out FILE' and copy it there", e);
        }
        catch (java.net.URISyntaxException e) {
            throw new VeneerException(ErrorCode.PLAN_FILE_INVALID, "plan file location '" + location + "' is not a valid URI ("
                    + e.getReason() + "); write a local path or a file system URI such as s3a://bucket/plans/plan.json", e);
        }
        catch (IOException | RuntimeException e) {
            throw new VeneerException(ErrorCode.PLAN_FILE_INVALID, "cannot read plan file " + location + " through Hadoop's file"
                    + " system: " + firstLine(e) + "; check the path, that the cluster has the file system's connector for "
                    + scheme(location) + ": (e.g. hadoop-aws for s3a) and credentials to read it", e);
        }
    }

    /**
     * The running session's Hadoop settings (a Databricks or EMR job, a notebook); otherwise the
     * {@code spark.hadoop.*} settings spark-submit passed as system properties, as Spark itself reads them.
     */
    private static Configuration hadoopConfiguration() {
        var running = ClusterSettings.insideSparkApplication() ? ClusterSettings.runningSession() : java.util.Optional.<SparkSession>empty();
        if (running.isPresent()) {
            return running.get().sparkContext().hadoopConfiguration();
        }
        Configuration conf = new Configuration();
        for (Map.Entry<Object, Object> property : System.getProperties().entrySet()) {
            String key = String.valueOf(property.getKey());
            if (key.startsWith("spark.hadoop.")) {
                conf.set(key.substring("spark.hadoop.".length()), String.valueOf(property.getValue()));
            }
        }
        return conf;
    }

    private static String firstLine(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message.strip().lines().findFirst().orElse("");
    }
}
