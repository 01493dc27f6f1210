package dev.veneer.spark.cli;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import java.time.Instant;

/** Looks up environments and their models, with the errors a user can act on. */
final class Environments {
    private Environments() {}

    static EnvironmentRecord require(StateStore state, String name) {
        EnvironmentName.validate(name);
        EnvironmentRecord environment = state.environment(name).orElseThrow(() -> new VeneerException(ErrorCode.ENVIRONMENT_NOT_FOUND,
                "environment '" + name + "' does not exist; create it with 'veneer plan " + name + " --auto-apply'"));
        if (environment.isExpired(Instant.now())) {
            throw new VeneerException(ErrorCode.ENVIRONMENT_NOT_FOUND,
                    "environment '" + name + "' has expired; plan it again with 'veneer plan " + name + " --auto-apply'");
        }
        return environment;
    }

    static ModelName modelName(String text) {
        try {
            return ModelName.parse(text);
        }
        catch (IllegalArgumentException e) {
            throw new VeneerException(ErrorCode.MODEL_NOT_FOUND, "'" + text + "' is not a model name: " + e.getMessage());
        }
    }

    static SnapshotPointer requirePointer(EnvironmentRecord environment, ModelName model) {
        return environment.pointer(model).orElseThrow(() -> new VeneerException(ErrorCode.MODEL_NOT_FOUND,
                "model " + model + " is not in environment '" + environment.name() + "'; list its models with 'veneer envs --json'"));
    }
}
