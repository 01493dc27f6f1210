package dev.veneer.planner.project;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a model is materialized. */
public enum ModelKind {
    FULL(true),
    VIEW(true),
    INCREMENTAL_BY_TIME_RANGE(true),
    INCREMENTAL_BY_UNIQUE_KEY(true),
    SCD_TYPE_2(true),
    SCD_TYPE_2_BY_COLUMN(true),
    SEED(true),
    /** Declared in external_models.yaml, never in a model file. */
    EXTERNAL(false);

    private final boolean supported;

    ModelKind(boolean supported) {
        this.supported = supported;
    }

    /** Whether this version of Veneer can build the kind; the others are rejected with a clear message. */
    public boolean supported() {
        return supported;
    }

    /** Whether its data is computed in time ranges, each batch replacing exactly its range. */
    public boolean timeRanged() {
        return this == INCREMENTAL_BY_TIME_RANGE;
    }

    /** Whether a build adds to what the table holds rather than replacing it: its intervals accumulate. */
    public boolean incremental() {
        return this == INCREMENTAL_BY_TIME_RANGE || this == INCREMENTAL_BY_UNIQUE_KEY || this == SCD_TYPE_2
                || this == SCD_TYPE_2_BY_COLUMN;
    }

    public static Optional<ModelKind> parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("SCD_TYPE_2_BY_TIME")) {
            return Optional.of(SCD_TYPE_2);
        }
        return Arrays.stream(values()).filter(kind -> kind.name().equals(upper)).findFirst();
    }

    public static List<ModelKind> supportedKinds() {
        return Arrays.stream(values()).filter(ModelKind::supported).toList();
    }
}
