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
import dev.veneer.planner.project.ProjectConfig;
import dev.veneer.planner.project.ProjectLoader;
import dev.veneer.planner.sql.QueryCache;
import dev.veneer.planner.sql.SqlParser;
import java.nio.file.Path;
import java.util.Map;

/** The planner's entry point: load, resolve, fingerprint, diff, plan. No Spark. */
public final class Planner {
    /** Where a project keeps what the planner caches between runs, inside its state folder. */
    public static final String CACHE_FOLDER = "cache";

    private final SqlParser parser = new SqlParser();
    private final boolean queryCache;

    /** A planner that parses every model on every compile and writes nothing into the project. */
    public Planner() {
        this(false);
    }

    private Planner(boolean queryCache) {
        this.queryCache = queryCache;
    }

    /**
     * A planner that keeps parsed queries in {@code <project>/.veneer/cache} between runs (the
     * command line's): a compile after editing one file parses one file.
     */
    public static Planner withQueryCache() {
        return new Planner(true);
    }

    /** A project loaded and checked: every file parsed, every reference resolved, no cycle. */
    public record CompiledProject(Project project, ModelGraph graph, Map<ModelName, Fingerprint> fingerprints) {}

    public CompiledProject compile(Path projectDir) {
        QueryCache cache = queryCache ? QueryCache.open(cacheFolder(projectDir)) : QueryCache.disabled();
        try {
            Project project = new ProjectLoader(cache).load(projectDir);
            PhaseTimes.mark("models checked");
            ModelGraph graph = ModelGraph.build(project);
            PhaseTimes.mark("dag");
            Map<ModelName, Fingerprint> fingerprints = FingerprintCalculator.fingerprint(project, graph, cache);
            PhaseTimes.mark("fingerprints");
            return new CompiledProject(project, graph, fingerprints);
        }
        finally {
            // Even when some files are bad, the good ones' parses are worth keeping.
            cache.save();
            PhaseTimes.mark("cache write");
        }
    }

    /** {@code <project>/.veneer/cache}. */
    public static Path cacheFolder(Path projectDir) {
        return ProjectConfig.stateFolder(projectDir).resolve(CACHE_FOLDER);
    }

    public PlanFile plan(CompiledProject compiled, StateStore state, PlanRequest request) {
        PlanFile plan = new PlanBuilder(compiled.project(), compiled.graph(), compiled.fingerprints(), state, parser).build(request);
        PhaseTimes.mark("plan");
        return plan;
    }

    public SqlParser parser() {
        return parser;
    }
}
