package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import java.util.LinkedHashMap;
import java.util.Map;

/** A table Veneer reads but does not build, declared in {@code external_models.yaml}. */
public record ExternalModel(ModelName name, Map<String, String> columns) {
    public ExternalModel {
        requireNonNull(name, "name is null");
        columns = new LinkedHashMap<>(columns);
    }
}
