package dev.veneer.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test that asks for a {@link SparkSession} the same local lakehouse: Delta as the
 * session catalog, Iceberg catalog {@code lake} on the same embedded Derby metastore, all inside a
 * temporary folder removed when the test JVM's tests are done.
 */
final class LocalLakehouse implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalLakehouse.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Session.class, key -> Session.start(), Session.class)
                .spark();
    }

    private record Session(SparkSession spark, Path dir) implements ExtensionContext.Store.CloseableResource {
        static Session start() {
            Path dir;
            try {
                dir = Files.createTempDirectory("veneer-examples-");
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SparkSession spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("veneer-examples-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "1")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension,"
                            + "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .config("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
                    .config("spark.sql.catalog.lake.type", "hive")
                    .config("spark.sql.catalog.lake.warehouse", dir.resolve("lake").toUri().toString())
                    .config("spark.sql.warehouse.dir", dir.resolve("wh").toUri().toString())
                    .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                            "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true")
                    .config("spark.hadoop.datanucleus.connectionPoolingType", "DBCP")
                    .config("spark.hadoop.iceberg.engine.hive.lock-enabled", "false")
                    .config("spark.databricks.delta.snapshotPartitions", "1")
                    .enableHiveSupport()
                    .getOrCreate();
            return new Session(spark, dir);
        }

        @Override
        public void close() throws IOException {
            spark.stop();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
