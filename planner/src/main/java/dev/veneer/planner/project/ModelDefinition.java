package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.planner.sql.ParsedQuery;
import java.util.List;
import java.util.Optional;

/**
 * One model file, parsed and validated: its header properties and its query.
 *
 * @param path the file, relative to the project folder, with '/' separators (never part of a fingerprint)
 * @param tableFormat {@code empty} when the header does not set one (the project default applies)
 * @param dependsOn models declared in {@code depends_on}, in addition to those the query references
 * @param location where the header starts, for messages
 */
public record ModelDefinition(
        ModelName name,
        String path,
        ModelKind kind,
        Optional<TableFormat> tableFormat,
        ParsedQuery query,
        Optional<String> owner,
        Optional<String> description,
        List<String> tags,
        Optional<String> cron,
        List<String> grain,
        List<String> partitionedBy,
        List<ModelName> dependsOn,
        Optional<String> stamp,
        SourceLocation location) {
    public ModelDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(tableFormat, "tableFormat is null");
        requireNonNull(query, "query is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(description, "description is null");
        requireNonNull(cron, "cron is null");
        requireNonNull(stamp, "stamp is null");
        requireNonNull(location, "location is null");
        tags = List.copyOf(tags);
        grain = List.copyOf(grain);
        partitionedBy = List.copyOf(partitionedBy);
        dependsOn = List.copyOf(dependsOn);
    }
}
