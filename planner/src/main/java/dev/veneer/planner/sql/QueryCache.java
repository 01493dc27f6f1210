package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import dev.veneer.catalog.ModelName;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed queries kept between runs in one file, {@code <project>/.veneer/cache/queries.bin}, keyed
 * by a hash of each model file's content ({@link #key}): a plan after editing one file parses that
 * file only. With each parse, the hashes the fingerprinting made of the file's model
 * ({@link #hashes}, {@link #keepHashes}): a warm plan neither parses nor hashes an unchanged file.
 *
 * <p>Only what parsing yields is kept (table references, the outermost select list, macro
 * positions; not the canonical text, which only hashing reads), never what a header means: headers
 * are read and validated from the file on every run. The file is trusted only whole: every record's
 * checksum, its format and the code version ({@link #codeVersion()}: Spark's grammar and every
 * class of the planner, which turns files into parses and hashes) must all match, or it is ignored
 * and rewritten. A cached entry is used only when the query it was parsed from starts at the same
 * place and has the same length. A run appends the records of what it parsed or hashed anew, and
 * writes the file again only when it holds more stale records than live ones. Thread-safe: files
 * are parsed in parallel.
 */
public final class QueryCache {
    public static final String FILE_NAME = "queries.bin";
    // Not a static field: starting the logging framework is a tenth of a second of every plan, and
    // a plan whose cache is fine logs nothing.
    private static Logger log() {
        return LoggerFactory.getLogger(QueryCache.class);
    }
    private static final QueryCache DISABLED = new QueryCache(null, CompletableFuture.completedFuture(Loaded.EMPTY));
    /** One save at a time in this JVM (a file lock is per process). */
    private static final Object SAVING = new Object();
    /** A file is written again when it holds more stale records than this and than live ones. */
    private static final int STALE_RECORDS_KEPT = 256;

    private final Path file;
    /** The file's content, read on a thread of its own while the project's files are read. */
    private final CompletableFuture<Loaded> loading;
    private final Map<String, CachedQuery> used = new ConcurrentHashMap<>();
    private final Map<String, String> keysByPath = new ConcurrentHashMap<>();
    /** Keys whose entry is new or changed since the file was read: their records are appended. */
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger parsed = new AtomicInteger();
    private final AtomicInteger hashed = new AtomicInteger();

    private QueryCache(Path file, CompletableFuture<Loaded> loading) {
        this.file = file;
        this.loading = loading;
    }

    /** What the file held, or why it cannot be used. */
    private record Loaded(Map<String, CachedQuery> entries, int records, String problem) {
        static final Loaded EMPTY = new Loaded(Map.of(), 0, null);
    }

    private Loaded loaded() {
        return loading.join();
    }

    /** The folder this cache lives in, where other project caches may live beside it; empty when disabled. */
    public java.util.Optional<Path> folder() {
        return java.util.Optional.ofNullable(file).map(Path::getParent);
    }

    /** Parses every query; keeps nothing. */
    public static QueryCache disabled() {
        return DISABLED;
    }

    /**
     * The cache in {@code directory} (made on {@link #save()} if missing). A file that cannot be
     * read or used is reported in {@link #problem()} and otherwise ignored: never an error.
     */
    public static QueryCache open(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new QueryCache(file, CompletableFuture.completedFuture(Loaded.EMPTY));
        }
        // Read and decoded beside the loader's walk and reads of the model files (a large project's
        // cache is megabytes): the first lookup waits for it.
        CompletableFuture<Loaded> loading = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                loading.complete(read(file));
            }
            catch (Throwable e) {
                loading.complete(unusable(file, "cannot be read: " + e));
            }
        }, "veneer-query-cache");
        reader.setDaemon(true);
        reader.start();
        return new QueryCache(file, loading);
    }

    private static Loaded read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        }
        catch (NoSuchFileException e) {
            return Loaded.EMPTY;
        }
        catch (IOException e) {
            return unusable(file, "cannot be read: " + e);
        }
        try {
            QueryCacheFile.Content content = QueryCacheFile.decode(bytes, codeVersion());
            return new Loaded(content.entries(), content.records(), null);
        }
        catch (QueryCacheFile.Unusable e) {
            return unusable(file, e.getMessage());
        }
    }

    private static Loaded unusable(Path file, String reason) {
        log().info("Ignoring the query cache {}: {}; every model is parsed again and the cache rewritten", file, reason);
        return new Loaded(Map.of(), 0, reason);
    }

    /**
     * The key of a model file: its length and the 128-bit MurmurHash3 of its bytes; {@code null}
     * when the cache is disabled (nothing to look up). Every file is hashed on every plan, so the
     * hash must be fast: SHA-256 of a 10,000-model project's 19 MB took ~0.35 s of CPU in the
     * short-lived planner JVM, this a small fraction of it. Two different contents get the same
     * key only by a 128-bit accident (no one gains anything by crafting one: the files are the
     * project itself), and a hit is used only if the query starts at the same place with the
     * same length ({@link CachedQuery#fits}).
     */
    public String key(byte[] fileContent) {
        if (file == null) {
            return null;
        }
        long[] hash = MurmurHash3.hash128x64(fileContent);
        return Integer.toHexString(fileContent.length) + ":" + HexFormat.of().toHexDigits(hash[0]) + HexFormat.of().toHexDigits(hash[1]);
    }

    /**
     * {@link SqlParser#parseQuery} of the query of the file with this {@link #key}, from the cache
     * when it holds that file's parse. A query that fails to parse is not kept: its error is
     * reported again on the next run.
     *
     * @param path the file, relative to the project: {@link #hashes} and {@link #keepHashes} find its entry by it
     */
    public ParsedQuery parseQuery(SqlParser parser, String key, String sql, String path, int firstLine, int firstColumn) {
        requireNonNull(parser, "parser is null");
        if (file == null || key == null) {
            return parser.parseQuery(sql, path, firstLine, firstColumn);
        }
        CachedQuery cached = loaded().entries().get(key);
        if (cached != null && cached.fits(sql, firstLine, firstColumn)) {
            hits.incrementAndGet();
            used.putIfAbsent(key, cached);
            keysByPath.put(path, key);
            return cached.toQuery(sql, path);
        }
        ParsedQuery query = parser.parseQuery(sql, path, firstLine, firstColumn);
        parsed.incrementAndGet();
        used.put(key, CachedQuery.of(query));
        changed.add(key);
        keysByPath.put(path, key);
        return query;
    }

    /**
     * The hashes kept with the parse of the file at {@code path}, if this run took or made its
     * parse through this cache and they were computed for it (this run or an earlier one). The
     * caller checks their {@link CachedHashes#context()}.
     */
    public Optional<CachedHashes> hashes(String path) {
        String key = keysByPath.get(path);
        if (key == null) {
            return Optional.empty();
        }
        CachedQuery entry = used.get(key);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.hashes());
    }

    /**
     * Keeps the hashes computed for the model of the file at {@code path} with its parse; nothing
     * happens when its parse did not go through this cache (a seed's query, a disabled cache).
     */
    public void keepHashes(String path, CachedHashes hashes) {
        requireNonNull(hashes, "hashes is null");
        String key = keysByPath.get(path);
        if (key == null) {
            return;
        }
        if (used.computeIfPresent(key, (k, entry) -> entry.withHashes(hashes)) != null) {
            hashed.incrementAndGet();
            changed.add(key);
        }
    }

    /**
     * Writes what this run parsed or hashed anew: appended to the file when the file is this
     * format and parser version and not mostly stale, otherwise the entries this run used (and only
     * those: files removed or edited since drop out) written as a new file, moved into place so a
     * concurrent reader sees the old file or the new one. A failure to write is logged, never
     * thrown: the cache only saves time.
     */
    public void save() {
        if (file == null) {
            return;
        }
        Loaded loaded = loaded();
        if (loaded.records() == 0 && used.isEmpty() && loaded.problem() == null) {
            return;
        }
        int live = (int) used.keySet().stream().filter(loaded.entries()::containsKey).count();
        boolean rewrite = loaded.problem() != null || loaded.records() == 0
                || loaded.records() - live > Math.max(STALE_RECORDS_KEPT, live);
        if (!rewrite && changed.isEmpty()) {
            return;
        }
        synchronized (SAVING) {
            try {
                if (rewrite || !append()) {
                    rewrite();
                }
            }
            catch (IOException | java.io.UncheckedIOException | java.nio.channels.OverlappingFileLockException e) {
                log().warn("Cannot write the query cache {}: {}; plans still work, they parse every model", file, e.toString());
            }
        }
    }

    /** Appends the changed entries' records; {@code false} when the file is gone or not this version's. */
    private boolean append() throws IOException {
        Map<String, CachedQuery> entries = new TreeMap<>();
        changed.forEach(key -> entries.put(key, used.get(key)));
        byte[] header = QueryCacheFile.header(codeVersion());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            // Another run may have written the file again since it was read, even by another Veneer:
            // append only to a file whose records mean what these mean.
            ByteBuffer start = ByteBuffer.allocate(header.length);
            while (start.hasRemaining() && channel.read(start, start.position()) > 0) {
                // read the header whole
            }
            if (start.hasRemaining() || !java.util.Arrays.equals(start.array(), header)) {
                return false;
            }
            ByteBuffer records = ByteBuffer.wrap(QueryCacheFile.records(entries));
            long position = channel.size();
            while (records.hasRemaining()) {
                position += channel.write(records, position);
            }
            return true;
        }
        catch (NoSuchFileException e) {
            return false;
        }
    }

    private void rewrite() throws IOException {
        Path directory = file.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
            try (java.io.OutputStream out = Files.newOutputStream(temporary)) {
                QueryCacheFile.write(out, codeVersion(), new TreeMap<>(used));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        }
        finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                }
                catch (IOException ignored) {
                    // best effort: a stray temporary file is harmless
                }
            }
        }
    }

    /** Queries taken from the cache so far. */
    public int hits() {
        return hits.get();
    }

    /** Queries parsed so far because the cache did not hold them. */
    public int parsed() {
        return parsed.get();
    }

    /** Models whose hashes were computed and kept so far because the cache did not hold them for their context. */
    public int hashed() {
        return hashed.get();
    }

    /** Why the cache file on disk was ignored, if it was. */
    public Optional<String> problem() {
        return Optional.ofNullable(loaded().problem());
    }

    /**
     * Identifies what produced a cached entry: a SHA-256 over Spark's grammar (the generated lexer
     * and parser classes) and every class of the planner module (they turn a file into its parse and its
     * hashes: a changed header rule or hash input is a new version as much as a changed grammar),
     * with catalog's {@link ModelName}, whose spelling the hashes read. Any upgrade invalidates the
     * cache, with no version number to forget.
     */
    /**
     * The version of the code that makes what a cache holds (Spark's grammar and every planner
     * class): other caches beside this one are keyed by it too.
     */
    public static String codeVersion() {
        return ParserVersion.VALUE;
    }

    private static final class ParserVersion {
        static final String VALUE = compute();

        private static String compute() {
            MessageDigest digest = sha256();
            digest.update(("cache format " + QueryCacheFile.FORMAT).getBytes(StandardCharsets.UTF_8));
            try {
                // The grammar's classes as the jar lists them: reading SqlBaseParser's serialized ATN
                // would initialize the parser, which a warm plan never otherwise needs.
                ClassFiles.digest(SqlBaseParser.class, "org/apache/spark/sql/catalyst/parser/SqlBase", digest);
                ClassFiles.digest(QueryCache.class, "dev/veneer/planner/", digest);
                ClassFiles.digest(ModelName.class, "dev/veneer/catalog/ModelName", digest);
            }
            catch (IOException | RuntimeException e) {
                // Classes without a readable file (an unusual class loader): no version, no cache hits.
                log().debug("No code version for the query cache: {}", e.toString());
                return "unversioned-" + System.nanoTime();
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
