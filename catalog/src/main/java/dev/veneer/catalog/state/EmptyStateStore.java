package dev.veneer.catalog.state;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of a lakehouse Veneer never wrote to: a SQLite state file that does not exist yet, read
 * by a command that only reads ({@code plan} without {@code --auto-apply}). Every read finds
 * nothing; the file is created (and migrated) by the first command that writes, through
 * {@link StateStores#open}. Writing here is a programming error, never a user's.
 */
final class EmptyStateStore implements StateStore {
    private final StateUrl url;

    EmptyStateStore(StateUrl url) {
        this.url = url;
    }

    private UnsupportedOperationException readOnly(String operation) {
        return new UnsupportedOperationException(operation + " on the state at " + url.redacted()
                + ", which does not exist yet and was opened for reading only; open it with StateStores.open to write");
    }

    @Override
    public void bindProject(String projectName) {
        throw readOnly("bindProject");
    }

    @Override
    public Optional<String> projectName() {
        return Optional.empty();
    }

    @Override
    public Optional<EnvironmentRecord> environment(String name) {
        return Optional.empty();
    }

    @Override
    public List<EnvironmentRecord> environments() {
        return List.of();
    }

    @Override
    public Map<SnapshotKey, StoredSnapshot> snapshots(Collection<SnapshotKey> keys) {
        return Map.of();
    }

    @Override
    public void saveSnapshots(Collection<StoredSnapshot> snapshots) {
        throw readOnly("saveSnapshots");
    }

    @Override
    public Set<String> builtTables(Collection<String> physicalTables) {
        return Set.of();
    }

    @Override
    public void recordBuilt(String physicalTable, ModelName model, String version) {
        throw readOnly("recordBuilt");
    }

    @Override
    public void commitEnvironment(EnvironmentRecord next, String expectedPlanId) {
        throw readOnly("commitEnvironment");
    }

    @Override
    public Map<VersionKey, List<Interval>> intervals(Collection<VersionKey> versions) {
        return Map.of();
    }

    @Override
    public void recordInterval(VersionKey version, Interval interval) {
        throw readOnly("recordInterval");
    }

    @Override
    public void removeIntervals(VersionKey version) {
        throw readOnly("removeIntervals");
    }

    @Override
    public boolean tryAcquireLease(String physicalTable, String owner, Duration ttl) {
        throw readOnly("tryAcquireLease");
    }

    @Override
    public int renewLeases(Collection<String> physicalTables, String owner, Duration ttl) {
        throw readOnly("renewLeases");
    }

    @Override
    public void releaseLease(String physicalTable, String owner) {
        throw readOnly("releaseLease");
    }

    @Override
    public Optional<Lease> lease(String physicalTable) {
        return Optional.empty();
    }

    @Override
    public void markFinalized(String environment, String planId) {
        throw readOnly("markFinalized");
    }

    @Override
    public void recordAuditResults(Collection<AuditResult> results) {
        throw readOnly("recordAuditResults");
    }

    @Override
    public List<AuditResult> auditResults(Collection<VersionKey> versions) {
        return List.of();
    }

    @Override
    public void touchSnapshots(Collection<SnapshotKey> keys, Instant at) {
        throw readOnly("touchSnapshots");
    }

    @Override
    public List<SnapshotUsage> snapshotUsage() {
        return List.of();
    }

    @Override
    public List<String> builtTables() {
        return List.of();
    }

    @Override
    public boolean expireEnvironment(String name, Instant at) {
        throw readOnly("expireEnvironment");
    }

    @Override
    public boolean removeExpiredEnvironment(String name, String planId, Instant now) {
        throw readOnly("removeExpiredEnvironment");
    }

    @Override
    public boolean forgetBuilt(String physicalTable, Instant usedBefore) {
        throw readOnly("forgetBuilt");
    }

    @Override
    public int deleteSnapshotsOf(String physicalTable) {
        throw readOnly("deleteSnapshotsOf");
    }

    @Override
    public void recordPreview(PreviewRecord preview) {
        throw readOnly("recordPreview");
    }

    @Override
    public List<PreviewRecord> previews() {
        return List.of();
    }

    @Override
    public boolean forgetPreview(String preview) {
        throw readOnly("forgetPreview");
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
