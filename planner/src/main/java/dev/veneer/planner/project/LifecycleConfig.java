package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How long things live, from {@code veneer.yaml}.
 *
 * @param environmentTtl a non-prod environment expires this long after its last applied plan
 *     ({@code environment_ttl}, default 7 days); prod never expires
 * @param snapshotTtl a snapshot no environment points at keeps its physical table this long after
 *     an apply last used it ({@code snapshot_ttl}, default 7 days): the window in which reverting to
 *     old code costs nothing
 */
public record LifecycleConfig(Duration environmentTtl, Duration snapshotTtl) {
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    static final String ENVIRONMENT_TTL = "environment_ttl";
    static final String SNAPSHOT_TTL = "snapshot_ttl";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public LifecycleConfig {
        requireNonNull(environmentTtl, "environmentTtl is null");
        requireNonNull(snapshotTtl, "snapshotTtl is null");
    }

    public static LifecycleConfig defaults() {
        return new LifecycleConfig(DEFAULT_TTL, DEFAULT_TTL);
    }

    /** Reads the two keys; {@link ProjectConfigReader#read} has checked the file is a valid mapping. */
    public static LifecycleConfig read(Path projectDir) {
        Path file = projectDir.resolve(ProjectConfig.FILE_NAME);
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new VeneerException(ErrorCode.PROJECT_INVALID, new SourceLocation(ProjectConfig.FILE_NAME, 1, 1),
                    "cannot read " + ProjectConfig.FILE_NAME + ": " + e.getMessage() + "; fix the YAML", e);
        }
        return new LifecycleConfig(ttl(root, ENVIRONMENT_TTL), ttl(root, SNAPSHOT_TTL));
    }

    private static Duration ttl(JsonNode root, String key) {
        JsonNode node = root == null ? null : root.get(key);
        if (node == null || node.isNull()) {
            return DEFAULT_TTL;
        }
        Duration ttl = DurationText.parse(node.asText())
                .filter(duration -> !duration.isZero())
                .orElseThrow(() -> new VeneerException(ErrorCode.PROJECT_INVALID, new SourceLocation(ProjectConfig.FILE_NAME, 1, 1),
                        key + " '" + node.asText() + "' is not a positive duration; write one such as " + DurationText.EXAMPLES, null));
        return ttl;
    }
}
