package dev.veneer.spark.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonWarmUpTest {
    @TempDir
    Path tmp;

    @Test
    void theProjectOfACommandLineIsItsProjectOptionFromTheClientsFolderElseThatFolder() {
        Path client = Path.of("/home/ann/work");

        assertThat(DaemonWarmUp.projectOf(client, List.of("--project", "shop", "plan", "dev"))).isEqualTo(Path.of("/home/ann/work/shop"));
        assertThat(DaemonWarmUp.projectOf(client, List.of("plan", "--project=../other", "--json"))).isEqualTo(Path.of("/home/ann/other"));
        assertThat(DaemonWarmUp.projectOf(client, List.of("plan", "dev"))).isEqualTo(client);
    }

    @Test
    void warmingUpOnTheUsersProjectWritesOnlyWhatItsPlanWritesAndSkipsFoldersWithoutAProject() throws Exception {
        Path shop = tmp.resolve("shop");
        DaemonWarmUp.copyTree(Path.of(getClass().getResource("/projects/shop").toURI()), shop);
        List<Path> before = files(shop);
        PlannerDaemon daemon = new PlannerDaemon(tmp.resolve("daemon-file"), Duration.ofMinutes(1), Map.of(), PlannerDaemon::runCommand);

        new DaemonWarmUp(daemon).run(List.of(tmp.resolve("no-example-here"), shop));

        assertThat(files(shop)).containsAll(before);
        assertThat(files(shop)).filteredOn(file -> !before.contains(file))
                .allSatisfy(file -> assertThat(shop.relativize(file).toString()).startsWith(".veneer/cache/"))
                .anySatisfy(file -> assertThat(file.getFileName().toString()).isEqualTo("queries.bin"));
        assertThat(shop.resolve(".veneer/state.db")).doesNotExist();
        assertThat(tmp.resolve("daemon-file")).doesNotExist();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
