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
 */
public record PlanRequest(
        String environment,
        String createFrom,
        Instant now,
        Duration ttl,
        Instant executionTime,
        Optional<Instant> start,
        Optional<Instant> end,
        List<ModelName> restate) {
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
    }

    public PlanRequest(String environment, String createFrom, Instant now, Duration ttl) {
        this(environment, createFrom, now, ttl, now, Optional.empty(), Optional.empty(), List.of());
    }

    public static PlanRequest of(String environment) {
        return new PlanRequest(environment, EnvironmentName.PROD, Instant.now(), DEFAULT_TTL);
    }

    public PlanRequest withExecutionTime(Instant time) {
        return new PlanRequest(environment, createFrom, now, ttl, time, start, end, restate);
    }

    public PlanRequest withRange(Optional<Instant> from, Optional<Instant> to) {
        return new PlanRequest(environment, createFrom, now, ttl, executionTime, from, to, restate);
    }

    public PlanRequest withRestate(List<ModelName> models) {
        return new PlanRequest(environment, createFrom, now, ttl, executionTime, start, end, models);
    }
}
