package dev.veneer.planner.plan;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ModelName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a user asked to plan.
 *
 * @param createFrom the environment a new (or expired) environment starts from
 * @param now the wall-clock time of planning (expiry, timestamps)
 * @param ttl how long a non-prod environment lives after its last plan
 * @param executionTime the "now" of the data: which intervals are complete ({@code --execution-time})
 * @param start with {@code end}, limits a dev environment's backfill or a restatement ({@code --start})
 * @param restate models whose data is computed again, with their downstream models ({@code --restate})
 * @param forwardOnly every change to an incremental model keeps its table and applies from now on
 *     ({@code --forward-only}); models with header {@code forward_only true} are forward-only anyway
 * @param effectiveFrom with {@code forwardOnly}, recompute from this time with the new query ({@code --effective-from})
 * @param allowDestructive forward-only models allowed to drop or retype columns ({@code --allow-destructive-model})
 * @param skipBackfill the plan's new tables are created empty and their views made, nothing computed
 *     ({@code --skip-backfill}); a later plan or run computes their data
 */
public record PlanRequest(
        String environment,
        String createFrom,
        Instant now,
        Duration ttl,
        Instant executionTime,
        Optional<Instant> start,
        Optional<Instant> end,
        List<ModelName> restate,
        boolean forwardOnly,
        Optional<Instant> effectiveFrom,
        List<ModelName> allowDestructive,
        boolean skipBackfill) {
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);

    public PlanRequest {
        EnvironmentName.validate(environment);
        EnvironmentName.validate(createFrom);
        requireNonNull(now, "now is null");
        requireNonNull(ttl, "ttl is null");
        executionTime = executionTime == null ? now : executionTime;
        start = start == null ? Optional.empty() : start;
        end = end == null ? Optional.empty() : end;
        restate = List.copyOf(restate == null ? List.of() : restate);
        effectiveFrom = effectiveFrom == null ? Optional.empty() : effectiveFrom;
        allowDestructive = List.copyOf(allowDestructive == null ? List.of() : allowDestructive);
    }

    public PlanRequest(String environment, String createFrom, Instant now, Duration ttl, Instant executionTime,
            Optional<Instant> start, Optional<Instant> end, List<ModelName> restate, boolean forwardOnly,
            Optional<Instant> effectiveFrom, List<ModelName> allowDestructive) {
        this(environment, createFrom, now, ttl, executionTime, start, end, restate, forwardOnly, effectiveFrom, allowDestructive, false);
    }

    public PlanRequest(String environment, String createFrom, Instant now, Duration ttl, Instant executionTime,
            Optional<Instant> start, Optional<Instant> end, List<ModelName> restate) {
        this(environment, createFrom, now, ttl, executionTime, start, end, restate, false, Optional.empty(), List.of());
    }

    public PlanRequest(String environment, String createFrom, Instant now, Duration ttl) {
        this(environment, createFrom, now, ttl, now, Optional.empty(), Optional.empty(), List.of());
    }

    public static PlanRequest of(String environment) {
        return new PlanRequest(environment, EnvironmentName.PROD, Instant.now(), DEFAULT_TTL);
    }

    public PlanRequest withExecutionTime(Instant time) {
        return new PlanRequest(environment, createFrom, now, ttl, time, start, end, restate, forwardOnly, effectiveFrom,
                allowDestructive, skipBackfill);
    }

    public PlanRequest withRange(Optional<Instant> from, Optional<Instant> to) {
        return new PlanRequest(environment, createFrom, now, ttl, executionTime, from, to, restate, forwardOnly, effectiveFrom,
                allowDestructive, skipBackfill);
    }

    public PlanRequest withRestate(List<ModelName> models) {
        return new PlanRequest(environment, createFrom, now, ttl, executionTime, start, end, models, forwardOnly, effectiveFrom,
                allowDestructive, skipBackfill);
    }

    public PlanRequest withForwardOnly(boolean enabled, Optional<Instant> from, List<ModelName> destructiveAllowed) {
        return new PlanRequest(environment, createFrom, now, ttl, executionTime, start, end, restate, enabled, from,
                destructiveAllowed, skipBackfill);
    }

    public PlanRequest withSkipBackfill(boolean enabled) {
        return new PlanRequest(environment, createFrom, now, ttl, executionTime, start, end, restate, forwardOnly, effectiveFrom,
                allowDestructive, enabled);
    }
}
