package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veneer.spark.cli.daemon.DaemonClient;
import dev.veneer.spark.cli.daemon.DaemonFile;
import dev.veneer.spark.cli.daemon.DaemonRequest;
import dev.veneer.spark.cli.daemon.PlannerDaemon;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner daemon through the protocol {@code bin/veneer} speaks: a command it serves prints and
 * exits as the same command run in its own process, from the client's folder; what it must not serve
 * it declines, running nothing.
 */
class PlannerDaemonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path project;
    private Path daemonFile;
    private PlannerDaemon daemon;
    private Thread serving;

    @BeforeEach
    void copyShop() {
        project = tmp.resolve("work/shop");
        ShopProject.copyTree(ShopProject.fixture("shop"), project);
        daemonFile = tmp.resolve("daemon/veneer-daemon");
    }

    @AfterEach
    void stopDaemon() throws InterruptedException {
        if (daemon != null) {
            daemon.stop();
            serving.join(10_000);
        }
    }

    @Test
    void aPlanServedByTheDaemonPrintsWhatTheSamePlanPrintsInItsOwnProcessWithPathsFromTheClientsFolder() throws IOException {
        start(PlannerDaemon::runCommand, Map.of());
        Path output = Files.createDirectories(tmp.resolve("out"));

        String reply = send(Map.of(), output, "--project", "shop", "plan", "prod", "--json", "--out", "prod-plan.json");
        CliRunner.Result direct = CliRunner.runRaw("--project", project.toString(), "plan", "prod", "--json");

        assertThat(reply).isEqualTo("exit 0");
        assertThat(direct.exitCode()).isZero();
        assertThat(withoutTimes(Files.readString(output.resolve("out")))).isEqualTo(withoutTimes(direct.stdout()));
        assertThat(Files.readString(output.resolve("err"))).isEmpty();
        assertThat(tmp.resolve("work/prod-plan.json")).as("--out relative to the client's folder").exists();
        assertThat(project.resolve(".veneer/state.db")).doesNotExist();
    }

    @Test
    void aBadCommandGetsTheSameMessageAndExitStatusAsInItsOwnProcessAndChangesNothing() throws IOException {
        start(PlannerDaemon::runCommand, Map.of());
        Path badEnvironment = Files.createDirectories(tmp.resolve("bad-env"));
        Path badOption = Files.createDirectories(tmp.resolve("bad-option"));

        String envReply = send(Map.of(), badEnvironment, "--project", "shop", "plan", "Bad Env");
        String optionReply = send(Map.of(), badOption, "--project", "shop", "plan", "--no-such-option");
        CliRunner.Result direct = CliRunner.runRaw("--project", project.toString(), "plan", "Bad Env");

        assertThat(envReply).isEqualTo("exit 1");
        assertThat(Files.readString(badEnvironment.resolve("err"))).isEqualTo(direct.stderr())
                .contains("error: invalid environment name 'Bad Env'");
        assertThat(Files.readString(badEnvironment.resolve("out"))).isEmpty();
        assertThat(optionReply).isEqualTo("exit 2");
        assertThat(Files.readString(badOption.resolve("err"))).contains("Unknown option: '--no-such-option'");
        assertThat(project.resolve(".veneer")).doesNotExist();
    }

    @Test
    void aRequestWithOtherVeneerSettingsOrAWrongTokenIsDeclinedAndNothingRuns() throws IOException {
        int[] runs = {0};
        start(request -> ++runs[0], Map.of("VENEER_STATE_URL", "jdbc:postgresql://db/veneer", "PATH", "/bin"));
        Path output = Files.createDirectories(tmp.resolve("out"));

        String otherState = send(Map.of("VENEER_STATE_URL", "jdbc:postgresql://other/veneer"), output, "plan");
        String noState = send(Map.of(), output, "plan");
        String wrongToken = DaemonClient.send(new DaemonFile(daemon.identity().port(), "0".repeat(32), 1), "run",
                tmp, output, Map.of("VENEER_STATE_URL", "jdbc:postgresql://db/veneer"), List.of("plan"));
        String sameSettings = send(Map.of("VENEER_STATE_URL", "jdbc:postgresql://db/veneer", "VENEER_DAEMON", "1", "HOME", "/x"), output, "plan");

        assertThat(otherState).isEqualTo("declined environment differs in VENEER_STATE_URL");
        assertThat(noState).isEqualTo("declined environment differs in VENEER_STATE_URL");
        assertThat(wrongToken).isEqualTo("declined wrong token");
        assertThat(sameSettings).as("only VENEER_* (but VENEER_DAEMON), TZ and the locale count").isEqualTo("exit 1");
        assertThat(runs[0]).isEqualTo(1);
    }

    @Test
    void aSecondCommandWhileOneRunsIsDeclinedSoItsClientRunsItItself() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(request -> {
            started.countDown();
            await(release);
            return 0;
        }, Map.of());
        Path output = Files.createDirectories(tmp.resolve("out"));
        String[] first = new String[1];
        Thread firstClient = new Thread(() -> first[0] = sendUnchecked(output));
        firstClient.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        String second = send(Map.of(), output, "plan");
        release.countDown();
        firstClient.join(10_000);

        assertThat(second).isEqualTo("declined busy");
        assertThat(first[0]).isEqualTo("exit 0");
    }

    @Test
    void aMalformedRequestIsRefusedAndTheDaemonGoesOnServingThenStopsOnRequestAndRemovesItsFile() throws IOException, InterruptedException {
        start(request -> 0, Map.of());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), daemon.identity().port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\n\r\n\0".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(socket.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
        }

        assertThat(DaemonClient.status(daemonFile)).hasValueSatisfying(status -> assertThat(status).startsWith("ok pid ").contains("idle"));
        assertThat(DaemonClient.stop(daemonFile)).hasValue("ok stopped");
        serving.join(10_000);

        assertThat(serving.isAlive()).isFalse();
        assertThat(daemonFile).doesNotExist();
        assertThat(DaemonClient.status(daemonFile)).isEmpty();
    }

    private void start(Function<DaemonRequest, Integer> commands, Map<String, String> environment) throws IOException {
        daemon = new PlannerDaemon(daemonFile, Duration.ofMinutes(5), environment, commands);
        daemon.start();
        serving = new Thread(() -> {
            try {
                daemon.serve();
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "planner-daemon-test");
        serving.start();
        assertThat(DaemonFile.read(daemonFile)).hasValue(daemon.identity());
    }

    /** A request as bin/veneer sends it from {@code tmp/work}. */
    private String send(Map<String, String> environment, Path output, String... arguments) throws IOException {
        return DaemonClient.send(daemon.identity(), "run", tmp.resolve("work"), output, environment, List.of(arguments));
    }

    private String sendUnchecked(Path output) {
        try {
            return send(Map.of(), output, "plan");
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode withoutTimes(String json) throws IOException {
        ObjectNode document = (ObjectNode) JSON.readTree(json);
        document.remove(List.of("plan_id", "created_at", "execution_time"));
        return document;
    }
}
