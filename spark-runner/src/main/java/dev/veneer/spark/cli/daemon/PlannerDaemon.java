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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
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
    private static final Duration IDLE_LIMIT = Duration.ofMinutes(20);

    private final Path daemonFile;
    private final Duration idleLimit;
    private final Map<String, String> ownEnvironment;
    private final Function<DaemonRequest, Integer> commands;
    private final ReentrantLock running = new ReentrantLock();
    /** Requests waiting for the warm-up to let go of {@link #running}. */
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean warmingUp;
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

    /**
     * {@code PlannerDaemon DAEMON_FILE WORKING_DIR [ARGS...]}: the command line bin/veneer ran before
     * starting it (its project is the one to warm up on); serves until idle, stopped or stale, then exits.
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]).toAbsolutePath();
        PlannerDaemon daemon = new PlannerDaemon(file, IDLE_LIMIT, System.getenv(), PlannerDaemon::runCommand);
        if (DaemonClient.status(file).filter(reply -> reply.startsWith("ok")).isPresent()) {
            System.err.println("veneer daemon: another daemon already serves " + file + "; exiting");
            System.exit(0);
        }
        daemon.start();
        List<Path> projects = new ArrayList<>();
        projects.add(Path.of(System.getProperty("veneer.home", ".")).resolve("examples/tpch"));
        if (args.length > 1) {
            projects.add(DaemonWarmUp.projectOf(Path.of(args[1]), Arrays.asList(args).subList(2, args.length)));
        }
        Thread warmUp = new Thread(() -> new DaemonWarmUp(daemon).run(projects), "veneer-daemon-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        daemon.serve();
        System.exit(0);
    }

    /**
     * Runs {@code action} holding the command lock, unless a client is waiting or the daemon is
     * stopping; for the warm-up, whose rounds give way to requests.
     */
    boolean runBetweenRequests(Runnable action) {
        warmingUp = true;
        if (stopping || waiting.get() > 0 || !running.tryLock()) {
            warmingUp = false;
            return false;
        }
        try {
            action.run();
            return true;
        }
        finally {
            warmingUp = false;
            running.unlock();
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
                        + " s, " + served + " commands served, " + (warmingUp ? "warming up" : running.isLocked() ? "running a command" : "idle")
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

    /** Waits for a warm-up round to end (it runs no longer than a plan), never for another command (declined: its client runs it itself). */
    private boolean acquire() {
        if (running.tryLock()) {
            return true;
        }
        waiting.incrementAndGet();
        try {
            while (warmingUp || !running.isLocked()) {
                if (running.tryLock(10, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
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
        Charset charset = Charset.defaultCharset();
        try (PrintStream out = new PrintStream(new BufferedOutputStream(Files.newOutputStream(request.outputDirectory().resolve("out")), 1 << 16), false, charset);
             PrintStream err = new PrintStream(Files.newOutputStream(request.outputDirectory().resolve("err")), true, charset)) {
            return runPrintingTo(out, err, request.workingDirectory(), request.arguments().toArray(String[]::new));
        }
        catch (IOException e) {
            System.err.println("veneer daemon: cannot write the command's output in " + request.outputDirectory() + ": " + e);
            return VeneerCli.USER_ERROR;
        }
    }

    /**
     * Runs one command line with {@code System.out} and {@code System.err} pointed at {@code out} and
     * {@code err} (commands print there), and puts them back after; the caller holds {@link #running}.
     */
    static int runPrintingTo(PrintStream out, PrintStream err, Path workingDirectory, String... arguments) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(out);
        System.setErr(err);
        try {
            return VeneerCli.run(workingDirectory, arguments);
        }
        finally {
            out.flush();
            System.setOut(originalOut);
            System.setErr(originalErr);
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

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
