package dev.veneer.planner.plan;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.state.SnapshotPointer;
import java.time.Instant;
import java.util.Optional;

/**
 * A model whose change this plan applies forward-only: its new snapshot keeps its predecessor's
 * table ({@code pointer}), changed in place in prod, previewed in a dev environment.
 *
 * @param effectiveFrom recompute from here with the new query (time-ranged models only)
 * @param allowDestructive {@code --allow-destructive-model} names it
 */
record ForwardOnlyModel(SnapshotPointer pointer, Optional<Instant> effectiveFrom, boolean allowDestructive) {
    ForwardOnlyModel {
        requireNonNull(pointer, "pointer is null");
        requireNonNull(effectiveFrom, "effectiveFrom is null");
    }
}
