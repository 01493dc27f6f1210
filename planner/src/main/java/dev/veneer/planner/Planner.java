package dev.veneer.planner;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.fingerprint.Fingerprint;
import dev.veneer.planner.fingerprint.FingerprintCalculator;
import dev.veneer.planner.plan.PlanBuilder;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.ProjectLoader;
import dev.veneer.planner.sql.SqlParser;
import java.nio.file.Path;
import java.util.Map;

/** The planner's entry point: load, resolve, fingerprint, diff, plan. No Spark. */
public final class Planner {
    private final SqlParser parser = new SqlParser();

    /** A project loaded and checked: every file parsed, every reference resolved, no cycle. */
    public record CompiledProject(Project project, ModelGraph graph, Map<ModelName, Fingerprint> fingerprints) {}

    public CompiledProject compile(Path projectDir) {
        Project project = new ProjectLoader().load(projectDir);
        ModelGraph graph = ModelGraph.build(project);
        return new CompiledProject(project, graph, FingerprintCalculator.fingerprint(project, graph));
    }

    public PlanFile plan(CompiledProject compiled, StateStore state, PlanRequest request) {
        return new PlanBuilder(compiled.project(), compiled.graph(), compiled.fingerprints(), state, parser).build(request);
    }

    public SqlParser parser() {
        return parser;
    }
}
