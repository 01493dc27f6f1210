package dev.veneer.spark.apply;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.Interval;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.AuditResult;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.planner.plan.PlanFile.PlannedAudit;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.project.KindOptions;
import dev.veneer.planner.project.ModelKind;
import dev.veneer.planner.sql.MacroVariables;
import dev.veneer.planner.sql.SqlParser;
import dev.veneer.spark.sql.SqlIdentifiers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a model's audits against exactly the data just written (the batch's rows for a time-ranged
 * model, the table otherwise), records what each found in state, and stops at a failing blocking
 * audit with an error naming the audit, the model, the count of offending rows and up to
 * {@value #SAMPLE} of them. A failing non-blocking audit is reported and the work goes on.
 */
public final class AuditRunner {
    /** Offending rows shown and stored per failing audit. */
    public static final int SAMPLE = 5;

    /** What one audit found. */
    public record Outcome(String model, PlannedAudit audit, Optional<Interval> range, long offendingRows, List<String> columns,
            List<List<String>> sample) {
        public Outcome {
            columns = List.copyOf(columns);
            sample = List.copyOf(sample);
        }

        public boolean passed() {
            return offendingRows == 0;
        }

        /** {@code order_id=3, amount=-5.0} per sample row. */
        public List<String> sampleLines() {
            List<String> lines = new ArrayList<>();
            for (List<String> row : sample) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    cells.add(columns.get(i) + "=" + row.get(i));
                }
                lines.add(String.join(", ", cells));
            }
            return lines;
        }
    }

    /** What to audit: a model's physical table (or one range of it) in one version. */
    public record Target(String model, String physicalTable, String kind, String version, KindOptions options, Optional<Interval> range) {
        public Target {
            requireNonNull(model, "model is null");
            requireNonNull(physicalTable, "physicalTable is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(version, "version is null");
            options = options == null ? KindOptions.NONE : options;
            requireNonNull(range, "range is null");
        }
    }

    private final SparkSession spark;
    private final StateStore state;
    private final String environment;
    private final ApplyListener listener;
    private final Clock clock;

    public AuditRunner(SparkSession spark, StateStore state, String environment, ApplyListener listener, Clock clock) {
        this.spark = requireNonNull(spark, "spark is null");
        this.state = requireNonNull(state, "state is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Runs every audit (the failing blocking ones too, so all are reported and recorded), then fails on
     * the first failing blocking one.
     *
     * @throws VeneerException {@code AUDIT_FAILED} for a blocking audit with offending rows; {@code BUILD_FAILED}
     *     when an audit's query cannot run
     */
    public List<Outcome> run(Target target, Instant executionTime, List<PlannedAudit> audits) {
        List<Outcome> outcomes = check(target, executionTime, audits);
        outcomes.stream().filter(outcome -> !outcome.passed() && outcome.audit().blocking()).findFirst().ifPresent(failed -> {
            throw failure(failed);
        });
        return outcomes;
    }

    /**
     * Runs every audit, records and reports what each found, and returns it: failing audits are the
     * caller's to act on.
     *
     * @throws VeneerException {@code BUILD_FAILED} when an audit's query cannot run
     */
    public List<Outcome> check(Target target, Instant executionTime, List<PlannedAudit> audits) {
        if (audits.isEmpty()) {
            return List.of();
        }
        List<Long> counts = counts(target, executionTime, audits);
        // a range means "these rows" only for a time-ranged model; any other audit read the whole table
        Optional<Interval> checked = ModelKind.valueOf(target.kind()).timeRanged() ? target.range() : Optional.empty();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < audits.size(); i++) {
            outcomes.add(counts.get(i) == 0 ? new Outcome(target.model(), audits.get(i), checked, 0, List.of(), List.of())
                    : withSample(target, executionTime, audits.get(i), counts.get(i), checked));
        }
        Instant now = clock.instant();
        state.recordAuditResults(outcomes.stream().map(outcome -> new AuditResult(ModelName.parse(target.model()), target.version(),
                outcome.audit().name(), outcome.range(), outcome.audit().blocking(), outcome.offendingRows(), sampleJson(outcome),
                environment, now)).toList());
        listener.auditsFinished(target.model(), checked, outcomes);
        return outcomes;
    }

    /**
     * Every audit's count of offending rows in one Spark job (a UNION ALL of counts): after every
     * batch, one round trip rather than one per audit. When it fails, each audit runs alone, so the
     * error names the audit whose query is wrong.
     */
    private List<Long> counts(Target target, Instant executionTime, List<PlannedAudit> audits) {
        Long[] counts = new Long[audits.size()];
        try {
            for (Row row : spark.sql(countsQuery(target, executionTime, audits)).collectAsList()) {
                counts[row.getInt(0)] = row.getLong(1);
            }
        }
        catch (RuntimeException e) {
            for (PlannedAudit audit : audits) {
                count(target, executionTime, audit);
            }
            throw e;
        }
        return Arrays.asList(counts);
    }

    /**
     * The query {@link #check} runs first: one row per audit, {@code (audit, offending)}, the audit's
     * index in {@code audits} and its count of offending rows.
     */
    public static String countsQuery(Target target, Instant executionTime, List<PlannedAudit> audits) {
        StringBuilder union = new StringBuilder();
        for (int i = 0; i < audits.size(); i++) {
            if (i > 0) {
                union.append("\nUNION ALL\n");
            }
            union.append("SELECT ").append(i).append(" AS audit, count(*) AS offending FROM (\n")
                    .append(render(target, executionTime, audits.get(i))).append("\n) AS __veneer_audit_").append(i);
        }
        return union.toString();
    }

    private long count(Target target, Instant executionTime, PlannedAudit audit) {
        try {
            return spark.sql("SELECT count(*) FROM (\n" + render(target, executionTime, audit) + "\n) AS __veneer_audit").first().getLong(0);
        }
        catch (RuntimeException e) {
            throw cannotRun(target, audit, e);
        }
    }

    private Outcome withSample(Target target, Instant executionTime, PlannedAudit audit, long count, Optional<Interval> checked) {
        String sql = render(target, executionTime, audit);
        try {
            org.apache.spark.sql.Dataset<Row> rows = spark.sql(sql);
            List<String> columns = Arrays.asList(rows.columns());
            List<List<String>> sample = new ArrayList<>();
            for (Row row : rows.limit(SAMPLE).collectAsList()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.length(); i++) {
                    cells.add(row.isNullAt(i) ? "NULL" : String.valueOf(row.get(i)));
                }
                sample.add(cells);
            }
            return new Outcome(target.model(), audit, checked, count, columns, sample);
        }
        catch (RuntimeException e) {
            throw cannotRun(target, audit, e);
        }
    }

    private static VeneerException cannotRun(Target target, PlannedAudit audit, RuntimeException e) {
        if (e instanceof VeneerException veneer) {
            return veneer;
        }
        return new VeneerException(ErrorCode.BUILD_FAILED, "audit " + audit.name() + " of model " + target.model()
                + " cannot run: " + ApplyErrors.firstLine(e) + "; fix the audit (it reads " + target.physicalTable()
                + ") and plan again", e);
    }

    /** The audit's query for this target: {@code @this_model} bound to the rows to check, time variables to the range's. */
    static String render(Target target, Instant executionTime, PlannedAudit audit) {
        Interval times = target.range().orElse(new Interval(Instant.EPOCH, executionTime.isAfter(Instant.EPOCH) ? executionTime
                : Instant.EPOCH.plusSeconds(1)));
        Map<String, String> values = new java.util.HashMap<>(MacroVariables.values(times, executionTime));
        values.put(SqlParser.THIS_MODEL, thisModel(target));
        return audit.template().render(values);
    }

    /** The table, or for a time-ranged model with a range, only its rows in that range. */
    static String thisModel(Target target) {
        String table = SqlIdentifiers.quoteQualified(target.physicalTable());
        if (target.range().isEmpty() || !ModelKind.valueOf(target.kind()).timeRanged() || target.options().timeColumn().isEmpty()) {
            return table;
        }
        String column = SqlIdentifiers.quote(target.options().timeColumn().get());
        return "(SELECT * FROM " + table + " WHERE " + MaterializationStatements.inRange(column, target.options(), target.range().get())
                + ")";
    }

    private VeneerException failure(Outcome failed) {
        StringBuilder message = new StringBuilder("audit ").append(failed.audit().name()).append(" of model ").append(failed.model())
                .append(" failed: ").append(failed.offendingRows()).append(" offending row").append(failed.offendingRows() == 1 ? "" : "s")
                .append(failed.range().map(range -> " in " + range(range)).orElse(""));
        List<String> lines = failed.sampleLines();
        message.append(lines.size() < failed.offendingRows() ? "; the first " + lines.size() + ":" : ":");
        lines.forEach(line -> message.append("\n    ").append(line));
        message.append("\nThe audit is blocking: ").append(failed.range().isPresent() ? "this batch is not recorded and later ones do not run, "
                : "").append("environment '").append(environment).append("' is unchanged; fix the data or the model and apply again")
                .append(" (or make the audit non-blocking: blocking := false)");
        return new VeneerException(ErrorCode.AUDIT_FAILED, message.toString());
    }

    static String range(Interval range) {
        return "[" + time(range.start()) + ", " + time(range.end()) + ")";
    }

    private static String time(Instant instant) {
        String text = instant.toString();
        return text.endsWith("T00:00:00Z") ? text.substring(0, 10) : text;
    }

    private static String sampleJson(Outcome outcome) {
        ArrayNode rows = PlanFiles.mapper().createArrayNode();
        for (List<String> row : outcome.sample()) {
            ObjectNode object = rows.addObject();
            for (int i = 0; i < outcome.columns().size(); i++) {
                object.put(outcome.columns().get(i), row.get(i));
            }
        }
        return rows.toString();
    }
}
