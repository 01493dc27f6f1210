package dev.veneer.planner.sql;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Digests the class files of a code base (a jar or a folder of classes) under a name prefix: which
 * code is running, to version what it wrote to disk. A jar's entries are digested by name, size and
 * the CRC its directory records (nothing is inflated); a folder's files by name and content.
 */
final class ClassFiles {
    private ClassFiles() {}

    /**
     * @param anchor a class of the code base
     * @param prefix of the class files' names, {@code dev/veneer/planner/} or a class's name without {@code .class}
     * @throws IOException when the code base cannot be read, or holds no class under the prefix
     */
    static void digest(Class<?> anchor, String prefix, MessageDigest digest) throws IOException {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("no code source for " + anchor.getName());
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        }
        catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("code source of " + anchor.getName() + " is not a file: " + source.getLocation(), e);
        }
        int found = Files.isDirectory(location) ? digestFolder(location, prefix, digest) : digestJar(location, prefix, digest);
        if (found == 0) {
            throw new IOException("no class file under " + prefix + " in " + location);
        }
    }

    private static int digestJar(Path jar, String prefix, MessageDigest digest) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> entries = zip.stream()
                    .filter(entry -> entry.getName().startsWith(prefix) && entry.getName().endsWith(".class"))
                    .sorted(java.util.Comparator.comparing(ZipEntry::getName))
                    .toList();
            for (ZipEntry entry : entries) {
                if (entry.getCrc() < 0 || entry.getSize() < 0) {
                    throw new IOException("no CRC recorded for " + entry.getName() + " in " + jar);
                }
                digest.update((entry.getName() + "\u0000" + entry.getSize() + "\u0000" + entry.getCrc() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return entries.size();
        }
    }

    private static int digestFolder(Path folder, String prefix, MessageDigest digest) throws IOException {
        List<String> names;
        try (Stream<Path> walk = Files.walk(folder)) {
            names = walk.filter(Files::isRegularFile)
                    .map(path -> folder.relativize(path).toString().replace('\\', '/'))
                    .filter(name -> name.startsWith(prefix) && name.endsWith(".class"))
                    .sorted()
                    .toList();
        }
        for (String name : names) {
            byte[] bytes = Files.readAllBytes(folder.resolve(name));
            digest.update((name + "\u0000" + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        }
        return names.size();
    }
}
