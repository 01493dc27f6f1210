package dev.veneer.spark.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The files every page shares, read from the jar: Veneer's stylesheet and script, and dagre's layout
 * code from its webjar. Nothing is fetched from the network when a page opens.
 */
final class Assets {
    static final List<String> PATHS = List.of(SitePaths.ASSETS + "veneer.css", SitePaths.ASSETS + "veneer.js",
            SitePaths.ASSETS + "dagre.min.js");

    private Assets() {}

    static Optional<byte[]> content(String path) {
        return switch (path) {
            case "assets/veneer.css" -> Optional.of(read("dev/veneer/spark/docs/assets/veneer.css"));
            case "assets/veneer.js" -> Optional.of(read("dev/veneer/spark/docs/assets/veneer.js"));
            case "assets/dagre.min.js" -> Optional.of(read("META-INF/resources/webjars/dagre/" + dagreVersion() + "/dist/dagre.min.js"));
            default -> Optional.empty();
        };
    }

    /** The version of the dagre webjar on the classpath, from its Maven metadata. */
    private static String dagreVersion() {
        Properties properties = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/dagre/pom.properties")) {
            properties.load(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] read(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the Veneer jar", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath: the Veneer docs jar is incomplete");
        }
        return in;
    }
}
