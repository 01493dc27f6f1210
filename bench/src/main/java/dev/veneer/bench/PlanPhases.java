package dev.veneer.bench;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.fingerprint.Fingerprint;
import dev.veneer.planner.fingerprint.FingerprintCalculator;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFiles;
import dev.veneer.planner.plan.PlanRequest;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.project.ProjectLoader;
import dev.veneer.planner.sql.QueryCache;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The steps of a cold {@code veneer plan prod --json}, timed one by one in a fresh JVM (what the
 * CLI's {@code PlanCommand} does, minus picocli): where a cold plan's seconds go. Prints one line of
 * {@code phase=ms} pairs on stderr; the plan JSON goes to a null stream.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -Xmx512m -cp bench/target/benchmarks.jar dev.veneer.bench.PlanPhases DIR [--no-cache]</pre>
 *
 * With the query cache (the default, as the CLI), the first run on a project is cold and the next ones warm.
 */
public final class PlanPhases {
    private PlanPhases() {}

    public static void main(String[] args) {
        long jvmUptimeAtMain = ManagementFactory.getRuntimeMXBean().getUptime();
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("jvm_to_main", jvmUptimeAtMain);
        Path projectDir = Path.of(args[0]).toAbsolutePath().normalize();
        long start = System.nanoTime();
        long t = start;

        boolean cached = args.length < 2 || !args[1].equals("--no-cache");
        QueryCache cache = cached ? QueryCache.open(Planner.cacheFolder(projectDir)) : QueryCache.disabled();
        Project project = new ProjectLoader(cache).load(projectDir);
        t = lap(phases, "load_parse", t);
        ModelGraph graph = ModelGraph.build(project);
        t = lap(phases, "dag", t);
        Map<ModelName, Fingerprint> fingerprints = FingerprintCalculator.fingerprint(project, graph, cache);
        t = lap(phases, "fingerprint", t);
        cache.save();
        t = lap(phases, "cache_save", t);
        StateStore state = StateStores.openForReading(project.config().state());
        t = lap(phases, "state_open", t);
        PlanFile plan = new Planner().plan(new CompiledProject(project, graph, fingerprints), state,
                new PlanRequest("prod", "prod", Instant.now(), PlanRequest.DEFAULT_TTL));
        t = lap(phases, "plan_build", t);
        PlanFiles.writeDocument(plan, false, new BufferedOutputStream(OutputStream.nullOutputStream(), 1 << 16));
        t = lap(phases, "json_write", t);
        state.close();
        t = lap(phases, "state_close", t);
        phases.put("total_in_main", (t - start) / 1_000_000);
        phases.put("jvm_uptime", ManagementFactory.getRuntimeMXBean().getUptime());
        phases.put("classes_loaded", (long) ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        phases.put("gc_ms", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(bean -> Math.max(0, bean.getCollectionTime())).sum());
        phases.put("models", (long) project.models().size());
        phases.put("cache_hits", (long) cache.hits());
        phases.put("parsed", (long) cache.parsed());
        StringBuilder line = new StringBuilder();
        phases.forEach((name, value) -> line.append(name).append('=').append(value).append(' '));
        System.err.println(line.toString().trim());
    }

    private static long lastCpu = cpuNanos();

    // Wall time, and the process's CPU time beside it: other work on the machine inflates the first only.
    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        long cpu = cpuNanos();
        phases.put(name, (now - since) / 1_000_000);
        phases.put(name + "_cpu", (cpu - lastCpu) / 1_000_000);
        lastCpu = cpu;
        return now;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
