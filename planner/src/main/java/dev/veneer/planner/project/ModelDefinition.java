package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.planner.interval.CronSchedule;
import dev.veneer.planner.interval.IntervalUnit;
import dev.veneer.planner.interval.Schedule;
import dev.veneer.planner.sql.ParsedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One model file, parsed and validated: its header properties and its query.
 *
 * @param path the file, relative to the project folder, with '/' separators (never part of a fingerprint)
 * @param tableFormat {@code empty} when the header does not set one (the project default applies)
 * @param dependsOn models declared in {@code depends_on}, in addition to those the query references
 * @param location where the header starts, for messages
 * @param options the settings of the kind, {@link KindOptions#NONE} for FULL and VIEW
 * @param start first instant of data (required for INCREMENTAL_BY_TIME_RANGE)
 * @param intervalUnit empty: derived from the cron
 * @param batchSize units per batch; empty: a whole missing range at once
 * @param columns declared columns (a seed's types, documentation for the others)
 * @param audits the audits its header names, as written; resolved by the project loader
 * @param forwardOnly header {@code forward_only true}: every change keeps the existing table and
 *     applies from now on (incremental kinds only)
 */
public record ModelDefinition(
        ModelName name,
        String path,
        ModelKind kind,
        Optional<TableFormat> tableFormat,
        ParsedQuery query,
        Optional<String> owner,
        Optional<String> description,
        List<String> tags,
        Optional<String> cron,
        List<String> grain,
        List<String> partitionedBy,
        List<ModelName> dependsOn,
        Optional<String> stamp,
        SourceLocation location,
        KindOptions options,
        Optional<Instant> start,
        Optional<Instant> end,
        Optional<IntervalUnit> intervalUnit,
        Optional<Integer> batchSize,
        int batchConcurrency,
        int lookback,
        List<ColumnDefinition> columns,
        List<dev.veneer.planner.audit.AuditCall> audits,
        boolean forwardOnly) {
    public ModelDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(tableFormat, "tableFormat is null");
        requireNonNull(query, "query is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(description, "description is null");
        requireNonNull(cron, "cron is null");
        requireNonNull(stamp, "stamp is null");
        requireNonNull(location, "location is null");
        tags = List.copyOf(tags);
        grain = List.copyOf(grain);
        partitionedBy = List.copyOf(partitionedBy);
        dependsOn = List.copyOf(dependsOn);
        requireNonNull(options, "options is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(intervalUnit, "intervalUnit is null");
        requireNonNull(batchSize, "batchSize is null");
        columns = List.copyOf(columns);
        audits = List.copyOf(audits == null ? List.of() : audits);
    }

    /** When this model's data is due and how a backfill is batched; the cron defaults to {@code @daily}. */
    public Schedule schedule() {
        String expression = cron.orElse(CronSchedule.DEFAULT);
        IntervalUnit unit = intervalUnit.orElseGet(() -> CronSchedule.parse(expression).intervalUnit());
        return new Schedule(start, end, expression, unit, batchSize, batchConcurrency, lookback);
    }
}
