package dev.veneer.spark.session;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local lakehouse of the embedded deployment: a {@link SparkSession} with Hive support on a
 * Derby metastore, Delta as the session catalog and Iceberg as a second catalog over the same
 * metastore, everything stored inside one state folder.
 *
 * <p>Settings come from {@value #DEFAULTS_RESOURCE} on the classpath (the repository's {@code conf/}
 * folder, which {@code bin/veneer} and the tests put there), then the caller's overrides.
 *
 * <p>Embedded Derby admits one JVM at a time, and Spark keeps static settings (catalogs, warehouse,
 * metastore) for the life of its context: create one session per JVM and share it.
 */
public final class EmbeddedSparkSession {
    public static final String DEFAULTS_RESOURCE = "veneer-spark-local.properties";
    static final String METASTORE_URL_KEY = "spark.hadoop.javax.jdo.option.ConnectionURL";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSparkSession.class);

    private EmbeddedSparkSession() {}

    /**
     * Starts the session, or returns the running one if it already serves the same state folder.
     *
     * @param stateDir the folder holding {@code metastore_db/}, {@code warehouse/} and {@code iceberg/}; created if missing
     * @param icebergCatalog the name under which Iceberg tables are addressed, e.g. {@code lake}
     * @param extraConf settings that override the defaults (e.g. {@code spark.master})
     * @throws IllegalStateException if another session already runs in this JVM over another state folder
     */
    public static synchronized SparkSession create(Path stateDir, String icebergCatalog, Map<String, String> extraConf) {
        Map<String, String> conf = configuration(stateDir, icebergCatalog, extraConf);
        Optional<SparkSession> running = runningSession();
        if (running.isPresent()) {
            return reuse(running.get(), conf);
        }
        Path home = absolute(stateDir);
        createDirectories(home);
        // Derby reads this once, when its engine boots: derby.log then lands in the state folder
        // rather than the working directory. A JVM that already booted Derby keeps its own.
        if (System.getProperty("derby.system.home") == null) {
            System.setProperty("derby.system.home", home.toString());
        }
        MetastoreSchema.ensure(conf);
        SparkSession.Builder builder = SparkSession.builder();
        conf.forEach(builder::config);
        long start = System.nanoTime();
        SparkSession spark = builder.getOrCreate();
        log.info("Spark {} session started in {} ms (state in {})",
                spark.version(), (System.nanoTime() - start) / 1_000_000, home);
        return spark;
    }

    /**
     * The settings {@link #create} would use: the classpath defaults with the placeholders
     * {@code ${state_dir}} and {@code ${iceberg_catalog}} filled in, then {@code extraConf}.
     */
    public static Map<String, String> configuration(Path stateDir, String icebergCatalog, Map<String, String> extraConf) {
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(icebergCatalog, "icebergCatalog is null");
        requireNonNull(extraConf, "extraConf is null");
        if (!icebergCatalog.matches("[A-Za-z_][A-Za-z0-9_]*") || icebergCatalog.equalsIgnoreCase("spark_catalog")) {
            throw new IllegalArgumentException("invalid Iceberg catalog name '" + icebergCatalog
                    + "': use letters, digits and '_', and not spark_catalog (that is the Delta session catalog)");
        }
        String home = absolute(stateDir).toString();
        Map<String, String> conf = new TreeMap<>();
        defaults().forEach((key, value) -> conf.put(fill(key, home, icebergCatalog), fill(value, home, icebergCatalog)));
        conf.putAll(extraConf);
        return conf;
    }

    private static Map<String, String> defaults() {
        Properties properties = new Properties();
        try (InputStream in = resource()) {
            properties.load(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS_RESOURCE + " from the classpath", e);
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> defaults.put(name, properties.getProperty(name).trim()));
        return defaults;
    }

    private static InputStream resource() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(DEFAULTS_RESOURCE);
        if (in == null) {
            in = EmbeddedSparkSession.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE);
        }
        if (in == null) {
            throw new IllegalStateException(DEFAULTS_RESOURCE + " is not on the classpath: put Veneer's conf/ folder "
                    + "on the classpath (bin/veneer does; in Maven use surefire's additionalClasspathElements)");
        }
        return in;
    }

    private static String fill(String text, String stateDir, String icebergCatalog) {
        return text.replace("${state_dir}", stateDir).replace("${iceberg_catalog}", icebergCatalog);
    }

    private static Optional<SparkSession> runningSession() {
        // Spark clears the default session when its context stops
        scala.Option<SparkSession> session = SparkSession.getDefaultSession();
        return session.isDefined() ? Optional.of(session.get()) : Optional.empty();
    }

    private static SparkSession reuse(SparkSession running, Map<String, String> conf) {
        String wanted = conf.get(METASTORE_URL_KEY);
        String actual = running.conf().get(METASTORE_URL_KEY, null);
        if (wanted != null && !wanted.equals(actual)) {
            throw new IllegalStateException("a SparkSession over another metastore already runs in this JVM ("
                    + actual + "); one embedded lakehouse per JVM: stop it first or share it");
        }
        return running;
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the state folder " + dir, e);
        }
    }
}
