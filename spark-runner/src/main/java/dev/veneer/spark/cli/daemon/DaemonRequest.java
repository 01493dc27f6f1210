package dev.veneer.spark.cli.daemon;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to the planner daemon, as {@code bin/veneer} writes it with bash's {@code printf '%s\0'}:
 * NUL-terminated fields — the protocol name, the daemon's token, the verb ({@code run}, {@code status},
 * {@code stop}), the client's working folder, the folder to write {@code out} and {@code err} into,
 * the number of environment entries and each {@code NAME=value}, the number of arguments and each.
 *
 * @param environment the client's Veneer-relevant environment ({@code VENEER_*}, {@code TZ}, locale)
 */
public record DaemonRequest(String token, String verb, Path workingDirectory, Path outputDirectory,
                            Map<String, String> environment, List<String> arguments) {
    public static final String PROTOCOL = "veneer-daemon-1";
    /** A request is a command line, not a file: anything longer is not one of ours. */
    private static final int MAX_FIELD_BYTES = 1 << 20;
    private static final int MAX_FIELDS = 10_000;

    public DaemonRequest {
        requireNonNull(token, "token is null");
        requireNonNull(verb, "verb is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        requireNonNull(outputDirectory, "outputDirectory is null");
        environment = new LinkedHashMap<>(environment);
        arguments = List.copyOf(arguments);
    }

    /** Reads one request; a malformed one is an {@link IOException} saying what was wrong. */
    public static DaemonRequest read(InputStream in) throws IOException {
        String protocol = field(in);
        if (!protocol.equals(PROTOCOL)) {
            throw new IOException("not a " + PROTOCOL + " request (starts with '" + protocol + "')");
        }
        String token = field(in);
        String verb = field(in);
        Path workingDirectory = absolute(field(in), "working folder");
        String output = field(in);
        Path outputDirectory = output.isEmpty() ? workingDirectory : absolute(output, "output folder");
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0, n = count(in); i < n; i++) {
            String entry = field(in);
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IOException("environment entry '" + entry + "' is not NAME=value");
            }
            environment.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        List<String> arguments = new ArrayList<>();
        for (int i = 0, n = count(in); i < n; i++) {
            arguments.add(field(in));
        }
        return new DaemonRequest(token, verb, workingDirectory, outputDirectory, environment, arguments);
    }

    private static Path absolute(String text, String what) throws IOException {
        Path path = Path.of(text);
        if (!path.isAbsolute()) {
            throw new IOException(what + " '" + text + "' is not absolute");
        }
        return path;
    }

    private static int count(InputStream in) throws IOException {
        String text = field(in);
        try {
            int count = Integer.parseInt(text);
            if (count < 0 || count > MAX_FIELDS) {
                throw new IOException("count " + count + " out of range");
            }
            return count;
        }
        catch (NumberFormatException e) {
            throw new IOException("expected a count, got '" + text + "'");
        }
    }

    private static String field(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != 0) {
            if (b < 0) {
                throw new EOFException("request ended in the middle of a field");
            }
            if (bytes.size() == MAX_FIELD_BYTES) {
                throw new IOException("field longer than " + MAX_FIELD_BYTES + " bytes");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
