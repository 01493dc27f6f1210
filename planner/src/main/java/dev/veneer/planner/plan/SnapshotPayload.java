package dev.veneer.planner.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.interval.Schedule;
import dev.veneer.planner.project.KindOptions;
import dev.veneer.planner.sql.MacroSpan;
import java.util.List;

/**
 * What the planner keeps about a snapshot beyond its hashes: the query as written and the hashes it
 * was made of, so a later plan can categorize a change against it without the old file; and how it
 * is materialized (rendered SQL, kind options, schedule), so {@code run} computes its intervals from
 * state alone, with no project folder.
 *
 * @param renderedSql the query with model references resolved to physical tables, macros in place
 * @param audits the model's audits rendered the same way, for {@code run} and {@code audit}
 * @param forwardOnly the snapshot is a forward-only change: it keeps its predecessor's table
 * @param effectiveFrom for a forward-only change, where {@code --effective-from} recomputes from when
 *     it reaches prod; {@code null} for "from the next run on"
 */
public record SnapshotPayload(
        String query,
        String path,
        String attributesHash,
        String parentDataHash,
        List<String> parents,
        List<String> partitionedBy,
        String renderedSql,
        List<MacroSpan> macros,
        KindOptions options,
        Schedule schedule,
        List<PlanFile.PlannedAudit> audits,
        boolean forwardOnly,
        java.time.Instant effectiveFrom) {
    public SnapshotPayload {
        audits = List.copyOf(audits == null ? List.of() : audits);
        parents = List.copyOf(parents);
        partitionedBy = List.copyOf(partitionedBy);
        macros = List.copyOf(macros == null ? List.of() : macros);
        options = options == null ? KindOptions.NONE : options;
        schedule = schedule == null ? Schedule.daily() : schedule;
    }

    public String toJson() {
        try {
            return Compact.WRITER.writeValueAsString(this);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a snapshot payload", e);
        }
    }

    private static final class Compact {
        static final com.fasterxml.jackson.databind.ObjectWriter WRITER = PlanFiles.mapper().writer()
                .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    }

    public static SnapshotPayload fromJson(String json) {
        try {
            return PlanFiles.mapper().readValue(json, SnapshotPayload.class);
        }
        catch (JsonProcessingException e) {
            throw new VeneerException(ErrorCode.STATE_UNAVAILABLE, "a snapshot stored in state is corrupt (" + e.getOriginalMessage()
                    + "); restore the state database from a backup or plan into a new environment", e);
        }
    }
}
