package dev.veneer.spark.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts the child JVMs of tests (real {@code veneer} processes, {@code spark-submit}) with a
 * class-data sharing archive, as {@code bin/veneer} starts Spark commands: a JVM that runs Spark
 * loads ~20,000 classes, and from an archive it starts in about half the CPU time. The first child
 * of a classpath records the archive when it exits; children started while it runs, and children
 * of a halted recorder, run without one. Only the start of the JVM changes, never what it runs.
 *
 * <p>The JDK archives classes from jars only (a non-empty folder on the classpath makes it refuse),
 * so every folder of the classpath ({@code target/classes}, {@code conf/}) is handed to the child as a
 * jar of the folder's files, made once per test JVM, in the same place of the classpath.
 */
public final class SharedClassData {
    /** JVM warnings to stderr (stdout is the command's result), none about the archive. */
    private static final List<String> QUIET = List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:cds*=off:stderr");

    private static Path folder;
    private static final Map<Path, Path> JARS = new HashMap<>();
    /** Classpath to its archive, once recorded; {@code null} while a child records it. */
    private static final Map<String, Path> ARCHIVES = new HashMap<>();

    private SharedClassData() {}

    /**
     * Starts {@code builder}'s command, {@code java [options] -cp CLASSPATH main args}, with the
     * archive of its classpath (or recording it), the classpath's folders as jars.
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        List<String> command = new ArrayList<>(builder.command());
        int classpathAt = command.indexOf("-cp") + 1;
        if (classpathAt == 0) {
            throw new IllegalArgumentException("no -cp in " + command);
        }
        String classpath = jarredClasspath(command.get(classpathAt));
        command.set(classpathAt, classpath);
        Path archive;
        Path recording = null;
        synchronized (SharedClassData.class) {
            archive = ARCHIVES.get(classpath);
            if (!ARCHIVES.containsKey(classpath)) {
                recording = folder().resolve("archive-" + ARCHIVES.size() + ".jsa");
                ARCHIVES.put(classpath, null);
            }
        }
        List<String> options = new ArrayList<>(QUIET);
        if (archive != null) {
            options.add("-XX:SharedArchiveFile=" + archive);
        }
        else if (recording != null) {
            options.add("-XX:ArchiveClassesAtExit=" + recording + ".part");
        }
        command.addAll(1, options);
        Process process = builder.command(command).start();
        if (recording != null) {
            Path recorded = recording;
            process.onExit().thenRun(() -> recorded(classpath, recorded));
        }
        return process;
    }

    private static synchronized void recorded(String classpath, Path archive) {
        Path part = Path.of(archive + ".part");
        try {
            if (Files.isRegularFile(part)) {
                Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
                ARCHIVES.put(classpath, archive);
                return;
            }
        }
        catch (IOException e) {
            // no archive: the next child records one
        }
        ARCHIVES.remove(classpath);
    }

    private static String jarredClasspath(String classpath) {
        return Stream.of(classpath.split(File.pathSeparator))
                .map(entry -> Files.isDirectory(Path.of(entry)) ? jarOf(Path.of(entry)).toString() : entry)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static synchronized Path jarOf(Path directory) {
        Path key = directory.toAbsolutePath().normalize();
        Path jar = JARS.get(key);
        if (jar == null) {
            jar = folder().resolve("folder-" + JARS.size() + ".jar");
            writeJar(key, jar);
            JARS.put(key, jar);
        }
        return jar;
    }

    private static void writeJar(Path directory, Path jar) {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out);
                Stream<Path> files = Files.walk(directory)) {
            // folders too, as the jar tool writes them: a class loader finds a folder of a jar
            // (Flyway's migrations, say) only by its entry
            for (Path path : files.filter(path -> !path.equals(directory)).sorted().toList()) {
                String name = directory.relativize(path).toString().replace(File.separatorChar, '/');
                boolean isFolder = Files.isDirectory(path);
                entries.putNextEntry(new JarEntry(isFolder ? name + "/" : name));
                if (!isFolder) {
                    Files.copy(path, entries);
                }
                entries.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One folder per test JVM, removed when it exits (an archive is ~200 MB). */
    private static synchronized Path folder() {
        if (folder == null) {
            folder = TempFolders.create("veneer-child-jvms");
            Path created = folder;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TempFolders.deleteRecursively(created)));
        }
        return folder;
    }
}
