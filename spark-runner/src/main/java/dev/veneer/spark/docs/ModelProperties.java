package dev.veneer.spark.docs;

import dev.veneer.spark.docs.DocsModel.Property;
import dev.veneer.planner.project.KindOptions;
import dev.veneer.planner.project.ModelDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The header attributes a reader scans for, in the order a header usually lists them; unset ones left out. */
final class ModelProperties {
    private ModelProperties() {}

    static List<Property> of(ModelDefinition model) {
        List<Property> properties = new ArrayList<>();
        KindOptions options = model.options();
        add(properties, "time_column", options.timeColumn());
        add(properties, "time_format", options.timeFormat());
        list(properties, "unique_key", options.uniqueKey());
        add(properties, "updated_at", options.updatedAtColumn());
        list(properties, "scd_columns", options.scdAllColumns() ? List.of("*") : options.scdColumns());
        add(properties, "seed", options.seedPath());
        add(properties, "cron", model.cron());
        add(properties, "start", model.start().map(Object::toString));
        add(properties, "end", model.end().map(Object::toString));
        add(properties, "interval_unit", model.intervalUnit().map(unit -> unit.name().toLowerCase(java.util.Locale.ROOT)));
        add(properties, "batch_size", model.batchSize().map(Object::toString));
        if (model.lookback() > 0) {
            properties.add(new Property("lookback", String.valueOf(model.lookback())));
        }
        list(properties, "grain", model.grain());
        list(properties, "partitioned_by", model.partitionedBy());
        list(properties, "depends_on", model.dependsOn().stream().map(Object::toString).toList());
        add(properties, "stamp", model.stamp());
        return properties;
    }

    private static void add(List<Property> properties, String name, Optional<String> value) {
        value.ifPresent(text -> properties.add(new Property(name, text)));
    }

    private static void list(List<Property> properties, String name, List<String> values) {
        if (!values.isEmpty()) {
            properties.add(new Property(name, String.join(", ", values)));
        }
    }
}
