package dev.veneer.spark;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.spark.sql.SqlIdentifiers;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Java (and, through Py4J, Python) entry point to a session's environment; the session must
 * have been started with {@link VeneerExtensions}.
 *
 * <pre>{@code
 * VeneerSession.use(spark, "dev");                         // same as SET spark.veneer.environment=dev
 * spark.sql("SELECT count(*) FROM staging.orders");        // reads staging__dev.orders
 * VeneerSession.table(spark, "staging.orders");            // spark.table(...) is not redirected: this is
 * VeneerSession.use(spark, "prod");                        // back to prod
 * }</pre>
 */
public final class VeneerSession {
    /** The session setting that names the environment; unset, blank or {@code prod} means prod. */
    public static final String ENVIRONMENT_KEY = "spark.veneer.environment";

    private static final Logger log = LoggerFactory.getLogger(VeneerSession.class);

    private VeneerSession() {}

    /**
     * Makes {@code environment} answer the session's production names from the next statement on;
     * {@code null}, blank or {@code prod} switches back to prod.
     *
     * @return {@code spark}, for chaining
     * @throws dev.veneer.catalog.VeneerException if the name is invalid, the environment does not exist,
     *     or the session was started without the extension
     */
    public static SparkSession use(SparkSession spark, String environment) {
        EnvironmentParser parser = parser(spark);
        String name = environment == null ? "" : environment.trim();
        if (name.isEmpty() || EnvironmentName.isProd(name)) {
            spark.conf().unset(ENVIRONMENT_KEY);
            log.info("this session reads prod");
            return spark;
        }
        EnvironmentName.validate(name);
        parser.environment().requireEnvironment(name);
        spark.conf().set(ENVIRONMENT_KEY, name);
        log.info("this session reads environment '{}' under production names", name);
        return spark;
    }

    /** The environment that answers this session's production names, {@code prod} when none is set; checked. */
    public static String environment(SparkSession spark) {
        SessionEnvironment environment = parser(spark).environment();
        Optional<String> current = environment.current();
        current.ifPresent(environment::requireEnvironment);
        return current.orElse(EnvironmentName.PROD);
    }

    /** The relation that answers {@code name} ({@code schema.model}) in this session's environment, as a quoted name. */
    public static String resolve(SparkSession spark, String name) {
        requireNonNull(name, "name is null");
        EnvironmentParser parser = parser(spark);
        List<String> parts;
        try {
            parts = CollectionConverters.asJava(parser.parseMultipartIdentifier(name));
        }
        catch (ParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a table name: " + e.getMessage(), e);
        }
        Optional<String> current = parser.environment().current();
        if (current.isEmpty()) {
            return SqlIdentifiers.quoteParts(parts);
        }
        LogicalPlan relation = new UnresolvedRelation(CollectionConverters.asScala(parts).toList(), CaseInsensitiveStringMap.empty(), false);
        LogicalPlan redirected = parser.redirector().redirect(relation, current.get()).plan();
        return SqlIdentifiers.quoteParts(CollectionConverters.asJava(((UnresolvedRelation) redirected).multipartIdentifier()));
    }

    /** {@code spark.table(name)} with the name resolved in this session's environment ({@code spark.table} alone reads prod). */
    public static Dataset<Row> table(SparkSession spark, String name) {
        return spark.table(resolve(spark, name));
    }

    private static EnvironmentParser parser(SparkSession spark) {
        requireNonNull(spark, "spark is null");
        if (!(spark instanceof org.apache.spark.sql.classic.SparkSession classic)) {
            throw NotebookErrors.notRegistered("it is a " + spark.getClass().getName() + ", not a classic (non-Connect) SparkSession");
        }
        var parser = classic.sessionState().sqlParser();
        if (parser instanceof EnvironmentParser environmentParser) {
            return environmentParser;
        }
        String extensions = spark.conf().get("spark.sql.extensions", "");
        throw NotebookErrors.notRegistered(extensions.contains(VeneerExtensions.class.getName())
                ? "its parser is " + parser.getClass().getName() + ", so " + VeneerExtensions.class.getSimpleName()
                        + " is not the last of spark.sql.extensions (" + extensions + ")"
                : "spark.sql.extensions (" + extensions + ") does not name " + VeneerExtensions.class.getName());
    }
}
