package dev.veneer.planner.plan;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.EnvironmentName;
import java.time.Duration;
import java.time.Instant;

/**
 * What a user asked to plan.
 *
 * @param createFrom the environment a new (or expired) environment starts from
 * @param ttl how long a non-prod environment lives after its last plan
 */
public record PlanRequest(String environment, String createFrom, Instant now, Duration ttl) {
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);

    public PlanRequest {
        EnvironmentName.validate(environment);
        EnvironmentName.validate(createFrom);
        requireNonNull(now, "now is null");
        requireNonNull(ttl, "ttl is null");
    }

    public static PlanRequest of(String environment) {
        return new PlanRequest(environment, EnvironmentName.PROD, Instant.now(), DEFAULT_TTL);
    }
}
