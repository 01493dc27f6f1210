package dev.veneer.planner.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes plan files: snake_case JSON with ISO-8601 instants and a format version. */
public final class PlanFiles {
    /** Intervals are written {@code ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"]}, as DESIGN.md shows them. */
    @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.ARRAY)
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"start", "end"})
    private abstract static class IntervalAsPair {}

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .addMixIn(dev.veneer.catalog.Interval.class, IntervalAsPair.class)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private PlanFiles() {}

    public static ObjectMapper mapper() {
        return JSON;
    }

    public static String toJson(PlanFile plan) {
        try {
            return JSON.writeValueAsString(plan);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize plan " + plan.planId(), e);
        }
    }

    public static void write(PlanFile plan, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Streamed: the plan of a large project is tens of megabytes; no second copy as a String.
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                JSON.writeValue(out, plan);
                out.write('\n');
            }
        }
        catch (IOException e) {
            throw new VeneerException(ErrorCode.PLAN_FILE_INVALID, "cannot write plan file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes what {@code plan --json} prints: the plan's {@link PlanSummary} (its keys, then
     * {@code "applied"}), as one indented JSON document and a newline, streamed to {@code out}
     * (which stays open).
     */
    /**
     * Builds Jackson's serializers of the {@code --json} summary now, on a thread of its own: it is a
     * tenth of a second of reflection, mostly in interpreted code, which a plan's printing otherwise
     * waits for at the end. The serializers are kept in the mapper, shared with the thread that prints.
     */
    public static void prepareDocumentWriter() {
        Thread warmUp = new Thread(() -> JSON.writerFor(PlanSummary.class), "veneer-json-serializers");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    public static void writeDocument(PlanFile plan, boolean applied, OutputStream out) {
        try {
            JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, PlanSummary.of(plan, applied));
            out.write('\n');
            out.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write plan " + plan.planId(), e);
        }
    }

    /** {@link #writeDocument(PlanFile, boolean, OutputStream)} with more top-level keys (e.g. {@code table_diffs}). */
    public static void writeDocument(PlanFile plan, boolean applied, java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> extra,
            OutputStream out) {
        try {
            if (extra.isEmpty()) {
                writeDocument(plan, applied, out);
                return;
            }
            com.fasterxml.jackson.databind.node.ObjectNode document = JSON.valueToTree(PlanSummary.of(plan, applied));
            extra.forEach(document::set);
            JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, document);
            out.write('\n');
            out.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write plan " + plan.planId(), e);
        }
    }

    public static PlanFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            throw new VeneerException(ErrorCode.PLAN_FILE_INVALID, "plan file " + file + " does not exist; write one with 'veneer plan ENV --out FILE'", e);
        }
        catch (IOException e) {
            throw new VeneerException(ErrorCode.PLAN_FILE_INVALID, "cannot read plan file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static PlanFile parse(String text, String source) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        }
        catch (JsonProcessingException e) {
            throw corrupt(source, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw corrupt(source, "not a JSON object", null);
        }
        JsonNode version = tree.get("format_version");
        if (version == null && tree.has("plan_id") && tree.has("applied")) {
            throw new VeneerException(ErrorCode.PLAN_FILE_INVALID, source + " is the summary 'veneer plan --json' prints, not a plan"
                    + " file: it leaves out the SQL the runner needs; write the plan file with 'veneer plan ENV --out FILE'", null);
        }
        if (version == null) {
            throw corrupt(source, "it has no format_version", null);
        }
        if (!version.isIntegralNumber()) {
            throw corrupt(source, "format_version must be a whole number, not " + version, null);
        }
        checkFormatVersion(version.asInt(), source);
        try {
            return JSON.treeToValue(tree, PlanFile.class);
        }
        catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw corrupt(source, reason, e);
        }
    }

    /** Before anything else is read: a plan from a newer planner may mean things this runner would get wrong. */
    private static void checkFormatVersion(int version, String source) {
        if (version > PlanFile.FORMAT_VERSION) {
            throw new VeneerException(ErrorCode.PLAN_FILE_INVALID, "cannot apply " + source + ": plan file format " + version
                    + " is newer than this Veneer (supports " + PlanFile.FORMAT_VERSION + "): upgrade the runner jar"
                    + " to the Veneer version that made the plan, or plan again with this one");
        }
        if (version < PlanFile.FORMAT_VERSION) {
            throw new VeneerException(ErrorCode.PLAN_FILE_INVALID, "cannot apply " + source + ": plan file format " + version
                    + " is older than this Veneer (supports " + PlanFile.FORMAT_VERSION + "): plan again with this Veneer"
                    + " ('veneer plan ENV --out FILE')");
        }
    }

    private static VeneerException corrupt(String source, String reason, Throwable cause) {
        return new VeneerException(ErrorCode.PLAN_FILE_INVALID,
                "plan file " + source + " is corrupt: " + reason + "; write a new one with 'veneer plan ENV --out FILE'", cause);
    }
}
