package dev.veneer.spark;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.VeneerException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.classic.SparkSession;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The environment one SparkSession reads production names in, taken from the session's
 * {@value VeneerSession#ENVIRONMENT_KEY} at each statement, and what the session catalog knows of it.
 *
 * <p>An environment exists when the metastore holds at least one of its view schemas,
 * {@code <schema>__<env>} beside the production schema {@code <schema>}: the catalog is what a
 * notebook reads, so it is the truth for a notebook, and it needs neither the state store nor its
 * credentials on the cluster. An environment found once is remembered for the session's life.
 */
final class SessionEnvironment implements RelationRedirector.Catalog {
    private final SparkSession session;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    SessionEnvironment(SparkSession session) {
        this.session = requireNonNull(session, "session is null");
    }

    /**
     * The environment set for this session, validated; empty for prod (unset, blank or {@code prod}).
     *
     * @throws VeneerException {@code ENVIRONMENT_INVALID} for a name Veneer would never give an environment
     */
    Optional<String> current() {
        String value = session.sessionState().conf().getConfString(VeneerSession.ENVIRONMENT_KEY, "").trim();
        if (value.isEmpty() || EnvironmentName.isProd(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EnvironmentName.validate(value));
        }
        catch (VeneerException e) {
            throw NotebookErrors.invalidEnvironment(value, e);
        }
    }

    /** @throws VeneerException {@code ENVIRONMENT_NOT_FOUND} when no view schema of {@code environment} exists */
    @Override
    public void requireEnvironment(String environment) {
        if (known.contains(environment)) {
            return;
        }
        Set<String> environments = environments();
        if (!environments.contains(environment)) {
            throw NotebookErrors.unknownEnvironment(environment, environments);
        }
        known.add(environment);
    }

    /** Every environment with a view schema in the session catalog, sorted. */
    Set<String> environments() {
        List<String> schemas = CollectionConverters.asJava(catalog().listDatabases());
        Set<String> all = new TreeSet<>(schemas);
        Set<String> environments = new TreeSet<>();
        for (String schema : schemas) {
            int separator = schema.lastIndexOf("__");
            if (separator > 0 && separator + 2 < schema.length() && all.contains(schema.substring(0, separator))) {
                environments.add(schema.substring(separator + 2));
            }
        }
        return environments;
    }

    @Override
    public boolean isCatalog(String name) {
        return session.sessionState().catalogManager().isCatalogRegistered(name);
    }

    @Override
    public boolean relationExists(String schema, String name) {
        return catalog().tableExists(TableIdentifier.apply(name, Option.apply(schema)));
    }

    @Override
    public boolean schemaExists(String schema) {
        return catalog().databaseExists(schema.toLowerCase(Locale.ROOT));
    }

    private SessionCatalog catalog() {
        return session.sessionState().catalog();
    }
}
