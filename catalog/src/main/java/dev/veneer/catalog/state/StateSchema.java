package dev.veneer.catalog.state;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.LoggerFactory;

/**
 * The layout of Veneer's tables, migrated by Flyway from {@code db/veneer/V*__*.sql} whenever a
 * store opens, so upgrading Veneer upgrades its state without a separate step.
 */
final class StateSchema {
    static final String HISTORY_TABLE = "veneer_schema_history";
    static final String MIGRATIONS = "classpath:db/veneer";


    private StateSchema() {}

    /**
     * Brings the schema up to this binary's version; refuses a schema written by a newer Veneer, whose
     * tables this binary might misread or damage.
     */
    static SchemaVersion migrate(StateUrl url, Map<String, String> jdbcProperties) {
        Flyway flyway = configure(url, jdbcProperties).load();
        try {
            refuseNewerSchema(url, flyway.info().all());
            MigrateResult result = flyway.migrate();
            Optional<String> before = Optional.ofNullable(result.initialSchemaVersion);
            String after = result.targetSchemaVersion != null ? result.targetSchemaVersion : before.orElse("none");
            if (result.migrationsExecuted > 0) {
                LoggerFactory.getLogger(StateSchema.class).info("Migrated state at {} from schema version {} to {}", url, before.orElse("none"), after);
            }
            return new SchemaVersion(before, after, result.migrationsExecuted);
        }
        catch (FlywayException e) {
            throw StateErrors.cannotOpen(url.redacted(), "schema migration failed: " + StateErrors.describe(e), e);
        }
    }

    private static FluentConfiguration configure(StateUrl url, Map<String, String> jdbcProperties) {
        FluentConfiguration configuration = Flyway.configure(StateSchema.class.getClassLoader())
                .dataSource(url.url(), null, null)
                .jdbcProperties(jdbcProperties)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true);
        url.schema().ifPresent(schema -> configuration.schemas(schema).defaultSchema(schema));
        return configuration;
    }

    private static void refuseNewerSchema(StateUrl url, MigrationInfo[] migrations) {
        // Applied to this database but unknown to this binary (FUTURE_* above all it knows, MISSING_*
        // between them): a later Veneer wrote this state.
        Optional<MigrationVersion> newest = newestVersion(migrations, state -> state.isApplied() && !state.isResolved());
        if (newest.isPresent()) {
            String known = newestVersion(migrations, MigrationState::isResolved).map(MigrationVersion::getVersion).orElse("none");
            throw StateErrors.tooNew(url, newest.get().getVersion(), known);
        }
    }

    private static Optional<MigrationVersion> newestVersion(MigrationInfo[] migrations, Predicate<MigrationState> state) {
        return Arrays.stream(migrations)
                .filter(migration -> state.test(migration.getState()) && migration.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder());
    }
}
