package dev.veneer.examples.generator;

import dev.veneer.examples.generator.QueryWriter.Query;
import dev.veneer.examples.generator.QueryWriter.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes a deterministic synthetic Veneer project for benchmarks: {@code models} models in a layered
 * DAG of depth 10–20 (less only for tiny projects) over external sources at the roots, with fan-in
 * (joins of 2–5 parents, unions) and fan-out (popular models are picked as parents more often), mixed
 * kinds (weighted by {@link KindMix}: mostly FULL, some VIEW for now) and table formats. The same seed always writes the same files.
 *
 * <p>Every query is written against the tracked output columns of its parents, so it would run on
 * Spark over tables with the columns declared in {@code external_models.yaml}.
 *
 * <pre>java -cp … dev.veneer.examples.generator.ProjectGenerator --models 1000 --seed 42 /tmp/p1k</pre>
 */
public final class ProjectGenerator {
    private static final String[] OWNERS = {"data-eng", "analytics", "finance", "growth", "marketing", "operations"};
    /** Layers a join may reach below its own, besides the one right below. */
    private static final int JOIN_REACH = 4;
    private static final int CANDIDATE_SAMPLES = 12;

    private final int modelCount;
    private final long seed;
    private final Random random;
    private final List<List<SourceTable>> layers = new ArrayList<>();
    private final Map<String, Integer> children = new HashMap<>();
    private final List<GeneratedModel> models = new ArrayList<>();

    private ProjectGenerator(int modelCount, long seed) {
        if (modelCount < 1) {
            throw new IllegalArgumentException("models must be at least 1, got " + modelCount);
        }
        this.modelCount = modelCount;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** What was written: the models (in file order) and the DAG's depth in model layers. */
    public record Summary(int models, int externalSources, int depth, List<Integer> layerSizes) {}

    /**
     * Writes the project into {@code dir} (created if missing; it must not hold a {@code models/} folder yet).
     */
    public static Summary generate(Path dir, int models, long seed) {
        ProjectGenerator generator = new ProjectGenerator(models, seed);
        List<SourceTable> sources = generator.build();
        generator.write(dir, sources);
        return new Summary(models, sources.size(), generator.layers.size() - 1,
                generator.layers.stream().skip(1).map(List::size).toList());
    }

    private List<SourceTable> build() {
        int depth = Math.min(10 + random.nextInt(11), Math.max(1, modelCount / 4));
        int[] sizes = layerSizes(depth);
        List<SourceTable> sources = SourceCatalog.generate(Math.max(1, (sizes[0] * 4 + 4) / 5), random);
        layers.add(sources);
        int index = 0;
        for (int layer = 1; layer <= depth; layer++) {
            List<SourceTable> built = new ArrayList<>();
            layers.add(built);
            for (int i = 0; i < sizes[layer - 1]; i++) {
                Random modelRandom = new Random(seed * 1_000_003L + index);
                GeneratedModel model = layer == 1
                        ? staging(index, sources.get(i % sources.size()), modelRandom)
                        : model(index, layer, depth, modelRandom);
                models.add(model);
                built.add(model.asSource());
                model.parents().forEach(parent -> children.merge(parent, 1, Integer::sum));
                index++;
            }
        }
        return sources;
    }

    /** About a fifth of the models in staging, the rest spread over the layers above, thinning towards the top. */
    private int[] layerSizes(int depth) {
        int[] sizes = new int[depth];
        if (depth == 1) {
            sizes[0] = modelCount;
            return sizes;
        }
        sizes[0] = Math.max(1, modelCount / 5);
        int rest = modelCount - sizes[0];
        double[] weights = new double[depth];
        double total = 0;
        for (int layer = 1; layer < depth; layer++) {
            weights[layer] = 1.5 - (double) (layer - 1) / Math.max(1, depth - 2);
            total += weights[layer];
        }
        int assigned = 0;
        for (int layer = 1; layer < depth; layer++) {
            sizes[layer] = Math.max(1, (int) (rest * weights[layer] / total));
            assigned += sizes[layer];
        }
        // Rounding: give or take the difference on the lower layers, keeping every layer non-empty.
        for (int layer = 1; assigned != rest; layer = layer % (depth - 1) + 1) {
            if (assigned < rest) {
                sizes[layer]++;
                assigned++;
            }
            else if (sizes[layer] > 1) {
                sizes[layer]--;
                assigned--;
            }
        }
        return sizes;
    }

    private GeneratedModel staging(int index, SourceTable source, Random modelRandom) {
        String entity = source.keys().get(0).name().replaceAll("_id$", "");
        Query query = QueryWriter.staging(source, modelRandom);
        String name = "staging.stg_" + entity + "s_" + pad(index);
        return model(name, 1, entity, "staging", List.of(source.name()), query, modelRandom);
    }

    private GeneratedModel model(int index, int layer, int depth, Random modelRandom) {
        Shape shape = shape();
        List<SourceTable> below = layers.get(layer - 1);
        SourceTable primary = pickPrimary(below);
        List<SourceTable> parents = new ArrayList<>();
        parents.add(primary);
        String unionKey = null;
        int wanted = 0;
        if (shape == Shape.UNION) {
            unionKey = primary.keys().get(random.nextInt(primary.keys().size())).name();
            wanted = 1 + random.nextInt(2);
        }
        else if (shape.joins) {
            wanted = 1 + random.nextInt(4);
        }
        Set<String> keys = new LinkedHashSet<>();
        primary.keys().forEach(key -> keys.add(key.name()));
        Set<String> chosen = new HashSet<>(Set.of(primary.name()));
        for (int attempt = 0; parents.size() < 1 + wanted && attempt < 3 * wanted; attempt++) {
            SourceTable extra = pickExtra(layer, chosen, keys, unionKey);
            if (extra != null) {
                parents.add(extra);
                chosen.add(extra.name());
                extra.keys().forEach(key -> keys.add(key.name()));
            }
        }
        if (parents.size() == 1 && shape == Shape.UNION) {
            shape = Shape.AGGREGATE;
            unionKey = null;
        }
        Query query = QueryWriter.model(parents, shape, unionKey, modelRandom);
        String entity = primary.keys().get(0).name().replaceAll("_id$", "");
        String schema = layer >= depth - 1 ? "reporting" : layer <= Math.max(2, depth / 3) ? "intermediate" : "marts";
        String prefix = switch (schema) {
            case "reporting" -> "rpt_";
            case "intermediate" -> "int_";
            default -> shape.aggregates ? "fct_" : "dim_";
        };
        String name = schema + "." + prefix + entity + "_" + shapeWord(shape) + "_" + pad(index);
        return model(name, layer, entity, schema, parents.stream().map(SourceTable::name).toList(), query, modelRandom);
    }

    private GeneratedModel model(String name, int layer, String entity, String schema, List<String> parents, Query query,
            Random modelRandom) {
        KindMix.Share kind = (layer == 1 ? KindMix.STAGING : KindMix.MODELS).pick(modelRandom);
        String format = kind.isView() ? null : modelRandom.nextInt(10) < 6 ? "iceberg" : "delta";
        List<String> tags = new ArrayList<>(List.of(schema, entity));
        if (modelRandom.nextInt(5) == 0) {
            tags.add(modelRandom.nextBoolean() ? "pii" : "finance");
        }
        return new GeneratedModel(name, layer, kind.kind(), format, OWNERS[modelRandom.nextInt(OWNERS.length)],
                tags, query.grain(), parents, query.sql(), query.columns());
    }

    private Shape shape() {
        int roll = random.nextInt(100);
        if (roll < 25) {
            return Shape.JOIN;
        }
        if (roll < 50) {
            return Shape.JOIN_AGGREGATE;
        }
        if (roll < 60) {
            return Shape.JOIN_WINDOW;
        }
        if (roll < 70) {
            return Shape.JOIN_AGGREGATE_WINDOW;
        }
        if (roll < 80) {
            return Shape.AGGREGATE;
        }
        if (roll < 90) {
            return Shape.WINDOW;
        }
        return Shape.UNION;
    }

    /** The parent right below: half the time one that has no child yet, so few models are left as leaves too early. */
    private SourceTable pickPrimary(List<SourceTable> below) {
        if (random.nextBoolean()) {
            int start = random.nextInt(below.size());
            for (int i = 0; i < below.size() && i < CANDIDATE_SAMPLES; i++) {
                SourceTable candidate = below.get((start + i) % below.size());
                if (!children.containsKey(candidate.name())) {
                    return candidate;
                }
            }
        }
        return below.get(random.nextInt(below.size()));
    }

    /**
     * Another parent from the few layers below that shares a key with the parents so far (all share
     * {@code unionKey} for a union), preferring models with many children already: fan-out hubs.
     */
    private SourceTable pickExtra(int layer, Set<String> chosen, Set<String> keys, String unionKey) {
        SourceTable best = null;
        double bestScore = -1;
        int lowest = Math.max(1, layer - JOIN_REACH);
        for (int sample = 0; sample < CANDIDATE_SAMPLES; sample++) {
            List<SourceTable> pool = layers.get(lowest + random.nextInt(layer - lowest));
            SourceTable candidate = pool.get(random.nextInt(pool.size()));
            if (chosen.contains(candidate.name())) {
                continue;
            }
            boolean fits = unionKey != null
                    ? candidate.hasColumn(unionKey)
                    : candidate.keys().stream().anyMatch(key -> keys.contains(key.name()));
            if (!fits) {
                continue;
            }
            double score = (1 + children.getOrDefault(candidate.name(), 0)) * random.nextDouble();
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static String shapeWord(Shape shape) {
        return switch (shape) {
            case JOIN -> "enriched";
            case JOIN_AGGREGATE, AGGREGATE -> "summary";
            case JOIN_WINDOW, WINDOW -> "ranked";
            case JOIN_AGGREGATE_WINDOW -> "leaders";
            case UNION -> "activity";
        };
    }

    private static String pad(int index) {
        return String.format("%05d", index);
    }

    private void write(Path dir, List<SourceTable> sources) {
        try {
            if (Files.exists(dir.resolve("models"))) {
                throw new IllegalArgumentException(dir.resolve("models") + " exists already: generate into a new folder");
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("veneer.yaml"), "# A synthetic project written by ProjectGenerator (seed "
                    + seed + "); regenerate it rather than editing it.\nname: synthetic_" + modelCount
                    + "\ndefault_table_format: iceberg\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("external_models.yaml"), SourceCatalog.externalModelsYaml(sources),
                    StandardCharsets.UTF_8);
            Set<Path> folders = new HashSet<>();
            for (GeneratedModel model : models) {
                Path file = dir.resolve(model.relativePath());
                if (folders.add(file.getParent())) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, model.fileContent(), StandardCharsets.UTF_8);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated project into " + dir, e);
        }
    }

    /** {@code ProjectGenerator --models N [--seed S] DIR}. */
    public static void main(String[] args) {
        int models = 1000;
        long seed = 42;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    if (args[i].startsWith("-") || dir != null) {
                        System.err.println("usage: ProjectGenerator --models N [--seed S] DIR");
                        System.exit(2);
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        if (dir == null) {
            System.err.println("usage: ProjectGenerator --models N [--seed S] DIR");
            System.exit(2);
        }
        Summary summary = generate(dir, models, seed);
        System.out.println(describe(summary, dir));
    }

    static String describe(Summary summary, Path dir) {
        return "Generated " + summary.models() + " models over " + summary.externalSources() + " external sources, depth "
                + summary.depth() + " (layers " + summary.layerSizes() + "), in " + dir.toAbsolutePath().normalize();
    }
}
