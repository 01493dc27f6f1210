package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A loaded project: its settings, its models and the external tables they read. */
public record Project(
        Path directory,
        ProjectConfig config,
        Map<ModelName, ModelDefinition> models,
        Map<ModelName, ExternalModel> externals) {
    public Project {
        requireNonNull(directory, "directory is null");
        requireNonNull(config, "config is null");
        models = sorted(models);
        externals = sorted(externals);
    }

    /** Iterated in name order, looked up by hash: a plan looks models up many times per model. */
    private static <V> Map<ModelName, V> sorted(Map<ModelName, V> byName) {
        Map<ModelName, V> sorted = new LinkedHashMap<>(byName.size() * 2);
        new TreeMap<>(byName).forEach(sorted::put);
        return Collections.unmodifiableMap(sorted);
    }

    public Optional<ModelDefinition> model(ModelName name) {
        return Optional.ofNullable(models.get(name));
    }

    public TableFormat tableFormat(ModelDefinition model) {
        return model.tableFormat().orElse(config.defaultTableFormat());
    }
}
