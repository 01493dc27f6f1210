package dev.veneer.spark.cli;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.plan.ModelRenderer;
import dev.veneer.planner.project.ModelDefinition;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "render", description = "Print a model's SQL with references resolved to an environment's physical tables.")
final class RenderCommand implements Callable<Integer> {
    @ParentCommand
    VeneerCli root;

    @Parameters(index = "0", paramLabel = "MODEL", description = "schema.table")
    String model;

    @Option(names = "--env", paramLabel = "ENV", defaultValue = EnvironmentName.PROD, description = "Environment (default: prod).")
    String environment;

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            CompiledProject compiled = context.compiled();
            ModelName name = Environments.modelName(model);
            ModelDefinition definition = compiled.project().model(name).orElseThrow(() -> new VeneerException(
                    ErrorCode.MODEL_NOT_FOUND, "no model named " + name + " in " + context.projectDir() + "; list models with 'veneer dag'"));
            EnvironmentRecord record = Environments.require(context.stateForReading(), environment);
            System.out.println(new ModelRenderer(compiled.project(), record.pointers()).render(definition).strip());
            return 0;
        }
    }
}
