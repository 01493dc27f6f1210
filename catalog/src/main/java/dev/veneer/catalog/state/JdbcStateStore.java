package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state store over plain JDBC, for SQLite and PostgreSQL alike: one transaction per method,
 * compare-and-set on plan ids for environments. Open it with {@link StateStores#open(String)}, which
 * migrates the schema first. Timestamps are kept to the millisecond.
 */
final class JdbcStateStore implements StateStore {
    private final StateUrl url;
    private final ConnectionSource connections;
    private final Clock clock;

    JdbcStateStore(StateUrl url, ConnectionSource connections, Clock clock) {
        this.url = requireNonNull(url, "url is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void bindProject(String projectName) {
        requireNonNull(projectName, "projectName is null");
        if (projectName.isBlank()) {
            throw new IllegalArgumentException("projectName is blank");
        }
        String owner = inTransaction("bind the state to project '" + projectName + "'",
                connection -> ProjectTable.bind(connection, projectName));
        if (!owner.equals(projectName)) {
            throw StateErrors.projectMismatch(url, owner, projectName);
        }
    }

    @Override
    public Optional<String> projectName() {
        return inTransaction("read the project name", ProjectTable::projectName);
    }

    @Override
    public Optional<EnvironmentRecord> environment(String name) {
        requireNonNull(name, "name is null");
        return inTransaction("read environment '" + name + "'", connection -> EnvironmentTable.find(connection, name));
    }

    @Override
    public List<EnvironmentRecord> environments() {
        return inTransaction("list environments", EnvironmentTable::all);
    }

    @Override
    public Map<SnapshotKey, StoredSnapshot> snapshots(Collection<SnapshotKey> keys) {
        requireNonNull(keys, "keys is null");
        if (keys.isEmpty()) {
            return Map.of();
        }
        return inTransaction("read " + keys.size() + " snapshots", connection -> SnapshotTable.find(connection, keys));
    }

    @Override
    public void saveSnapshots(Collection<StoredSnapshot> snapshots) {
        requireNonNull(snapshots, "snapshots is null");
        if (snapshots.isEmpty()) {
            return;
        }
        inTransaction("save " + snapshots.size() + " snapshots", connection -> {
            SnapshotTable.insertMissing(connection, snapshots);
            return null;
        });
    }

    @Override
    public Set<String> builtTables(Collection<String> physicalTables) {
        requireNonNull(physicalTables, "physicalTables is null");
        if (physicalTables.isEmpty()) {
            return Set.of();
        }
        return inTransaction("read built tables", connection -> BuiltTables.find(connection, physicalTables));
    }

    @Override
    public void recordBuilt(String physicalTable, ModelName model, String version) {
        requireNonNull(physicalTable, "physicalTable is null");
        requireNonNull(model, "model is null");
        requireNonNull(version, "version is null");
        inTransaction("record that " + physicalTable + " is built", connection -> {
            BuiltTables.record(connection, physicalTable, model, version, clock.instant());
            return null;
        });
    }

    @Override
    public void commitEnvironment(EnvironmentRecord next, String expectedPlanId) {
        requireNonNull(next, "next is null");
        EnvironmentName.validate(next.name());
        boolean committed = inTransaction("commit environment '" + next.name() + "'", connection -> expectedPlanId == null
                ? EnvironmentTable.insert(connection, next)
                : EnvironmentTable.replace(connection, next, expectedPlanId));
        // Zero rows written: nothing changed, so reporting after the transaction is safe.
        if (!committed) {
            throw StateErrors.environmentChanged(next.name());
        }
    }

    @Override
    public Map<VersionKey, List<Interval>> intervals(Collection<VersionKey> versions) {
        requireNonNull(versions, "versions is null");
        if (versions.isEmpty()) {
            return Map.of();
        }
        return inTransaction("read the intervals of " + versions.size() + " versions", connection -> IntervalTable.find(connection, versions));
    }

    @Override
    public void recordInterval(VersionKey version, Interval interval) {
        requireNonNull(version, "version is null");
        requireNonNull(interval, "interval is null");
        inTransaction("record interval " + interval + " of " + version, connection -> {
            IntervalTable.record(connection, version, interval);
            return null;
        });
    }

    @Override
    public void removeIntervals(VersionKey version) {
        requireNonNull(version, "version is null");
        inTransaction("remove the intervals of " + version, connection -> {
            IntervalTable.removeAll(connection, version);
            return null;
        });
    }

    @Override
    public boolean tryAcquireLease(String physicalTable, String owner, Duration ttl) {
        requireNonNull(physicalTable, "physicalTable is null");
        requireNonNull(owner, "owner is null");
        Instant now = clock.instant();
        return inTransaction("take the lease on " + physicalTable,
                connection -> LeaseTable.acquire(connection, physicalTable, owner, now, now.plus(positive(ttl))));
    }

    @Override
    public int renewLeases(Collection<String> physicalTables, String owner, Duration ttl) {
        requireNonNull(physicalTables, "physicalTables is null");
        requireNonNull(owner, "owner is null");
        if (physicalTables.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        return inTransaction("renew " + physicalTables.size() + " leases",
                connection -> LeaseTable.renew(connection, physicalTables, owner, now, now.plus(positive(ttl))));
    }

    @Override
    public void releaseLease(String physicalTable, String owner) {
        requireNonNull(physicalTable, "physicalTable is null");
        requireNonNull(owner, "owner is null");
        inTransaction("release the lease on " + physicalTable, connection -> {
            LeaseTable.release(connection, physicalTable, owner);
            return null;
        });
    }

    @Override
    public Optional<Lease> lease(String physicalTable) {
        requireNonNull(physicalTable, "physicalTable is null");
        return inTransaction("read the lease on " + physicalTable, connection -> LeaseTable.find(connection, physicalTable));
    }

    private static Duration positive(Duration ttl) {
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive: " + ttl);
        }
        return ttl;
    }

    @Override
    public void recordAuditResults(Collection<AuditResult> results) {
        requireNonNull(results, "results is null");
        if (results.isEmpty()) {
            return;
        }
        inTransaction("record " + results.size() + " audit results", connection -> {
            AuditResultTable.record(connection, results);
            return null;
        });
    }

    @Override
    public List<AuditResult> auditResults(Collection<VersionKey> versions) {
        requireNonNull(versions, "versions is null");
        if (versions.isEmpty()) {
            return List.of();
        }
        return inTransaction("read the audit results of " + versions.size() + " versions",
                connection -> AuditResultTable.find(connection, versions));
    }

    @Override
    public void markFinalized(String environment, String planId) {
        requireNonNull(environment, "environment is null");
        requireNonNull(planId, "planId is null");
        inTransaction("mark environment '" + environment + "' finalized", connection -> {
            EnvironmentTable.markFinalized(connection, environment, planId);
            return null;
        });
    }

    @Override
    public void touchSnapshots(Collection<SnapshotKey> keys, Instant at) {
        requireNonNull(keys, "keys is null");
        requireNonNull(at, "at is null");
        if (keys.isEmpty()) {
            return;
        }
        inTransaction("touch " + keys.size() + " snapshots", connection -> {
            SnapshotLifecycle.touch(connection, keys, at);
            return null;
        });
    }

    @Override
    public List<SnapshotUsage> snapshotUsage() {
        return inTransaction("list snapshots", SnapshotLifecycle::usage);
    }

    @Override
    public List<String> builtTables() {
        return inTransaction("list built tables", SnapshotLifecycle::builtTables);
    }

    @Override
    public boolean expireEnvironment(String name, Instant at) {
        requireNonNull(at, "at is null");
        EnvironmentName.validate(name);
        if (EnvironmentName.isProd(name)) {
            throw new IllegalArgumentException("prod never expires");
        }
        return inTransaction("expire environment '" + name + "'", connection -> EnvironmentTable.expire(connection, name, at));
    }

    @Override
    public boolean removeExpiredEnvironment(String name, String planId, Instant now) {
        requireNonNull(name, "name is null");
        requireNonNull(planId, "planId is null");
        requireNonNull(now, "now is null");
        return inTransaction("remove environment '" + name + "'",
                connection -> EnvironmentTable.deleteExpired(connection, name, planId, now));
    }

    @Override
    public boolean forgetBuilt(String physicalTable, Instant usedBefore) {
        requireNonNull(physicalTable, "physicalTable is null");
        requireNonNull(usedBefore, "usedBefore is null");
        return inTransaction("forget built table " + physicalTable,
                connection -> SnapshotLifecycle.forgetBuilt(connection, physicalTable, usedBefore));
    }

    @Override
    public int deleteSnapshotsOf(String physicalTable) {
        requireNonNull(physicalTable, "physicalTable is null");
        return inTransaction("delete the snapshots of " + physicalTable,
                connection -> SnapshotLifecycle.deleteSnapshotsOf(connection, physicalTable));
    }

    @Override
    public void recordPreview(PreviewRecord preview) {
        requireNonNull(preview, "preview is null");
        inTransaction("record preview " + preview.preview(), connection -> {
            PreviewTable.record(connection, preview);
            return null;
        });
    }

    @Override
    public List<PreviewRecord> previews() {
        return inTransaction("list previews", PreviewTable::all);
    }

    @Override
    public boolean forgetPreview(String preview) {
        requireNonNull(preview, "preview is null");
        return inTransaction("forget preview " + preview, connection -> PreviewTable.forget(connection, preview));
    }

    @Override
    public void close() {
        connections.close();
    }

    @Override
    public String toString() {
        return "JdbcStateStore[" + url + "]";
    }

    private <T> T inTransaction(String operation, SqlWork<T> work) {
        try {
            return connections.inTransaction(work);
        }
        catch (SQLException e) {
            throw StateErrors.operationFailed(url, operation, e);
        }
    }
}
