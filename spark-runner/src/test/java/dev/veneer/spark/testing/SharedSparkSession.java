package dev.veneer.spark.testing;

import dev.veneer.spark.session.EmbeddedSparkSession;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded lakehouse per test JVM: a {@link SparkSession} with Delta, Iceberg (catalog
 * {@value #ICEBERG_CATALOG}) and a Derby metastore in a temporary folder, started on first use
 * and stopped when the whole test run ends.
 *
 * <pre>{@code
 * @ExtendWith(SharedSparkSession.class)
 * class MyTest {
 *     @Test
 *     void works(SparkSession spark) {
 *         String schema = SharedSparkSession.uniqueName("t");
 *         spark.sql("CREATE SCHEMA " + schema);
 *     }
 * }
 * }</pre>
 *
 * Tests share the session, so each must use its own schemas ({@link #uniqueName}) and temporary folders.
 * Needs Veneer's {@code conf/} folder on the test classpath (surefire {@code additionalClasspathElements}).
 */
public final class SharedSparkSession implements BeforeAllCallback, ParameterResolver {
    public static final String ICEBERG_CATALOG = "lake";
    static final String EMBEDDED_EXTENSIONS = "io.delta.sql.DeltaSparkSessionExtension,org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSparkSession.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        session(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return session(context).spark();
    }

    /** The shared session, for code that has no {@link ExtensionContext} at hand; starts it if needed. */
    public static synchronized SparkSession spark() {
        return Lakehouse.instance().spark();
    }

    /** The temporary folder holding the metastore and both warehouses. */
    public static Path stateDir() {
        return Lakehouse.instance().stateDir();
    }

    /** A fresh lower-case identifier, {@code prefix_<12 hex digits>}, for a schema or table of one test. */
    public static String uniqueName(String prefix) {
        return prefix.toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Lakehouse session(ExtensionContext context) {
        // the root store lives as long as the test run and closes its values at the end
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Lakehouse.class, key -> Lakehouse.instance(), Lakehouse.class);
    }

    /** The session and its folder; closing stops Spark and deletes the folder. */
    private static final class Lakehouse implements AutoCloseable {
        private static Lakehouse instance;

        private final Path stateDir;
        private final SparkSession spark;

        private Lakehouse(Path stateDir, SparkSession spark) {
            this.stateDir = stateDir;
            this.spark = spark;
        }

        static synchronized Lakehouse instance() {
            if (instance == null) {
                Path dir = TempFolders.create("veneer-spark-test-");
                SparkSession spark = EmbeddedSparkSession.create(dir, ICEBERG_CATALOG, Map.of(
                        "spark.master", "local[2]",
                        "spark.app.name", "veneer-tests",
                        "spark.sql.shuffle.partitions", "1",
                        "spark.default.parallelism", "2",
                        "spark.ui.enabled", "false",
                        // Veneer's notebook extension last, as users register it: with no environment set it changes nothing
                        "spark.sql.extensions", EMBEDDED_EXTENSIONS + ",dev.veneer.spark.VeneerExtensions"));
                instance = new Lakehouse(dir, spark);
            }
            return instance;
        }

        SparkSession spark() {
            return spark;
        }

        Path stateDir() {
            return stateDir;
        }

        @Override
        public void close() {
            synchronized (Lakehouse.class) {
                spark.stop();
                instance = null;
                TempFolders.deleteRecursively(stateDir);
            }
        }
    }
}
