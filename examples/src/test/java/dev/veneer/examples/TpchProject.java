package dev.veneer.examples;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The example project on disk, read the simple way the tests need: each model's header cut at its
 * first {@code );} line, a few properties picked out with regular expressions, and dependencies
 * found by looking for the other models' names. The real parsing lives in the planner; this only
 * has to be right for this project.
 */
final class TpchProject {
    static final Path DIR = Path.of(System.getProperty("veneer.tpch.dir", "tpch"));
    static final List<String> LAYERS = List.of("staging", "marts", "reporting");

    private static final Pattern TABLE_REFERENCE =
            Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*)\\b");

    private TpchProject() {}

    /** One model file: its header text and query, and the properties the tests use. */
    record ModelFile(Path path, String header, String query) {
        ModelFile {
            requireNonNull(path, "path is null");
            requireNonNull(header, "header is null");
            requireNonNull(query, "query is null");
        }

        static ModelFile read(Path path) {
            String text;
            try {
                text = Files.readString(path);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> lines = text.lines().toList();
            int end = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equals(");")) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                return new ModelFile(path, "", text.strip());
            }
            String header = String.join("\n", lines.subList(0, end + 1));
            String query = String.join("\n", lines.subList(end + 1, lines.size())).strip();
            return new ModelFile(path, header, query);
        }

        Optional<String> property(String key) {
            Matcher matcher = Pattern.compile("(?m)^\\s*" + key + "\\s+(.+?),?\\s*$").matcher(header);
            return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
        }

        /** A property written as one value, {@code (a)} or {@code [a, b]}. */
        List<String> listProperty(String key) {
            return property(key)
                    .map(value -> value.replaceAll("[\\[\\]()]", ""))
                    .map(value -> Stream.of(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                    .orElse(List.of());
        }

        String name() {
            return property("name").orElseThrow(() -> new AssertionError(path + " has no name"));
        }

        String kind() {
            return property("kind").orElse("").toUpperCase(Locale.ROOT);
        }

        /** The declared table format, or the project default. */
        String tableFormat() {
            return property("table_format").orElse("iceberg").toLowerCase(Locale.ROOT);
        }

        /** The query without {@code --} comments. */
        String queryWithoutComments() {
            return query.replaceAll("--[^\\n]*", "");
        }

        /** Every {@code schema.table} after FROM or JOIN, in order of appearance. */
        Set<String> tableReferences() {
            Set<String> references = new LinkedHashSet<>();
            Matcher matcher = TABLE_REFERENCE.matcher(queryWithoutComments());
            while (matcher.find()) {
                references.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
            return references;
        }
    }

    static List<ModelFile> models() {
        try (Stream<Path> files = Files.walk(DIR.resolve("models"))) {
            return files.filter(file -> file.toString().endsWith(".sql")).sorted().map(ModelFile::read).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Models with the models they read, parents before children (ties by name). */
    static List<ModelFile> inDependencyOrder(List<ModelFile> models) {
        Map<String, ModelFile> byName = new LinkedHashMap<>();
        models.forEach(model -> byName.put(model.name(), model));
        List<ModelFile> ordered = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        while (ordered.size() < models.size()) {
            boolean progressed = false;
            for (ModelFile model : byName.values()) {
                if (!done.contains(model.name()) && parents(model, byName.keySet()).stream().allMatch(done::contains)) {
                    ordered.add(model);
                    done.add(model.name());
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new AssertionError("cycle among models: " + byName.keySet().stream().filter(n -> !done.contains(n)).toList());
            }
        }
        return ordered;
    }

    static Set<String> parents(ModelFile model, Set<String> modelNames) {
        Set<String> parents = new TreeSet<>(model.tableReferences());
        parents.retainAll(modelNames);
        return parents;
    }
}
