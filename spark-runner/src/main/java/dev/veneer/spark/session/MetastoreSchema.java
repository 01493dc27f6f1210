package dev.veneer.spark.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.datanucleus.ClassLoaderResolver;
import org.datanucleus.StoreNucleusContext;
import org.datanucleus.metadata.FileMetaData;
import org.datanucleus.metadata.MetaDataUtils;
import org.datanucleus.metadata.PackageMetaData;
import org.datanucleus.store.schema.SchemaAwareStoreManager;
import org.datanucleus.store.schema.SchemaTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Hive metastore's tables in a PostgreSQL database before the first session uses it
 * (STACK.md, "Hive metastore on PostgreSQL"): DataNucleus creating them lazily deadlocks on the first
 * {@code CREATE TABLE}. Does what DataNucleus' {@code SchemaTool -create} does, in-process and
 * without its {@code System.exit}, from the JDO metadata ({@code package.jdo}) of Spark's Hive
 * metastore jar. A database that already holds the metastore ({@code DBS} exists) costs one query.
 */
public final class MetastoreSchema {
    static final String PREFIX = "spark.hadoop.javax.jdo.option.";
    private static final String JDO_RESOURCE = "package.jdo";
    private static final Logger log = LoggerFactory.getLogger(MetastoreSchema.class);

    private MetastoreSchema() {}

    /** Whether these Spark settings put the metastore on PostgreSQL. */
    public static boolean isPostgres(Map<String, String> sparkConf) {
        return sparkConf.getOrDefault(PREFIX + "ConnectionURL", "").startsWith("jdbc:postgresql:");
    }

    /** Creates the metastore schema if the settings name a PostgreSQL metastore without one; otherwise does nothing. */
    public static synchronized void ensure(Map<String, String> sparkConf) {
        if (!isPostgres(sparkConf)) {
            return;
        }
        String url = sparkConf.get(PREFIX + "ConnectionURL");
        String user = sparkConf.get(PREFIX + "ConnectionUserName");
        String password = sparkConf.get(PREFIX + "ConnectionPassword");
        if (hasSchema(url, user, password)) {
            return;
        }
        long start = System.nanoTime();
        create(url, user, password);
        log.info("Created the Hive metastore schema at {} in {} ms", redact(url), (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean hasSchema(String url, String user, String password) {
        try (Connection connection = connect(url, user, password)) {
            DatabaseMetaData metadata = connection.getMetaData();
            try (ResultSet tables = metadata.getTables(null, connection.getSchema(), "DBS", new String[] {"TABLE"})) {
                return tables.next();
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot reach the Hive metastore database " + redact(url) + ": " + e.getMessage()
                    + "; check spark.hadoop.javax.jdo.option.ConnectionURL (and its user and password) in veneer.yaml", e);
        }
    }

    private static void create(String url, String user, String password) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("javax.jdo.PersistenceManagerFactoryClass", "org.datanucleus.api.jdo.JDOPersistenceManagerFactory");
        properties.put("javax.jdo.option.ConnectionURL", url);
        properties.put("javax.jdo.option.ConnectionDriverName", "org.postgresql.Driver");
        if (user != null) {
            properties.put("javax.jdo.option.ConnectionUserName", user);
        }
        if (password != null) {
            properties.put("javax.jdo.option.ConnectionPassword", password);
        }
        // the names Hive's ObjectStore uses, so the tables match what it reads
        properties.put("datanucleus.identifierFactory", "datanucleus1");
        properties.put("datanucleus.storeManagerType", "rdbms");
        properties.put("datanucleus.rdbms.initializeColumnInfo", "NONE");
        properties.put("datanucleus.schema.autoCreateAll", "true");
        Path jdo = extractJdoMetadata();
        StoreNucleusContext context = SchemaTool.getNucleusContextForMode(SchemaTool.Mode.CREATE, "JDO", properties, null, null, false);
        try {
            ClassLoaderResolver loader = context.getClassLoaderResolver(MetastoreSchema.class.getClassLoader());
            FileMetaData[] files = MetaDataUtils.getFileMetaDataForInputFiles(context.getMetaDataManager(), loader, new String[] {jdo.toString()});
            Set<String> classes = new TreeSet<>();
            for (FileMetaData file : files) {
                for (int p = 0; p < file.getNoOfPackages(); p++) {
                    PackageMetaData pkg = file.getPackage(p);
                    for (int c = 0; c < pkg.getNoOfClasses(); c++) {
                        classes.add(pkg.getClass(c).getFullClassName());
                    }
                }
            }
            new SchemaTool().setApi("JDO").createSchemaForClasses((SchemaAwareStoreManager) context.getStoreManager(), classes);
        }
        finally {
            context.close();
            try {
                Files.deleteIfExists(jdo);
            }
            catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    private static Path extractJdoMetadata() {
        ClassLoader loader = MetastoreSchema.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(JDO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(JDO_RESOURCE + " (Hive's metastore JDO metadata) is not on the classpath: "
                        + "spark-hive and its hive-metastore jar are needed to create a metastore on PostgreSQL");
            }
            Path file = Files.createTempFile("veneer-metastore-", ".jdo");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + JDO_RESOURCE, e);
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
