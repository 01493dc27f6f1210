package dev.veneer.planner.project;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a model is materialized. */
public enum ModelKind {
    FULL(true),
    VIEW(true),
    INCREMENTAL_BY_TIME_RANGE(false),
    INCREMENTAL_BY_UNIQUE_KEY(false),
    SCD_TYPE_2(false),
    SCD_TYPE_2_BY_COLUMN(false),
    SEED(false),
    EXTERNAL(false);

    private final boolean supported;

    ModelKind(boolean supported) {
        this.supported = supported;
    }

    /** Whether this version of Veneer can build the kind; the others are rejected with a clear message. */
    public boolean supported() {
        return supported;
    }

    public static Optional<ModelKind> parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.name().equals(upper)).findFirst();
    }

    public static List<ModelKind> supportedKinds() {
        return Arrays.stream(values()).filter(ModelKind::supported).toList();
    }
}
