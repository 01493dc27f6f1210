package dev.veneer.spark.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteWriterTest {
    @TempDir
    Path dir;

    /** A two-page site; {@code failing} makes the second page fail half-way through a write. */
    private static Site site(String text, boolean failing) {
        Map<String, String> pages = Map.of("index.html", text, "models/a.b.html", "model");
        return new Site() {
            @Override
            public List<String> paths() {
                return List.of("index.html", "models/a.b.html");
            }

            @Override
            public Optional<byte[]> content(String path) {
                if (failing && path.startsWith("models/")) {
                    throw new IllegalStateException("boom");
                }
                return Optional.ofNullable(pages.get(path)).map(page -> page.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(path -> dir.relativize(path).toString()).sorted().toList();
        }
    }

    @Test
    void writesEveryPageAndReplacesASiteItWroteBefore() throws IOException {
        Path out = dir.resolve("site");
        SiteWriter.write(site("first", false), out);
        SiteWriter.Written written = SiteWriter.write(site("second", false), out);

        assertThat(written.files()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("index.html"))).isEqualTo("second");
        assertThat(listing()).containsExactly("", "site", "site/.veneer-docs", "site/index.html", "site/models", "site/models/a.b.html");
    }

    @Test
    void anOutputThatIsAFileIsRefusedAndLeftAsItIs() throws IOException {
        Path out = Files.writeString(dir.resolve("notes.txt"), "mine");

        VeneerException error = catchThrowableOfType(VeneerException.class, () -> SiteWriter.write(site("x", false), out));

        assertThat(error.code()).isEqualTo(ErrorCode.OUTPUT_INVALID);
        assertThat(error.getMessage()).contains("notes.txt is a file, not a folder");
        assertThat(Files.readString(out)).isEqualTo("mine");
        assertThat(listing()).containsExactly("", "notes.txt");
    }

    @Test
    void aFolderHoldingOtherFilesIsNeverReplaced() throws IOException {
        Path out = Files.createDirectories(dir.resolve("work"));
        Files.writeString(out.resolve("keep.md"), "mine");

        VeneerException error = catchThrowableOfType(VeneerException.class, () -> SiteWriter.write(site("x", false), out));

        assertThat(error.getMessage()).contains("holds other files", "new or empty folder");
        assertThat(listing()).containsExactly("", "work", "work/keep.md");
    }

    @Test
    void aFailureHalfWayLeavesTheEarlierSiteAsItWas() throws IOException {
        Path out = dir.resolve("site");
        SiteWriter.write(site("first", false), out);

        catchThrowableOfType(IllegalStateException.class, () -> SiteWriter.write(site("second", true), out));

        assertThat(Files.readString(out.resolve("index.html"))).isEqualTo("first");
        assertThat(listing()).containsExactly("", "site", "site/.veneer-docs", "site/index.html", "site/models", "site/models/a.b.html");
    }
}
