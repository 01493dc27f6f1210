package dev.veneer.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} must do, run against each real database by a subclass. Each test
 * gets a fresh, empty state from {@link #freshStateUrl()}.
 */
abstract class StateStoreContract {
    private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09.123Z");
    private static final ModelName ORDERS = ModelName.parse("sales.orders");
    private static final ModelName CUSTOMERS = ModelName.parse("sales.customers");

    private final List<StateStore> opened = new ArrayList<>();
    protected String url;
    private StateStore store;

    /** A JDBC URL of an empty state that lives until {@link #dropState(String)}. */
    protected abstract String freshStateUrl() throws Exception;

    /** Removes what {@link #freshStateUrl()} created, after every store on it is closed. */
    protected void dropState(String url) throws Exception {}

    @BeforeEach
    void openStore() throws Exception {
        url = freshStateUrl();
        store = open();
    }

    @AfterEach
    void closeStores() throws Exception {
        opened.forEach(StateStore::close);
        dropState(url);
    }

    @Test
    void snapshotRoundTripKeepsEveryFieldPayloadAndTimestamp() {
        StoredSnapshot snapshot = snapshot(ORDERS, "fp1");

        store.saveSnapshots(List.of(snapshot));

        assertThat(store.snapshots(List.of(snapshot.key()))).containsExactly(Map.entry(snapshot.key(), snapshot));
    }

    @Test
    void snapshotsReturnsOnlyStoredKeys() {
        store.saveSnapshots(List.of(snapshot(ORDERS, "fp1")));

        Map<SnapshotKey, StoredSnapshot> found = store.snapshots(List.of(
                new SnapshotKey(ORDERS, "fp1"), new SnapshotKey(ORDERS, "other"), new SnapshotKey(CUSTOMERS, "fp1")));

        assertThat(found).containsOnlyKeys(new SnapshotKey(ORDERS, "fp1"));
        assertThat(store.snapshots(List.of())).isEmpty();
    }

    @Test
    void snapshotsReadsMoreKeysThanOneBatchHolds() {
        List<StoredSnapshot> many = new ArrayList<>();
        for (int i = 0; i < Chunks.SIZE * 2 + 7; i++) {
            many.add(snapshot(ModelName.parse("db.model_" + i), "fp" + i));
        }
        store.saveSnapshots(many);

        Map<SnapshotKey, StoredSnapshot> found = store.snapshots(many.stream().map(StoredSnapshot::key).toList());

        assertThat(found).hasSize(many.size());
        assertThat(found.values()).containsExactlyInAnyOrderElementsOf(many);
    }

    @Test
    void savingAgainIsIdempotentAndNeverOverwrites() {
        StoredSnapshot first = snapshot(ORDERS, "fp1");
        store.saveSnapshots(List.of(first));
        StoredSnapshot sameKeyOtherContent = new StoredSnapshot(first.key(), "other_version", "other.table", "VIEW",
                "iceberg", "d2", "m2", "{}", CREATED.plusSeconds(60));

        store.saveSnapshots(List.of(sameKeyOtherContent, snapshot(CUSTOMERS, "fp2")));
        store.saveSnapshots(List.of(first));

        assertThat(store.snapshots(List.of(first.key()))).containsEntry(first.key(), first);
        assertThat(store.snapshots(List.of(new SnapshotKey(CUSTOMERS, "fp2")))).hasSize(1);
    }

    @Test
    void newEnvironmentIsStoredAsGiven() {
        EnvironmentRecord dev = environment("dev", "plan1", Instant.parse("2024-06-01T00:00:00.456Z"));

        store.commitEnvironment(dev, null);

        assertThat(store.environment("dev")).contains(dev);
        assertThat(store.environment("absent")).isEmpty();
    }

    @Test
    void environmentWithoutExpiryRoundTrips() {
        EnvironmentRecord prod = environment("prod", "plan1", null);

        store.commitEnvironment(prod, null);

        assertThat(store.environment("prod")).contains(prod);
    }

    @Test
    void creatingAnExistingEnvironmentIsRefusedAndKeepsTheFirst() {
        EnvironmentRecord first = environment("dev", "plan1", null);
        store.commitEnvironment(first, null);

        assertThatThrownBy(() -> store.commitEnvironment(environment("dev", "plan2", null), null))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENVIRONMENT_CHANGED))
                .hasMessage("environment 'dev' changed since this plan was made; plan again");
        assertThat(store.environment("dev")).contains(first);
    }

    @Test
    void updateAgainstTheCurrentPlanIdReplacesTheRecord() {
        store.commitEnvironment(environment("dev", "plan1", null), null);
        EnvironmentRecord next = new EnvironmentRecord("dev", "plan2", "prod", List.of(pointer(CUSTOMERS, "fp9")),
                CREATED, CREATED.plusSeconds(3600), CREATED.plusSeconds(7 * 86400), false);

        store.commitEnvironment(next, "plan1");

        assertThat(store.environment("dev")).contains(next);
    }

    @Test
    void updateAgainstAStalePlanIdIsRefusedAndChangesNothing() {
        EnvironmentRecord current = environment("dev", "plan2", null);
        store.commitEnvironment(environment("dev", "plan1", null), null);
        store.commitEnvironment(current, "plan1");

        assertThatThrownBy(() -> store.commitEnvironment(environment("dev", "plan3", null), "plan1"))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENVIRONMENT_CHANGED))
                .hasMessageContaining("environment 'dev' changed since this plan was made");
        assertThat(store.environment("dev")).contains(current);
    }

    @Test
    void updateOfAMissingEnvironmentIsRefused() {
        assertThatThrownBy(() -> store.commitEnvironment(environment("dev", "plan2", null), "plan1"))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENVIRONMENT_CHANGED));
        assertThat(store.environment("dev")).isEmpty();
    }

    @Test
    void twoStoresRacingToUpdateTheSameEnvironmentLetExactlyOneWin() throws Exception {
        store.commitEnvironment(environment("dev", "plan0", null), null);
        StateStore first = open();
        StateStore second = open();
        String current = "plan0";
        for (int round = 1; round <= 5; round++) {
            String expected = current;
            String a = "a" + round;
            String b = "b" + round;
            List<String> winners = race(
                    () -> commitOrLose(first, environment("dev", a, null), expected),
                    () -> commitOrLose(second, environment("dev", b, null), expected));

            assertThat(winners).as("round %s", round).hasSize(1);
            current = winners.get(0);
            assertThat(store.environment("dev")).map(EnvironmentRecord::planId).contains(current);
        }
    }

    @Test
    void twoStoresRacingToCreateTheSameEnvironmentLetExactlyOneWin() throws Exception {
        StateStore first = open();
        StateStore second = open();

        List<String> winners = race(
                () -> commitOrLose(first, environment("dev", "a", null), null),
                () -> commitOrLose(second, environment("dev", "b", null), null));

        assertThat(winners).hasSize(1);
        assertThat(store.environment("dev")).map(EnvironmentRecord::planId).contains(winners.get(0));
    }

    @Test
    void markFinalizedMarksTheCurrentPlanOnly() {
        store.commitEnvironment(environment("dev", "plan1", null), null);
        store.commitEnvironment(environment("dev", "plan2", null), "plan1");

        store.markFinalized("dev", "plan1");
        assertThat(store.environment("dev")).map(EnvironmentRecord::finalized).contains(false);

        store.markFinalized("dev", "plan2");
        assertThat(store.environment("dev")).map(EnvironmentRecord::finalized).contains(true);

        store.markFinalized("absent", "plan2");
        assertThat(store.environment("absent")).isEmpty();
    }

    @Test
    void environmentsAreListedByName() {
        store.commitEnvironment(environment("prod", "p", null), null);
        store.commitEnvironment(environment("dev", "d", null), null);
        store.commitEnvironment(environment("feature_x", "f", null), null);

        assertThat(store.environments()).extracting(EnvironmentRecord::name).containsExactly("dev", "feature_x", "prod");
    }

    @Test
    void builtTablesAreThoseRecordedAndRecordingIsIdempotent() {
        store.recordBuilt("veneer__sales.sales__orders__abc", ORDERS, "abc");
        store.recordBuilt("veneer__sales.sales__orders__abc", ORDERS, "abc");
        store.recordBuilt("veneer__sales.sales__customers__def", CUSTOMERS, "def");

        assertThat(store.builtTables(List.of("veneer__sales.sales__orders__abc", "veneer__sales.sales__orders__zzz")))
                .containsExactly("veneer__sales.sales__orders__abc");
        assertThat(store.builtTables(List.of())).isEmpty();
    }

    @Test
    void bindProjectClaimsTheStateOnceAndRefusesAnotherProject() {
        assertThat(store.projectName()).isEmpty();

        store.bindProject("shop");
        store.bindProject("shop");

        assertThat(store.projectName()).contains("shop");
        assertThatThrownBy(() -> store.bindProject("other"))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_PROJECT_MISMATCH))
                .hasMessageStartingWith("state " + url + " belongs to project 'shop', not 'other'; ");
        assertThat(store.projectName()).contains("shop");
    }

    @Test
    void reopeningTheStateKeepsItsData() {
        StoredSnapshot snapshot = snapshot(ORDERS, "fp1");
        EnvironmentRecord dev = environment("dev", "plan1", null);
        store.bindProject("shop");
        store.saveSnapshots(List.of(snapshot));
        store.commitEnvironment(dev, null);
        store.recordBuilt("t1", ORDERS, "v1");
        store.close();

        StateStore reopened = open();

        assertThat(reopened.projectName()).contains("shop");
        assertThat(reopened.snapshots(List.of(snapshot.key()))).containsEntry(snapshot.key(), snapshot);
        assertThat(reopened.environment("dev")).contains(dev);
        assertThat(reopened.builtTables(List.of("t1"))).containsExactly("t1");
    }

    @Test
    void stateWrittenByANewerVeneerIsRefused() throws SQLException {
        store.close();
        String known = latestVersion();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + StateSchema.HISTORY_TABLE
                    + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                    + " SELECT MAX(installed_rank) + 1, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', NULL,"
                    + " 'test', 0, TRUE FROM " + StateSchema.HISTORY_TABLE);
        }

        assertThatThrownBy(() -> StateStores.open(url))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STATE_TOO_NEW))
                .hasMessage("state at " + url + " was written by a newer Veneer (schema version 99, this binary knows "
                        + known + "); upgrade Veneer");
        assertThatThrownBy(() -> StateStores.migrate(url))
                .isInstanceOfSatisfying(VeneerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STATE_TOO_NEW));
    }

    @Test
    void stateOfTheFirstVersionIsMigratedKeepingItsData() throws Exception {
        store.close();
        dropState(url);
        url = freshStateUrl();
        StateUrl.parse(url).sqliteFile().ifPresent(file -> file.toAbsolutePath().getParent().toFile().mkdirs());
        // a state as the walking skeleton left it: schema version 1 only, one snapshot
        org.flywaydb.core.Flyway.configure(StateSchema.class.getClassLoader())
                .dataSource(url, null, null)
                .locations(StateSchema.MIGRATIONS)
                .table(StateSchema.HISTORY_TABLE)
                .schemas(StateUrl.parse(url).schema().map(schema -> new String[] {schema}).orElse(new String[0]))
                .target("1")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO veneer_snapshots (model, fingerprint, version, physical_table, kind, table_format,"
                    + " data_hash, metadata_hash, payload, created_at) VALUES ('sales.orders', 'fp1', 'v1', 't1', 'FULL', 'delta',"
                    + " 'd', 'm', '{}', " + CREATED.toEpochMilli() + ")");
        }

        SchemaVersion version = StateStores.migrate(url);

        assertThat(version.before()).contains("1");
        assertThat(version.after()).isEqualTo(latestVersion());
        assertThat(version.applied()).isPositive();
        assertThat(open().snapshotUsage()).singleElement()
                .satisfies(usage -> assertThat(usage.lastUsedAt()).isEqualTo(CREATED));
        assertThat(StateStores.migrate(url).applied()).as("migrating again does nothing").isZero();
    }

    @Test
    void touchMovesLastUseForwardOnly() {
        store.saveSnapshots(List.of(snapshot(ORDERS, "fp1"), snapshot(CUSTOMERS, "fp2")));
        Instant later = CREATED.plusSeconds(60);

        store.touchSnapshots(List.of(new SnapshotKey(ORDERS, "fp1"), new SnapshotKey(ORDERS, "unknown")), later);
        store.touchSnapshots(List.of(new SnapshotKey(ORDERS, "fp1")), CREATED);

        assertThat(store.snapshotUsage()).extracting(SnapshotUsage::physicalTable, SnapshotUsage::lastUsedAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple(snapshot(CUSTOMERS, "fp2").physicalTable(), CREATED),
                org.assertj.core.groups.Tuple.tuple(snapshot(ORDERS, "fp1").physicalTable(), later));
    }

    @Test
    void aPreviewPointerRoundTripsAndAPreviewIsForgottenWithItsIntervals() {
        SnapshotPointer previewed = new SnapshotPointer(ORDERS, "fp3", "v1", "spark_catalog.veneer__sales.sales__orders__v1", "INCREMENTAL_BY_TIME_RANGE",
                "spark_catalog.veneer__sales.sales__orders__v1__dev_fp3");
        store.commitEnvironment(new EnvironmentRecord("dev", "plan1", "prod", List.of(previewed), CREATED, CREATED, null, false), null);
        assertThat(store.environment("dev").orElseThrow().pointer(ORDERS).orElseThrow()).isEqualTo(previewed);

        PreviewRecord preview = new PreviewRecord(previewed.preview(), "dev", ORDERS, previewed.physicalTable(), "iceberg", "veneer_dev_fp3",
                "lake.veneer__sales.sales__orders__v1__dev_fp3__rows", "v1__dev_fp3", CREATED);
        store.recordPreview(preview);
        store.recordPreview(new PreviewRecord(previewed.preview(), "dev", ORDERS, previewed.physicalTable(), "delta", null, null,
                "v1__dev_fp3", CREATED.plusSeconds(5)));
        store.recordInterval(preview.intervalKey(), day(1, 2));
        store.recordInterval(new VersionKey(ORDERS, "v1"), day(1, 3));

        assertThat(store.previews()).containsExactly(preview);
        assertThat(store.forgetPreview(preview.preview())).isTrue();
        assertThat(store.forgetPreview(preview.preview())).isFalse();
        assertThat(store.previews()).isEmpty();
        assertThat(store.intervals(List.of(preview.intervalKey(), new VersionKey(ORDERS, "v1"))))
                .as("the preview's intervals go with it, the table's stay")
                .containsOnlyKeys(new VersionKey(ORDERS, "v1"));
    }

    @Test
    void expiringAnEnvironmentSetsItsExpiryButNeverProds() {
        store.commitEnvironment(environment("dev", "plan1", CREATED.plusSeconds(3600)), null);

        assertThat(store.expireEnvironment("dev", CREATED)).isTrue();
        assertThat(store.expireEnvironment("missing", CREATED)).isFalse();
        assertThat(store.environment("dev").orElseThrow().expiresAt()).isEqualTo(CREATED);
        assertThatThrownBy(() -> store.expireEnvironment("prod", CREATED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpiredEnvironmentIsRemovedOnlyIfNotPlannedAgain() {
        store.commitEnvironment(environment("dev", "plan1", CREATED), null);
        store.commitEnvironment(environment("live", "plan1", CREATED.plusSeconds(3600)), null);
        store.commitEnvironment(environment("prod", "plan1", null), null);
        Instant now = CREATED.plusSeconds(1);

        assertThat(store.removeExpiredEnvironment("dev", "stale-plan", now)).isFalse();
        assertThat(store.removeExpiredEnvironment("live", "plan1", now)).isFalse();
        assertThat(store.removeExpiredEnvironment("prod", "plan1", now)).isFalse();
        assertThat(store.removeExpiredEnvironment("dev", "plan1", now)).isTrue();
        assertThat(store.environments()).extracting(EnvironmentRecord::name).containsExactly("live", "prod");
    }

    @Test
    void aBuiltTableIsForgottenOnlyWhenNoSnapshotOfItWasUsedRecently() {
        StoredSnapshot orders = snapshot(ORDERS, "fp1");
        store.saveSnapshots(List.of(orders));
        store.recordBuilt(orders.physicalTable(), ORDERS, orders.version());
        store.recordBuilt("orphan", ORDERS, "v0");
        VersionKey version = new VersionKey(ORDERS, orders.version());
        store.recordInterval(version, day(1, 2));

        assertThat(store.forgetBuilt(orders.physicalTable(), CREATED)).as("used at the cutoff").isFalse();
        assertThat(store.builtTables()).containsExactly("orphan", orders.physicalTable());
        assertThat(store.intervals(List.of(version))).as("kept with the table").containsKey(version);
        assertThat(store.forgetBuilt(orders.physicalTable(), CREATED.plusMillis(1))).isTrue();
        assertThat(store.intervals(List.of(version))).as("forgotten with the table").isEmpty();
        assertThat(store.forgetBuilt("orphan", CREATED)).isTrue();
        assertThat(store.builtTables()).isEmpty();

        assertThat(store.deleteSnapshotsOf(orders.physicalTable())).isEqualTo(1);
        assertThat(store.snapshotUsage()).isEmpty();
    }

    private String latestVersion() {
        return StateStores.migrate(url).after();
    }

    @Test
    void intervalsMergeAsTheyLandAndStayPerVersion() {
        VersionKey v1 = new VersionKey(ORDERS, "v1");
        VersionKey v2 = new VersionKey(ORDERS, "v2");
        store.recordInterval(v1, day(1, 3));
        store.recordInterval(v1, day(5, 6));
        store.recordInterval(v1, day(3, 4));
        store.recordInterval(v1, day(2, 3));
        store.recordInterval(v2, day(10, 11));

        Map<VersionKey, List<Interval>> intervals = store.intervals(List.of(v1, v2, new VersionKey(CUSTOMERS, "v1")));

        assertThat(intervals).containsOnlyKeys(v1, v2);
        assertThat(intervals.get(v1)).containsExactly(day(1, 4), day(5, 6));
        assertThat(intervals.get(v2)).containsExactly(day(10, 11));
        store.recordInterval(v1, day(4, 5));
        assertThat(store.intervals(List.of(v1)).get(v1)).containsExactly(day(1, 6));
        store.removeIntervals(v1);
        assertThat(store.intervals(List.of(v1, v2))).containsOnlyKeys(v2);
    }

    @Test
    void auditResultsAreKeptPerVersionAuditAndRangeTheLatestRunWinning() {
        VersionKey v1 = new VersionKey(ORDERS, "v1");
        AuditResult failed = new AuditResult(ORDERS, "v1", "not_null", java.util.Optional.of(day(1, 2)), true, 2,
                "[{\"id\":null,\"name\":\"ünï\"}]", "dev", CREATED);
        AuditResult otherBatch = new AuditResult(ORDERS, "v1", "not_null", java.util.Optional.of(day(2, 3)), true, 0, "[]", "dev", CREATED);
        AuditResult wholeView = new AuditResult(CUSTOMERS, "v9", "number_of_rows", java.util.Optional.empty(), false, 1,
                "[{\"row_count\":0}]", "prod", CREATED);
        store.recordAuditResults(List.of(failed, otherBatch, wholeView));
        AuditResult rerun = new AuditResult(ORDERS, "v1", "not_null", java.util.Optional.of(day(1, 2)), true, 0, "[]", "prod",
                CREATED.plusSeconds(60));
        store.recordAuditResults(List.of(rerun));

        assertThat(store.auditResults(List.of(v1))).containsExactly(rerun, otherBatch);
        assertThat(store.auditResults(List.of(new VersionKey(CUSTOMERS, "v9")))).containsExactly(wholeView);
        assertThat(store.auditResults(List.of(new VersionKey(ORDERS, "v2")))).isEmpty();
    }

    @Test
    void auditResultsAreForgottenWithTheirTable() {
        StoredSnapshot orders = snapshot(ORDERS, "fp1");
        store.saveSnapshots(List.of(orders));
        store.recordBuilt(orders.physicalTable(), ORDERS, orders.version());
        store.recordAuditResults(List.of(new AuditResult(ORDERS, orders.version(), "unique_values", java.util.Optional.of(day(1, 2)),
                true, 0, "[]", "prod", CREATED)));

        assertThat(store.forgetBuilt(orders.physicalTable(), CREATED.plusMillis(1))).isTrue();

        assertThat(store.auditResults(List.of(new VersionKey(ORDERS, orders.version())))).isEmpty();
    }

    @Test
    void intervalsOfManyVersionsAreReadInBatches() {
        List<VersionKey> versions = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            versions.add(new VersionKey(ORDERS, "v" + i));
        }
        store.recordInterval(versions.get(0), day(1, 2));
        store.recordInterval(versions.get(1_199), day(2, 3));

        assertThat(store.intervals(versions)).containsOnlyKeys(versions.get(0), versions.get(1_199));
    }

    @Test
    void aLeaseIsHeldByOneOwnerUntilReleasedOrExpired() throws InterruptedException {
        StateStore other = open();
        assertThat(store.tryAcquireLease("t1", "run-a", Duration.ofMinutes(1))).isTrue();
        assertThat(other.tryAcquireLease("t1", "run-b", Duration.ofMinutes(1))).isFalse();
        assertThat(store.tryAcquireLease("t1", "run-a", Duration.ofMinutes(1))).as("renewing one's own lease").isTrue();
        assertThat(other.lease("t1")).map(Lease::owner).contains("run-a");
        assertThat(other.renewLeases(List.of("t1"), "run-b", Duration.ofMinutes(1))).isZero();
        assertThat(store.renewLeases(List.of("t1"), "run-a", Duration.ofMinutes(1))).isOne();

        store.releaseLease("t1", "run-b");
        assertThat(other.tryAcquireLease("t1", "run-b", Duration.ofMinutes(1))).as("release by a non-owner is ignored").isFalse();
        store.releaseLease("t1", "run-a");
        assertThat(other.tryAcquireLease("t1", "run-b", Duration.ofMillis(50))).isTrue();

        Thread.sleep(120);
        assertThat(store.tryAcquireLease("t1", "run-c", Duration.ofMinutes(1))).as("an expired lease is taken over").isTrue();
        assertThat(store.lease("t1")).map(Lease::owner).contains("run-c");
    }

    @Test
    void racingProcessesTakeALeaseExactlyOnce() throws Exception {
        StateStore first = open();
        StateStore second = open();
        for (int round = 0; round < 5; round++) {
            String table = "t" + round;
            List<String> winners = race(
                    () -> first.tryAcquireLease(table, "a", Duration.ofMinutes(1)) ? "a" : null,
                    () -> second.tryAcquireLease(table, "b", Duration.ofMinutes(1)) ? "b" : null);
            assertThat(winners).as("round %s", round).hasSize(1);
        }
    }

    private static Interval day(int from, int to) {
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        return new Interval(base.plus(Duration.ofDays(from - 1)), base.plus(Duration.ofDays(to - 1)));
    }

    protected StateStore open() {
        StateStore opened = StateStores.open(url);
        this.opened.add(opened);
        return opened;
    }

    /** Runs both at the same instant; returns the plan ids that committed. */
    private static List<String> race(Callable<String> one, Callable<String> other) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (Callable<String> contender : List.of(one, other)) {
                results.add(threads.submit(() -> {
                    start.await();
                    return contender.call();
                }));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> result : results) {
                String winner = result.get(60, TimeUnit.SECONDS);
                if (winner != null) {
                    winners.add(winner);
                }
            }
            return winners;
        }
        finally {
            threads.shutdownNow();
        }
    }

    /** The plan id if the commit won, null if it lost the race with the expected error. */
    private static String commitOrLose(StateStore store, EnvironmentRecord next, String expectedPlanId) {
        try {
            store.commitEnvironment(next, expectedPlanId);
            return next.planId();
        }
        catch (VeneerException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.ENVIRONMENT_CHANGED);
            return null;
        }
    }

    private static StoredSnapshot snapshot(ModelName model, String fingerprint) {
        return new StoredSnapshot(new SnapshotKey(model, fingerprint), "v_" + fingerprint,
                "veneer__" + model.schema() + "." + model.schema() + "__" + model.table() + "__" + fingerprint,
                "FULL", "delta", "data_" + fingerprint, "meta_" + fingerprint,
                "{\"query\": \"SELECT 'ünïcødé' AS \\\"quoted\\\"\\n FROM t\", \"parents\": []}", CREATED);
    }

    private static SnapshotPointer pointer(ModelName model, String fingerprint) {
        return new SnapshotPointer(model, fingerprint, "v_" + fingerprint, "veneer__x." + model.table() + "__" + fingerprint, "FULL");
    }

    private static EnvironmentRecord environment(String name, String planId, Instant expiresAt) {
        return new EnvironmentRecord(name, planId, "prod", List.of(pointer(ORDERS, "fp1"), pointer(CUSTOMERS, "fp2")),
                CREATED, CREATED.plusMillis(1), expiresAt, false);
    }
}
