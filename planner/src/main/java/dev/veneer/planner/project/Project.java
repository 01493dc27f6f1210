package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.audit.ModelAudit;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A loaded project: its settings, its models, the external tables they read, and each model's audits
 * resolved (built-in or from {@code audits/*.sql}).
 */
public record Project(
        Path directory,
        ProjectConfig config,
        Map<ModelName, ModelDefinition> models,
        Map<ModelName, ExternalModel> externals,
        Map<ModelName, List<ModelAudit>> audits) {
    public Project {
        requireNonNull(directory, "directory is null");
        requireNonNull(config, "config is null");
        models = sorted(models);
        externals = sorted(externals);
        Map<ModelName, List<ModelAudit>> copied = new TreeMap<>();
        (audits == null ? Map.<ModelName, List<ModelAudit>>of() : audits)
                .forEach((model, list) -> copied.put(model, List.copyOf(list)));
        audits = Collections.unmodifiableMap(copied);
    }

    /** Iterated in name order, looked up by hash: a plan looks models up many times per model. */
    private static <V> Map<ModelName, V> sorted(Map<ModelName, V> byName) {
        Map<ModelName, V> sorted = new LinkedHashMap<>(byName.size() * 2);
        List<ModelName> names = new java.util.ArrayList<>(byName.keySet());
        names.sort(null);
        names.forEach(name -> sorted.put(name, byName.get(name)));
        return Collections.unmodifiableMap(sorted);
    }

    public Project(Path directory, ProjectConfig config, Map<ModelName, ModelDefinition> models, Map<ModelName, ExternalModel> externals) {
        this(directory, config, models, externals, Map.of());
    }

    /** The model's audits, in the order its header names them. */
    public List<ModelAudit> audits(ModelName model) {
        return audits.getOrDefault(model, List.of());
    }

    public Optional<ModelDefinition> model(ModelName name) {
        return Optional.ofNullable(models.get(name));
    }

    public TableFormat tableFormat(ModelDefinition model) {
        return model.tableFormat().orElse(config.defaultTableFormat());
    }
}
