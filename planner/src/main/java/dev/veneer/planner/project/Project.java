package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import java.nio.file.Path;
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
        models = new TreeMap<>(models);
        externals = new TreeMap<>(externals);
    }

    public Optional<ModelDefinition> model(ModelName name) {
        return Optional.ofNullable(models.get(name));
    }

    public TableFormat tableFormat(ModelDefinition model) {
        return model.tableFormat().orElse(config.defaultTableFormat());
    }
}
