package dev.veneer.planner.fingerprint;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.dag.ModelGraph;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.ModelKind;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.sql.CachedHashes;
import dev.veneer.planner.sql.QueryCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fingerprints every model in topological order (DESIGN.md step 3). Only what a model is, never
 * where its file lives, feeds the hashes: moving a file changes nothing.
 */
public final class FingerprintCalculator {
    private FingerprintCalculator() {}

    public static Map<ModelName, Fingerprint> fingerprint(Project project, ModelGraph graph) {
        return fingerprint(project, graph, QueryCache.disabled());
    }

    /**
     * {@link #fingerprint(Project, ModelGraph)}, taking each model's own hashes from {@code cache}
     * when it holds them for the model's file under the same {@link #context}, and keeping there the
     * ones it computes: a warm plan hashes only the edited files (and the parents' chain, which is
     * cheap: a few short hashes per model).
     */
    public static Map<ModelName, Fingerprint> fingerprint(Project project, ModelGraph graph, QueryCache cache) {
        Map<ModelName, Fingerprint> fingerprints = new HashMap<>(project.models().size() * 2);
        // What a model's own file decides (the costly hashes, over its whole canonical query) needs no
        // parent: hashed on every core first; only the parents' chain follows the topological order.
        Map<ModelName, OwnHashes> own = new java.util.concurrent.ConcurrentHashMap<>(project.models().size() * 2);
        project.models().values().parallelStream().forEach(model -> own.put(model.name(), ownHashes(project, model, cache)));
        // The parents' chain by depth: a model's parents all lie at lower depths, so each depth's
        // models are fingerprinted on every core once the depth below is done.
        Map<ModelName, Integer> depths = new HashMap<>(project.models().size() * 2);
        List<List<ModelName>> levels = new ArrayList<>();
        for (ModelName name : graph.topologicalOrder()) {
            int depth = 0;
            for (ModelName parent : graph.parents(name)) {
                depth = Math.max(depth, depths.get(parent) + 1);
            }
            depths.put(name, depth);
            if (depth == levels.size()) {
                levels.add(new ArrayList<>());
            }
            levels.get(depth).add(name);
        }
        Map<ModelName, Fingerprint> made = new java.util.concurrent.ConcurrentHashMap<>(project.models().size() * 2);
        for (List<ModelName> level : levels) {
            level.parallelStream().forEach(name -> made.put(name, withParents(name, own.get(name), graph, made)));
        }
        for (ModelName name : graph.topologicalOrder()) {
            fingerprints.put(name, made.get(name));
        }
        return fingerprints;
    }

    private record OwnHashes(String attributes, String data, String metadata) {}

    /** The fingerprint of a model whose parents (in {@code made}) are fingerprinted already. */
    private static Fingerprint withParents(ModelName name, OwnHashes hashes, ModelGraph graph, Map<ModelName, Fingerprint> made) {
        List<String> parentParts = new ArrayList<>();
        parentParts.add("parents");
        for (ModelName parent : graph.parents(name)) {
            parentParts.add(parent.toString());
            // each model's data version is hashed once, when its fingerprint is made, and read by every child
            parentParts.add(made.get(parent).dataVersion());
        }
        for (ModelName external : graph.externalParents(name)) {
            parentParts.add(external.toString());
            parentParts.add("external");
        }
        String parents = Hashing.sha256(parentParts.toArray(String[]::new));
        return new Fingerprint(hashes.data(), hashes.attributes(), hashes.metadata(), parents);
    }

    private static OwnHashes ownHashes(Project project, ModelDefinition model, QueryCache cache) {
        // A seed's query is made from its CSV file, which the model file's cache key does not cover.
        boolean cacheable = model.kind() != ModelKind.SEED;
        String context = cacheable ? context(project, model) : null;
        if (cacheable) {
            CachedHashes kept = cache.hashes(model.path()).orElse(null);
            if (kept != null && kept.context().equals(context)) {
                return new OwnHashes(kept.attributes(), kept.data(), kept.metadata());
            }
        }
        String attributes = attributesHash(project, model);
        OwnHashes hashes = new OwnHashes(attributes, Hashing.sha256("data", attributes, model.query().canonicalText()),
                metadataHash(model, project.audits(model.name())));
        if (cacheable) {
            cache.keepHashes(model.path(), new CachedHashes(context, hashes.attributes(), hashes.data(), hashes.metadata()));
        }
        return hashes;
    }

    /**
     * Everything outside a model's file its own hashes read: its table format when the file does
     * not set one (the project default), and its audits (an audit file's query, a built-in audit's
     * arguments). Kept hashes are used only under an equal context.
     */
    static String context(Project project, ModelDefinition model) {
        String format = "format=" + (model.kind() == ModelKind.VIEW ? "" : project.tableFormat(model).name());
        List<dev.veneer.planner.audit.ModelAudit> audits = project.audits(model.name());
        if (audits.isEmpty()) {
            return format;
        }
        return format + "\u0000audits=" + listPart(audits.stream().map(dev.veneer.planner.audit.ModelAudit::hashText).toList());
    }

    static String attributesHash(Project project, ModelDefinition model) {
        // A VIEW is not stored in a table format, so the format must not make it look changed.
        String format = model.kind() == ModelKind.VIEW ? "" : project.tableFormat(model).name();
        List<String> parts = new ArrayList<>(List.of(
                "attributes",
                "kind=" + model.kind().name(),
                "format=" + format,
                "partitioned_by=" + listPart(model.partitionedBy()),
                "depends_on=" + listPart(model.dependsOn().stream().map(ModelName::toString).sorted().toList()),
                "stamp=" + model.stamp().orElse(""),
                "columns=" + listPart(model.columns().stream().map(column -> column.name() + " " + column.type()).toList())));
        parts.addAll(model.options().hashParts());
        return Hashing.sha256(parts.toArray(String[]::new));
    }

    /** Each item length-prefixed, so no two different lists hash alike (a quoted 'a,b' is not [a, b]). */
    private static String listPart(java.util.List<String> items) {
        return Hashing.sha256(items.toArray(String[]::new));
    }

    /** What changes when or in what pieces data is computed, but not the data of any interval. */
    static String metadataHash(ModelDefinition model) {
        return metadataHash(model, List.of());
    }

    /**
     * {@link #metadataHash(ModelDefinition)} with the model's audits (each one's name, blocking and
     * canonical query): a changed audit re-runs on the kept table, it does not rebuild it.
     */
    static String metadataHash(ModelDefinition model, List<dev.veneer.planner.audit.ModelAudit> audits) {
        List<String> parts = new ArrayList<>(List.of(
                "metadata",
                "owner=" + model.owner().orElse(""),
                "description=" + model.description().orElse(""),
                "tags=" + listPart(model.tags()),
                "cron=" + model.cron().orElse(""),
                "grain=" + listPart(model.grain()),
                "start=" + model.start().map(Object::toString).orElse(""),
                "end=" + model.end().map(Object::toString).orElse(""),
                "interval_unit=" + model.intervalUnit().map(Enum::name).orElse(""),
                "batch_size=" + model.batchSize().map(String::valueOf).orElse(""),
                "batch_concurrency=" + model.batchConcurrency(),
                "lookback=" + model.lookback()));
        // only when there are some: a model without audits keeps the hash it had before audits existed
        if (!audits.isEmpty()) {
            parts.add("audits=" + listPart(audits.stream().map(dev.veneer.planner.audit.ModelAudit::hashText).toList()));
        }
        // forward_only says how a change is applied, not what the data is; added only when set, so
        // the hashes of models without it are those earlier versions of Veneer stored
        if (model.forwardOnly()) {
            parts.add("forward_only=true");
        }
        return Hashing.sha256(parts.toArray(String[]::new));
    }
}
