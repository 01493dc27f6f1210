package dev.veneer.spark.cli.daemon;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "daemon", description = {
        "Show or stop the planner daemon: bin/veneer starts it after a planner-only command (plan, render, dag,",
        "table-name, envs, lineage) and hands it the next ones, so they skip the JVM start. It exits after 20",
        "minutes without commands, or when Veneer is rebuilt. VENEER_DAEMON=0 runs every command in its own JVM."})
public final class DaemonCommand implements Callable<Integer> {
    /** Set by {@code bin/veneer}: the file where the daemon of this installation and user publishes its port. */
    public static final String FILE_PROPERTY = "veneer.daemon.file";

    enum Action { status, stop }

    @Parameters(index = "0", paramLabel = "ACTION", description = "status or stop")
    Action action;

    @Override
    public Integer call() {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            System.out.println("daemon: not running (only bin/veneer starts one, and this process was not started by it)");
            return 0;
        }
        Optional<String> reply = action == Action.status ? DaemonClient.status(Path.of(file)) : DaemonClient.stop(Path.of(file));
        System.out.println(reply.map(line -> "daemon: " + line.replaceFirst("^ok ", "")).orElse("daemon: not running"));
        return 0;
    }
}
