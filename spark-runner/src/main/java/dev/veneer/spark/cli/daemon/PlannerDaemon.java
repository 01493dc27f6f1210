package dev.veneer.spark.cli.daemon;

import dev.veneer.spark.cli.VeneerCli;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.function.Function;

/**
 * A planner that stays up between commands, so that a plan after editing one model does not pay for
 * a JVM start and cold, interpreted code again (BENCHMARKS.md, issue 6: the warm 10,000-model plan).
 * {@code bin/veneer} starts it in the background after a planner-only command it ran itself, and
 * hands it later planner-only commands; whatever the daemon declines — another command running, a
 * different environment, a rebuilt Veneer — the launcher runs itself, so the daemon only ever makes
 * a command faster, never different.
 *
 * <p>One command at a time (commands print to {@code System.out}, which is one per JVM); it listens
 * on 127.0.0.1 only and serves requests carrying the token of its {@link DaemonFile}; it exits after
 * {@link #idleLimit} without requests, when its jars change, when another daemon took its file, or
 * on {@code veneer daemon stop}.
 */
public final class PlannerDaemon {
    /** Environment variables a command's behaviour may depend on: a request with other values is declined. */
    private static final String RELEVANT_PREFIX = "VENEER_";
    private static final String CONTROL_PREFIX = "VENEER_DAEMON";
    /** Where Veneer is installed: the same for every client of one daemon (its file lives there). */
    private static final String HOME = "VENEER_HOME";
    private static final String[] RELEVANT_NAMES = {"TZ", "LANG", "LC_ALL"};
    private static final Duration REQUEST_READ_LIMIT = Duration.ofSeconds(10);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(30);
    private static final int WARM_UP_ROUNDS = 40;
    /** Longer than a warm-up round of the example project; shorter than waiting for another user's command is worth. */
    private static final Duration WARM_UP_ROUND_LIMIT = Duration.ofSeconds(2);

    private final Path daemonFile;
    private final Duration idleLimit;
    private final Map<String, String> ownEnvironment;
    private final Function<DaemonRequest, Integer> commands;
    private final ReentrantLock running = new ReentrantLock();
    /** Requests waiting for the warm-up to let go of {@link #running}. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<File, Long> jars = new LinkedHashMap<>();
    private final long started = System.currentTimeMillis();
    private volatile long lastRequest = System.currentTimeMillis();
    private volatile boolean stopping;
    private volatile int served;
    private DaemonFile identity;
    private ServerSocket server;

    public PlannerDaemon(Path daemonFile, Duration idleLimit, Map<String, String> environment, Function<DaemonRequest, Integer> commands) {
        this.daemonFile = daemonFile;
        this.idleLimit = idleLimit;
        this.ownEnvironment = relevant(environment);
        this.commands = commands;
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            File jar = new File(entry);
            jars.put(jar, jar.lastModified());
        }
    }

    /** {@code PlannerDaemon DAEMON_FILE [IDLE_MINUTES]}: serves until idle, stopped or stale, then exits. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]).toAbsolutePath();
        Duration idle = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 20);
        PlannerDaemon daemon = new PlannerDaemon(file, idle, System.getenv(), PlannerDaemon::runCommand);
        if (DaemonClient.status(file).filter(reply -> reply.startsWith("ok")).isPresent()) {
            System.err.println("veneer daemon: another daemon already serves " + file + "; exiting");
            System.exit(0);
        }
        daemon.start();
        Thread warmUp = new Thread(() -> daemon.warmUp(Path.of(System.getProperty("veneer.home", ".")).resolve("examples/tpch")), "veneer-daemon-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        daemon.serve();
        System.exit(0);
    }

    /**
     * Plans a copy of the example project a few times before the first request comes, so that the
     * first plan it serves runs compiled code rather than the interpreter's (on 10,000 models: ~4 s
     * cold, ~0.8 s warm). Stops as soon as a request is waiting; without the example, does nothing.
     */
    void warmUp(Path example) {
        if (!Files.isDirectory(example)) {
            return;
        }
        Path copy = null;
        try {
            copy = Files.createTempDirectory("veneer-daemon-warm-up");
            Path project = copy.resolve("project");
            copyTree(example, project);
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            String[] plan = {"--project", project.toString(), "plan", "prod", "--json"};
            for (int round = 0; round < WARM_UP_ROUNDS && !stopping && waiting.get() == 0; round++) {
                if (!running.tryLock()) {
                    return;
                }
                PrintStream originalOut = System.out;
                PrintStream originalErr = System.err;
                try {
                    System.setOut(nowhere);
                    System.setErr(nowhere);
                    VeneerCli.run(project, plan);
                }
                finally {
                    System.setOut(originalOut);
                    System.setErr(originalErr);
                    running.unlock();
                }
            }
        }
        catch (IOException | RuntimeException e) {
            System.err.println("veneer daemon: warm-up stopped: " + e);
        }
        finally {
            if (copy != null) {
                deleteTree(copy);
            }
        }
    }

    /** Binds a port and publishes the daemon file. */
    public void start() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout((int) CHECK_EVERY.toMillis());
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        identity = new DaemonFile(server.getLocalPort(), HexFormat.of().formatHex(secret), ProcessHandle.current().pid());
        identity.write(daemonFile);
    }

    public DaemonFile identity() {
        return identity;
    }

    /** Accepts requests until stopped, idle, stale or replaced. */
    public void serve() throws IOException {
        try (ServerSocket listening = server) {
            while (!stopping) {
                try {
                    Socket socket = listening.accept();
                    Thread handler = new Thread(() -> handle(socket), "veneer-daemon-request");
                    handler.start();
                }
                catch (SocketTimeoutException e) {
                    checkStillWanted();
                }
            }
        }
        catch (IOException e) {
            if (!stopping) {
                throw e;
            }
        }
        finally {
            identity.deleteIfOurs(daemonFile);
        }
    }

    public void stop() {
        stopping = true;
        try {
            server.close();
        }
        catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    private void checkStillWanted() {
        boolean idle = !running.isLocked() && System.currentTimeMillis() - lastRequest > idleLimit.toMillis();
        boolean replaced = !DaemonFile.read(daemonFile).filter(identity::equals).isPresent();
        if (idle || replaced || stale().isPresent()) {
            stop();
        }
    }

    private void handle(Socket socket) {
        try (Socket connection = socket; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            connection.setSoTimeout((int) REQUEST_READ_LIMIT.toMillis());
            DaemonRequest request = DaemonRequest.read(in);
            if (!MessageDigest.isEqual(request.token().getBytes(StandardCharsets.UTF_8), identity.token().getBytes(StandardCharsets.UTF_8))) {
                reply(out, "declined wrong token");
                return;
            }
            lastRequest = System.currentTimeMillis();
            reply(out, answer(request));
        }
        catch (IOException | RuntimeException e) {
            System.err.println("veneer daemon: bad request: " + e);
        }
    }

    private String answer(DaemonRequest request) {
        switch (request.verb()) {
            case "status":
                return "ok pid " + identity.pid() + ", up " + Duration.ofMillis(System.currentTimeMillis() - started).toSeconds()
                        + " s, " + served + " commands served, " + (running.isLocked() ? "running a command" : "idle")
                        + ", exits after " + idleLimit.toMinutes() + " min without commands";
            case "stop":
                stop();
                return "ok stopped";
            case "run":
                return run(request);
            default:
                return "declined unknown verb " + request.verb();
        }
    }

    private String run(DaemonRequest request) {
        Optional<String> stale = stale();
        if (stale.isPresent()) {
            stop();
            return "declined " + stale.get();
        }
        Map<String, String> theirs = relevant(request.environment());
        if (!theirs.equals(ownEnvironment)) {
            return "declined environment differs in " + differences(theirs);
        }
        if (!acquire()) {
            return "declined busy";
        }
        try {
            int status = commands.apply(request);
            served++;
            return "exit " + status;
        }
        finally {
            lastRequest = System.currentTimeMillis();
            running.unlock();
        }
    }

    /** Waits for a warm-up round (short) to end, never for another command (declined: its client runs it itself). */
    private boolean acquire() {
        if (running.tryLock()) {
            return true;
        }
        waiting.incrementAndGet();
        try {
            return running.tryLock(WARM_UP_ROUND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        finally {
            waiting.decrementAndGet();
        }
    }

    /** Runs one command line in this JVM, its output in the request's {@code out} and {@code err} files. */
    public static int runCommand(DaemonRequest request) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        Charset charset = Charset.defaultCharset();
        try (PrintStream out = new PrintStream(new BufferedOutputStream(Files.newOutputStream(request.outputDirectory().resolve("out")), 1 << 16), false, charset);
             PrintStream err = new PrintStream(Files.newOutputStream(request.outputDirectory().resolve("err")), true, charset)) {
            System.setOut(out);
            System.setErr(err);
            try {
                return VeneerCli.run(request.workingDirectory(), request.arguments().toArray(String[]::new));
            }
            finally {
                out.flush();
                System.setOut(originalOut);
                System.setErr(originalErr);
            }
        }
        catch (IOException e) {
            originalErr.println("veneer daemon: cannot write the command's output in " + request.outputDirectory() + ": " + e);
            return VeneerCli.USER_ERROR;
        }
    }

    /** Why this daemon's code is out of date, if it is: a jar rebuilt since it started. */
    private Optional<String> stale() {
        for (Map.Entry<File, Long> jar : jars.entrySet()) {
            if (jar.getKey().lastModified() != jar.getValue()) {
                return Optional.of("Veneer was rebuilt (" + jar.getKey().getName() + " changed)");
            }
        }
        return Optional.empty();
    }

    private String differences(Map<String, String> theirs) {
        TreeSet<String> names = new TreeSet<>(theirs.keySet());
        names.addAll(ownEnvironment.keySet());
        names.removeIf(name -> java.util.Objects.equals(theirs.get(name), ownEnvironment.get(name)));
        return String.join(", ", names);
    }

    private static Map<String, String> relevant(Map<String, String> environment) {
        Map<String, String> relevant = new java.util.TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(RELEVANT_PREFIX) && !name.startsWith(CONTROL_PREFIX) && !name.equals(HOME)) {
                relevant.put(name, value);
            }
        });
        for (String name : RELEVANT_NAMES) {
            if (environment.containsKey(name)) {
                relevant.put(name, environment.get(name));
            }
        }
        return relevant;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a temporary folder left behind is the only consequence
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
