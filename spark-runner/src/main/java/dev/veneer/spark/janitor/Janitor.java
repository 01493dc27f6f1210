package dev.veneer.spark.janitor;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.PhysicalNames;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.PreviewRecord;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.spark.janitor.JanitorAction.Outcome;
import dev.veneer.spark.janitor.JanitorAction.Subject;
import dev.veneer.spark.janitor.Retention.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up (DESIGN.md rule 7, "janitor"): removes expired environments (their views, their view
 * schemas, their record), then drops the physical tables {@link Retention} lets go, then, with
 * {@code --sweep-orphans}, tables in Veneer's physical schemas that state does not know. Previews of
 * forward-only changes go with their environment; the tables they read stay while they live. The
 * janitor never vacuums a table: a Delta shallow clone reads its source's files.
 *
 * <p>Best effort and idempotent: a failing drop is reported and the run goes on; whatever failed is
 * still in state, so the next run retries it. Order makes it crash-safe: views are dropped before
 * the environment record, and a table is forgotten as built before it is dropped and its snapshots
 * deleted only after, so a janitor killed half-way leaves nothing the next run cannot find.
 *
 * <p>Safe beside a running apply: an apply touches its snapshots before it builds, and
 * {@link StateStore#forgetBuilt} refuses, in one statement, a table whose snapshot was used within
 * the grace period. (A rollback apply that starts in the milliseconds between that statement and the
 * {@code DROP} can lose its table; the grace period makes the window one of milliseconds, not hours.)
 */
public final class Janitor {
    private static final Logger log = LoggerFactory.getLogger(Janitor.class);

    private final SparkSession spark;
    private final StateStore state;
    private final String physicalSchemaPrefix;
    private final String icebergCatalog;
    private final LakehouseObjects objects;

    public Janitor(SparkSession spark, StateStore state, String physicalSchemaPrefix, String icebergCatalog) {
        this.spark = requireNonNull(spark, "spark is null");
        this.state = requireNonNull(state, "state is null");
        this.physicalSchemaPrefix = requireNonNull(physicalSchemaPrefix, "physicalSchemaPrefix is null");
        this.icebergCatalog = requireNonNull(icebergCatalog, "icebergCatalog is null");
        this.objects = new LakehouseObjects(spark, icebergCatalog);
    }

    public JanitorReport run(JanitorOptions options) {
        long start = System.nanoTime();
        List<JanitorAction> actions = new ArrayList<>();
        Set<String> removed = new TreeSet<>();
        for (EnvironmentRecord environment : state.environments()) {
            if (!EnvironmentName.isProd(environment.name()) && environment.isExpired(options.now())
                    && removeEnvironment(environment, options, actions)) {
                removed.add(environment.name());
            }
        }
        List<EnvironmentRecord> staying = state.environments().stream()
                .filter(environment -> !removed.contains(environment.name()))
                .toList();
        List<PreviewRecord> previews = state.previews();
        Map<String, String> readByPreviews = previews(previews, staying, options, actions);
        List<String> built = state.builtTables();
        List<Decision> decisions = Retention.decide(staying, state.snapshotUsage(), built, objects::viewText, options, readByPreviews);
        forgetMissingTables(decisions, new TreeSet<>(built), options, actions);
        // physical views first: nothing then reads a table while it goes
        decisions.stream().filter(decision -> decision.drop() && decision.isView()).forEach(decision -> dropTable(decision, options, actions));
        decisions.stream().filter(decision -> decision.drop() && !decision.isView()).forEach(decision -> dropTable(decision, options, actions));
        decisions.stream().filter(decision -> !decision.drop())
                .forEach(decision -> actions.add(new JanitorAction(Subject.TABLE, decision.physicalTable(), Outcome.KEPT, decision.reason())));
        if (options.sweepOrphans()) {
            sweepOrphans(decisions, previews, options, actions);
        }
        JanitorReport report = new JanitorReport(options.dryRun(), actions, Duration.ofNanos(System.nanoTime() - start));
        log.info("janitor: {} in {} ms", report.summary(), report.elapsed().toMillis());
        return report;
    }

    /** Drops the views and view schemas of an expired environment, then its record. True if it is gone. */
    private boolean removeEnvironment(EnvironmentRecord environment, JanitorOptions options, List<JanitorAction> actions) {
        String name = environment.name();
        String why = "expired at " + environment.expiresAt();
        Set<String> schemas = new LinkedHashSet<>();
        environment.snapshots().forEach(pointer -> schemas.add(PhysicalNames.viewSchema(pointer.model(), name)));
        if (options.dryRun()) {
            environment.snapshots().forEach(pointer -> actions.add(new JanitorAction(Subject.VIEW,
                    PhysicalNames.viewName(pointer.model(), name), Outcome.WOULD_DROP, "environment " + name + " " + why)));
            actions.add(new JanitorAction(Subject.ENVIRONMENT, name, Outcome.WOULD_DROP,
                    why + "; " + environment.snapshots().size() + " views in " + String.join(", ", schemas)));
            return true;
        }
        boolean viewsGone = true;
        for (SnapshotPointer pointer : environment.snapshots()) {
            String view = PhysicalNames.viewName(pointer.model(), name);
            try {
                objects.dropView(view);
                actions.add(new JanitorAction(Subject.VIEW, view, Outcome.DROPPED, "environment " + name + " " + why));
            }
            catch (Exception e) {
                viewsGone = false;
                actions.add(new JanitorAction(Subject.VIEW, view, Outcome.FAILED, LakehouseObjects.firstLine(e)));
            }
        }
        if (!viewsGone) {
            actions.add(new JanitorAction(Subject.ENVIRONMENT, name, Outcome.FAILED,
                    why + "; some of its views could not be dropped, so it stays in state and the next run retries"));
            return false;
        }
        for (String schema : schemas) {
            try {
                if (objects.dropSchemaIfEmpty(schema)) {
                    actions.add(new JanitorAction(Subject.SCHEMA, schema, Outcome.DROPPED, "environment " + name + " " + why));
                }
                else {
                    actions.add(new JanitorAction(Subject.SCHEMA, schema, Outcome.KEPT,
                            "it holds objects Veneer did not create; drop them, then the schema, yourself"));
                }
            }
            catch (Exception e) {
                actions.add(new JanitorAction(Subject.SCHEMA, schema, Outcome.FAILED, LakehouseObjects.firstLine(e)));
            }
        }
        if (state.removeExpiredEnvironment(name, environment.planId(), options.now())) {
            actions.add(new JanitorAction(Subject.ENVIRONMENT, name, Outcome.DROPPED,
                    why + "; dropped its " + environment.snapshots().size() + " views"));
            return true;
        }
        // A plan was applied to it while we dropped its views: put the views of its new record back.
        Optional<EnvironmentRecord> now = state.environment(name);
        now.ifPresent(this::restoreViews);
        actions.add(new JanitorAction(Subject.ENVIRONMENT, name, Outcome.KEPT,
                "a plan was applied to it while the janitor removed it; its views were recreated"));
        return false;
    }

    private void restoreViews(EnvironmentRecord environment) {
        for (SnapshotPointer pointer : environment.snapshots()) {
            try {
                objects.createOrReplaceView(PhysicalNames.viewName(pointer.model(), environment.name()), pointer.viewTarget());
            }
            catch (Exception e) {
                log.warn("could not recreate view {} of environment {}: {}", PhysicalNames.viewName(pointer.model(), environment.name()),
                        environment.name(), LakehouseObjects.firstLine(e));
            }
        }
    }

    /**
     * Removes the previews of forward-only changes that no environment staying reads any more (its
     * environment expired, or was planned again with another change), past the grace period.
     *
     * @return the tables the previews that stay read, with why: the janitor keeps them (a shallow
     *     clone breaks when the files of the table it reads go)
     */
    private Map<String, String> previews(List<PreviewRecord> previews, List<EnvironmentRecord> staying, JanitorOptions options,
            List<JanitorAction> actions) {
        Map<String, String> readByPreviews = new TreeMap<>();
        for (PreviewRecord preview : previews) {
            Optional<EnvironmentRecord> environment = staying.stream()
                    .filter(record -> record.name().equals(preview.environment()))
                    .findFirst();
            boolean read = environment.flatMap(record -> record.pointer(preview.model()))
                    .map(pointer -> preview.preview().equals(pointer.preview()))
                    .orElse(false);
            String keptBecause = read
                    ? "environment " + preview.environment() + " previews " + preview.model() + " in it"
                    : preview.createdAt().isAfter(options.graceCutoff())
                            ? "made at " + preview.createdAt() + ", within the grace period of " + options.grace()
                                    + " (an apply may be making it)"
                            : null;
            if (keptBecause != null) {
                readByPreviews.putIfAbsent(preview.sourceTable(), "preview " + preview.preview() + " reads it (" + keptBecause + ")");
                actions.add(new JanitorAction(Subject.PREVIEW, preview.preview(), Outcome.KEPT, keptBecause));
                continue;
            }
            String reason = environment.isEmpty()
                    ? "environment " + preview.environment() + " is gone"
                    : "environment " + preview.environment() + " no longer reads it (planned again)";
            if (options.dryRun()) {
                actions.add(new JanitorAction(Subject.PREVIEW, preview.preview(), Outcome.WOULD_DROP, reason));
                continue;
            }
            try {
                objects.dropPreview(preview);
                state.forgetPreview(preview.preview());
                actions.add(new JanitorAction(Subject.PREVIEW, preview.preview(), Outcome.DROPPED, reason + "; it read "
                        + preview.sourceTable() + ", which it never wrote"));
            }
            catch (Exception e) {
                actions.add(new JanitorAction(Subject.PREVIEW, preview.preview(), Outcome.FAILED,
                        LakehouseObjects.firstLine(e) + "; it stays in state, so the next run retries"));
            }
        }
        return readByPreviews;
    }

    /**
     * A table an environment points at that state records as built but that does not exist was
     * dropped outside Veneer: forgetting it makes the next plan of that environment rebuild it.
     */
    private void forgetMissingTables(List<Decision> decisions, Set<String> built, JanitorOptions options, List<JanitorAction> actions) {
        for (Decision decision : decisions) {
            if (decision.drop() || !built.contains(decision.physicalTable()) || !decision.reason().startsWith("environment ")) {
                continue;
            }
            boolean exists;
            try {
                exists = objects.exists(decision.physicalTable());
            }
            catch (Exception e) {
                continue;
            }
            if (!exists) {
                if (!options.dryRun()) {
                    state.forgetBuilt(decision.physicalTable(), Instant.ofEpochMilli(Long.MAX_VALUE));
                }
                actions.add(new JanitorAction(Subject.MISSING_TABLE, decision.physicalTable(), options.dryRun() ? Outcome.WOULD_DROP : Outcome.DROPPED,
                        "state recorded it as built but it does not exist (dropped outside Veneer?); "
                                + (options.dryRun() ? "would forget it" : "forgotten") + ", so the next plan of the environment rebuilds it"));
            }
        }
    }

    private void dropTable(Decision decision, JanitorOptions options, List<JanitorAction> actions) {
        String table = decision.physicalTable();
        if (options.dryRun()) {
            actions.add(new JanitorAction(Subject.TABLE, table, Outcome.WOULD_DROP, decision.reason()));
            return;
        }
        if (!state.forgetBuilt(table, options.graceCutoff())) {
            actions.add(new JanitorAction(Subject.TABLE, table, Outcome.KEPT, "an apply started using it while the janitor ran"));
            return;
        }
        try {
            objects.drop(table, decision.isView(), decision.tableFormat());
            state.deleteSnapshotsOf(table);
            actions.add(new JanitorAction(Subject.TABLE, table, Outcome.DROPPED, decision.reason()));
        }
        catch (Exception e) {
            actions.add(new JanitorAction(Subject.TABLE, table, Outcome.FAILED,
                    LakehouseObjects.firstLine(e) + "; its snapshots stay in state, so the next run retries"));
        }
    }

    private void sweepOrphans(List<Decision> decisions, List<PreviewRecord> previews, JanitorOptions options, List<JanitorAction> actions) {
        Set<String> known = new TreeSet<>();
        for (PreviewRecord preview : previews) {
            known.add(LakehouseObjects.key(LakehouseObjects.parts(preview.preview())));
            if (preview.rowsTable() != null) {
                known.add(LakehouseObjects.key(LakehouseObjects.parts(preview.rowsTable())));
            }
        }
        Set<String> schemas = new TreeSet<>();
        for (Decision decision : decisions) {
            try {
                List<String> parts = LakehouseObjects.parts(decision.physicalTable());
                known.add(LakehouseObjects.key(parts));
                schemas.add(parts.get(parts.size() - 2).toLowerCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                // a name that is no table name cannot collide with a listed table
            }
        }
        schemas.addAll(objects.schemasLike(physicalSchemaPrefix + "__*"));
        for (String schema : schemas) {
            List<LakehouseObjects.TableInfo> tables;
            try {
                tables = objects.tables(schema);
            }
            catch (Exception e) {
                actions.add(new JanitorAction(Subject.SCHEMA, schema, Outcome.FAILED, "cannot list its tables: " + LakehouseObjects.firstLine(e)));
                continue;
            }
            for (LakehouseObjects.TableInfo table : tables) {
                if (known.contains(table.key())) {
                    continue;
                }
                String name = table.qualifiedName(icebergCatalog);
                if (table.createdAt().isAfter(options.graceCutoff())) {
                    actions.add(new JanitorAction(Subject.ORPHAN, name, Outcome.KEPT, "state does not know it, but it was created at "
                            + table.createdAt() + ", within the grace period of " + options.grace() + " (an apply may be writing it)"));
                    continue;
                }
                String reason = "state does not know it (created at " + table.createdAt() + "; a leftover of a crashed apply or of another state)";
                if (options.dryRun()) {
                    actions.add(new JanitorAction(Subject.ORPHAN, name, Outcome.WOULD_DROP, reason));
                    continue;
                }
                try {
                    objects.drop(name, table.isView(), table.isIceberg() ? "iceberg" : "");
                    actions.add(new JanitorAction(Subject.ORPHAN, name, Outcome.DROPPED, reason));
                }
                catch (Exception e) {
                    actions.add(new JanitorAction(Subject.ORPHAN, name, Outcome.FAILED, LakehouseObjects.firstLine(e)));
                }
            }
        }
    }
}
