package dev.veneer.spark.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java side of the protocol {@code bin/veneer} speaks in bash: {@code veneer daemon status|stop},
 * and the tests. A reply is one line: {@code exit N}, {@code ok ...} or {@code declined REASON}.
 */
public final class DaemonClient {
    private static final int CONNECT_TIMEOUT_MS = 1_000;

    private DaemonClient() {}

    /** The daemon's status line, or empty when none answers at the address its file gives. */
    public static Optional<String> status(Path daemonFile) {
        return ask(daemonFile, "status");
    }

    /** Asks the daemon to stop; empty when none was running. */
    public static Optional<String> stop(Path daemonFile) {
        return ask(daemonFile, "stop");
    }

    private static Optional<String> ask(Path daemonFile, String verb) {
        return DaemonFile.read(daemonFile).flatMap(daemon -> {
            try {
                return Optional.of(send(daemon, verb, Path.of("/"), Path.of("/"), Map.of(), List.of()));
            }
            catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** One request, as {@code bin/veneer} sends it; returns the reply line. */
    public static String send(DaemonFile daemon, String verb, Path workingDirectory, Path outputDirectory,
                              Map<String, String> environment, List<String> arguments) throws IOException {
        List<String> fields = new ArrayList<>(List.of(DaemonRequest.PROTOCOL, daemon.token(), verb,
                workingDirectory.toString(), outputDirectory.toString(), Integer.toString(environment.size())));
        environment.forEach((name, value) -> fields.add(name + "=" + value));
        fields.add(Integer.toString(arguments.size()));
        fields.addAll(arguments);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), daemon.port()), CONNECT_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            for (String field : fields) {
                out.write(field.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            out.flush();
            return readLine(socket.getInputStream());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
