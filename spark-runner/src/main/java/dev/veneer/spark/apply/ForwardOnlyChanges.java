package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.PreviewRecord;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.ForwardOnly;
import dev.veneer.planner.project.ModelKind;
import dev.veneer.spark.sql.SqlIdentifiers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the build steps of forward-only changes. In place (prod): the model's table gets the new
 * query's columns by {@code ALTER TABLE}, keeping its rows. As a preview (a dev environment): a
 * relation that reads the table without copying it and is written instead of it, so the table's
 * data, versions and snapshots never change:
 *
 * <ul>
 *   <li>Delta: a {@code SHALLOW CLONE} of the table, whose own columns are changed as above;</li>
 *   <li>Iceberg: a branch of the table, read through a view ({@code VERSION AS OF}); when the
 *       columns change, a table of the preview range only, since a branch shares its table's
 *       schema and changing that would change the table for prod too.</li>
 * </ul>
 *
 * Every preview is recorded in state before it is made, so the janitor finds it whatever happens.
 */
final class ForwardOnlyChanges {
    private static final Logger log = LoggerFactory.getLogger(ForwardOnlyChanges.class);

    /**
     * What a forward-only step writes once prepared.
     *
     * @param writes the step aimed at the relation its batches write
     * @param createTable the relation is a new table to create before the first batch (an Iceberg preview's range table)
     */
    record Prepared(BuildStep writes, boolean createTable) {}

    private final SparkSession spark;
    private final StateStore state;
    private final Instant executionTime;
    private final Clock clock;

    ForwardOnlyChanges(SparkSession spark, StateStore state, Instant executionTime) {
        this.spark = requireNonNull(spark, "spark is null");
        this.state = requireNonNull(state, "state is null");
        this.executionTime = requireNonNull(executionTime, "executionTime is null");
        this.clock = Clock.systemUTC();
    }

    /**
     * Before anything is written: refuses every destructive change not allowed, all named in one
     * error. A step whose parents this plan builds is checked when it runs (its query cannot be
     * analysed before they exist), still before it changes anything.
     */
    void check(List<BuildStep> steps) {
        List<String> problems = new ArrayList<>();
        for (BuildStep step : steps) {
            if (step.forwardOnly() != null && step.dependsOn().isEmpty()) {
                problem(step, change(step, step.forwardOnly().sourceTable())).ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            throw ApplyErrors.destructiveChange(problems);
        }
    }

    /** Changes the table in place, or makes the preview; then the step's batches run against {@link Prepared#writes()}. */
    Prepared prepare(BuildStep step) {
        ForwardOnly how = step.forwardOnly();
        String source = how.sourceTable();
        if (!how.isPreview()) {
            SchemaChange change = checked(step, change(step, source));
            alter(step, SqlIdentifiers.quoteQualified(source), change);
            return new Prepared(step, false);
        }
        boolean delta = step.tableFormat().equalsIgnoreCase("delta");
        state.recordPreview(new PreviewRecord(step.physicalTable(), how.environment(), ModelName.parse(step.model()), source,
                delta ? "delta" : "iceberg", how.previewBranch(), how.previewRowsTable(), step.version(), clock.instant()));
        if (delta) {
            spark.sql("CREATE TABLE IF NOT EXISTS " + SqlIdentifiers.quoteQualified(step.physicalTable()) + " SHALLOW CLONE "
                    + SqlIdentifiers.quoteQualified(source));
            SchemaChange change = checked(step, change(step, step.physicalTable()));
            alter(step, SqlIdentifiers.quoteQualified(step.physicalTable()), change);
            return new Prepared(step, false);
        }
        SchemaChange change = checked(step, change(step, source));
        Prepared prepared;
        if (change.isEmpty()) {
            spark.sql("ALTER TABLE " + SqlIdentifiers.quoteQualified(source) + " CREATE BRANCH IF NOT EXISTS "
                    + SqlIdentifiers.quote(how.previewBranch()));
            prepared = new Prepared(aimedAt(step, source + ".branch_" + how.previewBranch()), false);
        }
        else {
            log.info("{}: the new query's columns differ from {} ({}), so its preview is a table of the preview range: {}",
                    step.model(), source, describe(change), how.previewRowsTable());
            prepared = new Prepared(aimedAt(step, how.previewRowsTable()), true);
            spark.sql(MaterializationStatements.createEmpty(prepared.writes(),
                    MaterializationStatements.query(step, probe(step), executionTime)));
        }
        // the view first, so that an audit naming the model reads the preview while its batches land
        finish(step, prepared);
        return prepared;
    }

    /**
     * An Iceberg preview's view, over the branch or the range table; made again after the batches, so
     * it shows the range table's final columns (a view keeps the columns it was made with).
     */
    void finish(BuildStep step, Prepared prepared) {
        ForwardOnly how = step.forwardOnly();
        if (!how.isPreview() || step.tableFormat().equalsIgnoreCase("delta")) {
            return;
        }
        String written = prepared.writes().physicalTable();
        String reads = written.equals(how.previewRowsTable())
                ? SqlIdentifiers.quoteQualified(written)
                : SqlIdentifiers.quoteQualified(how.sourceTable()) + " VERSION AS OF " + SqlIdentifiers.literal(how.previewBranch());
        spark.sql("CREATE OR REPLACE VIEW " + SqlIdentifiers.quoteQualified(step.physicalTable()) + " AS SELECT * FROM " + reads);
    }

    private SchemaChange change(BuildStep step, String table) {
        StructType current = spark.table(SqlIdentifiers.quoteQualified(table)).schema();
        StructType wanted = spark.sql(MaterializationStatements.query(step, probe(step), executionTime)).schema();
        Set<String> managed = ModelKind.valueOf(step.kind()) == ModelKind.SCD_TYPE_2 || ModelKind.valueOf(step.kind()) == ModelKind.SCD_TYPE_2_BY_COLUMN
                ? Set.of(step.options().validFromName(), step.options().validToName())
                : Set.of();
        return SchemaChange.between(current, wanted, managed);
    }

    private static java.util.Optional<String> problem(BuildStep step, SchemaChange change) {
        if (!change.isDestructive() || step.forwardOnly().allowDestructive()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(step.model() + " " + change.describeDestructive() + " of " + step.forwardOnly().sourceTable());
    }

    private static SchemaChange checked(BuildStep step, SchemaChange change) {
        problem(step, change).ifPresent(problem -> {
            throw ApplyErrors.destructiveChange(List.of(problem));
        });
        return change;
    }

    private void alter(BuildStep step, String table, SchemaChange change) {
        if (change.isEmpty()) {
            return;
        }
        log.info("{}: {} ({})", step.model(), table, describe(change));
        for (String statement : change.statements(table, step.tableFormat().equalsIgnoreCase("delta"))) {
            log.debug("{}: {}", step.model(), statement);
            spark.sql(statement);
        }
    }

    private static String describe(SchemaChange change) {
        List<String> parts = new ArrayList<>();
        if (!change.describeAdditive().isEmpty()) {
            parts.add(change.describeAdditive());
        }
        if (change.isDestructive()) {
            parts.add(change.describeDestructive());
        }
        return parts.isEmpty() ? "column order" : String.join("; ", parts);
    }

    /** Any batch of the step: the columns are the same for all; the last complete interval when it has none. */
    private Interval probe(BuildStep step) {
        if (!step.intervals().isEmpty()) {
            return step.intervals().get(0);
        }
        Instant end = step.schedule().intervalUnit().floor(executionTime);
        return new Interval(step.schedule().intervalUnit().plus(end, -1), end);
    }

    private static BuildStep aimedAt(BuildStep step, String table) {
        return new BuildStep(step.model(), table, step.kind(), step.tableFormat(), step.sql(), step.partitionedBy(), step.dependsOn(),
                step.version(), step.macros(), step.options(), step.schedule(), step.intervals(), step.restatement(), step.audits(),
                step.forwardOnly(), step.skipBackfill());
    }
}
