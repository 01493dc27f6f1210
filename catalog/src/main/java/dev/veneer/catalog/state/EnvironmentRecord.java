package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An environment: a named set of pointers, model to snapshot.
 *
 * @param planId the plan that last changed this environment; a later plan must name it to commit
 * @param expiresAt {@code null} for environments that never expire (prod)
 * @param finalized true once the views of the last plan are all in place
 */
public record EnvironmentRecord(
        String name,
        String planId,
        String baseEnvironment,
        List<SnapshotPointer> snapshots,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        boolean finalized) {
    public EnvironmentRecord {
        requireNonNull(name, "name is null");
        requireNonNull(planId, "planId is null");
        requireNonNull(baseEnvironment, "baseEnvironment is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        snapshots = snapshots.stream().sorted(Comparator.comparing(SnapshotPointer::model)).toList();
    }

    public Map<ModelName, SnapshotPointer> pointers() {
        Map<ModelName, SnapshotPointer> byModel = new TreeMap<>();
        snapshots.forEach(pointer -> byModel.put(pointer.model(), pointer));
        return byModel;
    }

    public Optional<SnapshotPointer> pointer(ModelName model) {
        return snapshots.stream().filter(pointer -> pointer.model().equals(model)).findFirst();
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
