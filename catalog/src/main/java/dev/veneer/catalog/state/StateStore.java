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
 * Veneer's memory of the lakehouse: snapshots, environments and which physical tables are built.
 * Every method is one transaction. Implementations must be safe to use from several processes.
 */
public interface StateStore extends AutoCloseable {
    /**
     * Ties this state to a project on first use; a state that belongs to another project is refused
     * with {@link dev.veneer.catalog.ErrorCode#PLAN_PROJECT_MISMATCH}.
     */
    void bindProject(String projectName);

    /** The project this state belongs to, if any plan was applied yet. */
    Optional<String> projectName();

    Optional<EnvironmentRecord> environment(String name);

    /** All environments, sorted by name. */
    List<EnvironmentRecord> environments();

    /** The stored snapshots among {@code keys}, read in one batch; missing keys are absent from the map. */
    Map<SnapshotKey, StoredSnapshot> snapshots(Collection<SnapshotKey> keys);

    /** Stores snapshots not stored yet; a snapshot already stored is left as it is (they are immutable). */
    void saveSnapshots(Collection<StoredSnapshot> snapshots);

    /** The physical tables among {@code physicalTables} whose build finished. */
    Set<String> builtTables(Collection<String> physicalTables);

    /** Records that a physical table's build finished and its data is complete. */
    void recordBuilt(String physicalTable, ModelName model, String version);

    /**
     * Replaces the environment record if, and only if, its current plan id is {@code expectedPlanId}
     * ({@code null}: the environment must not exist yet). Otherwise nothing changes and an
     * {@link dev.veneer.catalog.ErrorCode#ENVIRONMENT_CHANGED} error says to plan again.
     */
    void commitEnvironment(EnvironmentRecord next, String expectedPlanId);

    /**
     * The data intervals computed for each of {@code versions}, merged and sorted, in one batch; a
     * version without data is absent from the map.
     */
    Map<VersionKey, List<Interval>> intervals(Collection<VersionKey> versions);

    /** Records that {@code interval} of a version's data landed; merges with what is recorded already. */
    void recordInterval(VersionKey version, Interval interval);

    /** Forgets every interval of a version (its table was dropped). */
    void removeIntervals(VersionKey version);

    /**
     * Takes the lease on writing {@code physicalTable} for {@code owner} for {@code ttl}, if no other
     * owner holds an unexpired one; renews it if {@code owner} holds it already.
     *
     * @return whether {@code owner} now holds the lease
     */
    boolean tryAcquireLease(String physicalTable, String owner, Duration ttl);

    /** Extends every lease {@code owner} holds among {@code physicalTables}; returns how many it still held. */
    int renewLeases(Collection<String> physicalTables, String owner, Duration ttl);

    /** Gives the lease up, if {@code owner} holds it. */
    void releaseLease(String physicalTable, String owner);

    /** Who holds the lease on {@code physicalTable}, expired or not. */
    Optional<Lease> lease(String physicalTable);

    /** Marks the environment's views as in place for {@code planId}; ignored if another plan committed since. */
    void markFinalized(String environment, String planId);

    // --- audits ----------------------------------------------------------------------------------

    /**
     * Records what audit runs found; a result for the same model version, audit and range replaces
     * the one stored.
     */
    void recordAuditResults(Collection<AuditResult> results);

    /** The latest stored result of every audit and range of {@code versions}, in one batch, sorted by model, version, audit, range. */
    List<AuditResult> auditResults(Collection<VersionKey> versions);

    // --- lifecycle: invalidate and the janitor -------------------------------------------------

    /**
     * Records that an apply is starting with these snapshots in its environment: their
     * {@link SnapshotUsage#lastUsedAt()} moves to {@code at}, so the janitor leaves their physical
     * tables alone while the apply builds them, and for the snapshot TTL after.
     */
    void touchSnapshots(Collection<SnapshotKey> keys, Instant at);

    /** Every stored snapshot with when it was last used, sorted by physical table. */
    List<SnapshotUsage> snapshotUsage();

    /** Every physical table recorded as built, sorted. */
    List<String> builtTables();

    /**
     * Marks a non-prod environment expired at {@code at}.
     *
     * @return false if there is no such environment
     */
    boolean expireEnvironment(String name, Instant at);

    /**
     * Deletes an environment record if it still has {@code planId} and is expired at {@code now}.
     *
     * @return false if it was planned again (or removed) meanwhile
     */
    boolean removeExpiredEnvironment(String name, String planId, Instant now);

    /**
     * Forgets that a physical table is built, before it is dropped, unless a snapshot of it was used
     * at or after {@code usedBefore} (an apply started with it meanwhile). The data intervals
     * recorded for the table are forgotten with it, so the next plan computes it again.
     *
     * @return false if the table must be kept
     */
    boolean forgetBuilt(String physicalTable, Instant usedBefore);

    /** Deletes the snapshots of a dropped physical table; returns how many. */
    int deleteSnapshotsOf(String physicalTable);

    // --- previews of forward-only changes -------------------------------------------------------

    /** Records a preview before its objects are created; recording it again changes nothing. */
    void recordPreview(PreviewRecord preview);

    /** Every preview state knows, sorted by name. */
    List<PreviewRecord> previews();

    /**
     * Forgets a preview and the intervals recorded for it, once its objects are dropped.
     *
     * @return false if state did not know it
     */
    boolean forgetPreview(String preview);

    @Override
    void close();
}
