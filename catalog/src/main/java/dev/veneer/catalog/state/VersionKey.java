package dev.veneer.catalog.state;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;

/** One version of a model, so one physical table: what data intervals belong to. */
public record VersionKey(ModelName model, String version) implements Comparable<VersionKey> {
    public VersionKey {
        requireNonNull(model, "model is null");
        requireNonNull(version, "version is null");
        if (version.isBlank()) {
            throw new IllegalArgumentException("version is blank");
        }
    }

    @Override
    public int compareTo(VersionKey other) {
        int byModel = model.compareTo(other.model);
        return byModel != 0 ? byModel : version.compareTo(other.version);
    }

    @Override
    public String toString() {
        return model + "@" + version;
    }
}
