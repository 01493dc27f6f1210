package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.PhaseTimes;
import dev.veneer.planner.sql.QueryCache;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a project folder: {@code veneer.yaml}, {@code external_models.yaml} and every
 * {@code models/**}{@code /*.sql}. Every bad file is reported at once.
 */
public final class ProjectLoader {
    private final QueryCache cache;

    /** A loader that parses every query. */
    public ProjectLoader() {
        this(QueryCache.disabled());
    }

    /** A loader that takes queries' parses from {@code cache} where it can, and adds the others to it. */
    public ProjectLoader(QueryCache cache) {
        this.cache = requireNonNull(cache, "cache is null");
    }

    public Project load(Path directory) {
        Path projectDir = directory.toAbsolutePath().normalize();
        PhaseTimes.mark("query cache opened");
        ModelFileParser parser = new ModelFileParser(new dev.veneer.planner.sql.SqlParser(), SeedFiles.under(projectDir));
        ProjectConfig config = ProjectConfigReader.read(projectDir);
        PhaseTimes.mark("veneer.yaml");
        // external_models.yaml is read beside the model files (a warehouse's can list thousands of tables)
        java.util.concurrent.CompletableFuture<List<ExternalModel>> externalsRead =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> ExternalModelsReader.read(projectDir, cache.folder()));
        List<Path> files = modelFiles(projectDir);
        PhaseTimes.mark("model file list");
        List<Parsed> parsed = files.parallelStream().map(file -> parse(parser, projectDir, file)).toList();
        PhaseTimes.mark("model files read");
        List<ExternalModel> externals;
        try {
            externals = externalsRead.join();
        }
        catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        PhaseTimes.mark("external models (wait)");

        List<VeneerException> problems = new ArrayList<>();
        Map<ModelName, ModelDefinition> models = new HashMap<>();
        for (Parsed result : parsed) {
            if (result.error() != null) {
                problems.add(result.error());
                continue;
            }
            ModelDefinition model = result.model();
            ModelDefinition earlier = models.putIfAbsent(model.name(), model);
            if (earlier != null) {
                problems.add(ProjectErrors.duplicateModel(model.name().toString(), earlier.path(), model.location()));
            }
        }
        Map<ModelName, ExternalModel> externalsByName = new HashMap<>();
        for (ExternalModel external : externals) {
            if (models.containsKey(external.name())) {
                problems.add(new VeneerException(ErrorCode.DUPLICATE_MODEL, models.get(external.name()).location(),
                        external.name() + " is both a model and an external table in " + ExternalModelsReader.FILE_NAME
                                + "; remove one of them", null));
            }
            externalsByName.put(external.name(), external);
        }
        Map<String, dev.veneer.planner.audit.AuditDefinition> userAudits = new java.util.TreeMap<>();
        for (Path file : auditFiles(projectDir)) {
            String relative = projectDir.relativize(file).toString().replace('\\', '/');
            try {
                for (dev.veneer.planner.audit.AuditDefinition audit : AuditFileParser.parse(relative, readUtf8(file))) {
                    dev.veneer.planner.audit.AuditDefinition earlier = userAudits.putIfAbsent(audit.name(), audit);
                    if (earlier != null) {
                        problems.add(new VeneerException(ErrorCode.MODEL_INVALID, audit.location(), "audit " + audit.name()
                                + " is defined twice (first at " + earlier.location() + "); rename one of them", null));
                    }
                }
            }
            catch (VeneerException e) {
                problems.add(e);
            }
            catch (IOException | UncheckedIOException e) {
                problems.add(new VeneerException(ErrorCode.MODEL_INVALID, new SourceLocation(relative, 1, 1),
                        "cannot read file: " + e.getMessage(), e));
            }
        }
        dev.veneer.planner.audit.AuditResolver resolver = new dev.veneer.planner.audit.AuditResolver(userAudits,
                new dev.veneer.planner.sql.SqlParser());
        Map<ModelName, List<dev.veneer.planner.audit.ModelAudit>> audits = new HashMap<>();
        for (ModelDefinition model : models.values()) {
            List<dev.veneer.planner.audit.ModelAudit> resolved = new ArrayList<>();
            for (dev.veneer.planner.audit.AuditCall call : model.audits()) {
                try {
                    resolved.add(resolver.resolve(model.name().toString(), call));
                }
                catch (VeneerException e) {
                    problems.add(e);
                }
            }
            if (!resolved.isEmpty()) {
                audits.put(model.name(), resolved);
            }
        }
        if (!problems.isEmpty()) {
            throw new ProjectErrors(problems);
        }
        return new Project(projectDir, config, models, externalsByName, audits);
    }

    /**
     * Strict, as Files.readString: a file that is not UTF-8 is an error, not a string of U+FFFD. The
     * JDK's lenient decoding is several times faster in a short-lived JVM; it gives the strict result
     * whenever its result holds no U+FFFD (which it puts where bytes are malformed), so only a file
     * with one, malformed or written, is decoded again strictly.
     */
    static String utf8(byte[] bytes) throws java.nio.charset.CharacterCodingException {
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static String readUtf8(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    }

    /** {@code audits/**}{@code /*.sql}, sorted; none when the folder is absent. */
    private static List<Path> auditFiles(Path projectDir) {
        Path auditsDir = projectDir.resolve("audits");
        if (!Files.isDirectory(auditsDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(auditsDir)) {
            return walk.filter(path -> Files.isRegularFile(path) && path.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        catch (IOException e) {
            throw new VeneerException(ErrorCode.PROJECT_INVALID, "cannot list " + auditsDir + ": " + e.getMessage(), e);
        }
    }

    private record Parsed(ModelDefinition model, VeneerException error) {}

    private Parsed parse(ModelFileParser parser, Path projectDir, Path file) {
        String relative = projectDir.relativize(file).toString().replace('\\', '/');
        try {
            byte[] bytes = Files.readAllBytes(file);
            String content = utf8(bytes);
            return new Parsed(parser.parse(relative, content, cache, cache.key(bytes)), null);
        }
        catch (VeneerException e) {
            return new Parsed(null, e);
        }
        catch (IOException | UncheckedIOException e) {
            return new Parsed(null, new VeneerException(ErrorCode.MODEL_INVALID, new SourceLocation(relative, 1, 1),
                    "cannot read file: " + e.getMessage(), e));
        }
    }

    private static List<Path> modelFiles(Path projectDir) {
        Path modelsDir = projectDir.resolve("models");
        if (!Files.isDirectory(modelsDir)) {
            throw new VeneerException(ErrorCode.PROJECT_INVALID,
                    "no models/ folder in " + projectDir + "; put model files in models/**/*.sql");
        }
        // One directory walk that hands each file's attributes over, instead of a stat per file.
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(modelsDir, new java.nio.file.SimpleFileVisitor<>() {
                        @Override
                        public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
                            // A link to a file counts (as Files.isRegularFile says); links to folders are not followed.
                            if (file.getFileName().toString().endsWith(".sql")
                                    && (attributes.isRegularFile() || (attributes.isSymbolicLink() && Files.isRegularFile(file)))) {
                                files.add(file);
                            }
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }
                    });
            files.sort(null);
            return files;
        }
        catch (IOException e) {
            throw new VeneerException(ErrorCode.PROJECT_INVALID, "cannot list " + modelsDir + ": " + e.getMessage(), e);
        }
    }
}
