package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed queries kept between runs in one file, {@code <project>/.veneer/cache/queries.bin}, keyed
 * by a hash of each model file's content ({@link #key}): a plan after editing one file parses that file only.
 *
 * <p>Only what parsing yields is kept (canonical text, table references, the outermost select
 * list), never what a header means: headers are read and validated from the file on every run.
 * The file is trusted only whole: its checksum, its format and the parser version (Spark's
 * grammar and Veneer's own extraction code, see {@link #parserVersion()}) must all match, or it
 * is ignored and rewritten. A cached entry is used only when the query it was parsed from starts
 * at the same place and has the same length. Thread-safe: files are parsed in parallel.
 */
public final class QueryCache {
    public static final String FILE_NAME = "queries.bin";
    private static final Logger log = LoggerFactory.getLogger(QueryCache.class);
    private static final QueryCache DISABLED = new QueryCache(null, Map.of(), null);
    // The code that turns a parse tree into what the cache keeps: a change in any of it is a new parser version.
    private static final Class<?>[] EXTRACTION = {
        SqlParser.class, ReferenceCollector.class, OutermostSelect.class, SparkLexers.class, UpperCaseChars.class,
        DefaultChannelTokens.class, TableReference.class, CachedQuery.class, QueryCacheFile.class,
    };

    private final Path file;
    private final Map<String, CachedQuery> loaded;
    private final String problem;
    private final Map<String, CachedQuery> used = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger parsed = new AtomicInteger();

    private QueryCache(Path file, Map<String, CachedQuery> loaded, String problem) {
        this.file = file;
        this.loaded = loaded;
        this.problem = problem;
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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        }
        catch (NoSuchFileException e) {
            return new QueryCache(file, Map.of(), null);
        }
        catch (IOException e) {
            return unusable(file, "cannot be read: " + e);
        }
        try {
            return new QueryCache(file, QueryCacheFile.decode(bytes, parserVersion()), null);
        }
        catch (QueryCacheFile.Unusable e) {
            return unusable(file, e.getMessage());
        }
    }

    private static QueryCache unusable(Path file, String reason) {
        log.info("Ignoring the query cache {}: {}; every model is parsed again and the cache rewritten", file, reason);
        return new QueryCache(file, Map.of(), reason);
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
     */
    public ParsedQuery parseQuery(SqlParser parser, String key, String sql, String path, int firstLine, int firstColumn) {
        requireNonNull(parser, "parser is null");
        if (file == null || key == null) {
            return parser.parseQuery(sql, path, firstLine, firstColumn);
        }
        CachedQuery cached = loaded.get(key);
        if (cached != null && cached.fits(sql, firstLine, firstColumn)) {
            hits.incrementAndGet();
            used.put(key, cached);
            return cached.toQuery(sql, path);
        }
        ParsedQuery query = parser.parseQuery(sql, path, firstLine, firstColumn);
        parsed.incrementAndGet();
        used.put(key, CachedQuery.of(query));
        return query;
    }

    /**
     * Writes the entries this run used (and only those: files removed or edited since drop out), if
     * anything changed. Written to a temporary file, then moved into place, so a concurrent reader sees
     * the old file or the new one. A failure to write is logged, never thrown: the cache only saves time.
     */
    public void save() {
        if (file == null || (parsed.get() == 0 && problem == null && used.size() == loaded.size())) {
            return;
        }
        Path directory = file.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
            try (java.io.OutputStream out = Files.newOutputStream(temporary)) {
                QueryCacheFile.write(out, parserVersion(), new TreeMap<>(used));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        }
        catch (IOException | java.io.UncheckedIOException e) {
            log.warn("Cannot write the query cache {}: {}; plans still work, they parse every model", file, e.toString());
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

    /** Why the cache file on disk was ignored, if it was. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * Identifies what produced a cached entry: a SHA-256 over Spark's serialized grammar (lexer and
     * parser) and the bytes of Veneer's classes that extract references, canonical text and the
     * select list. Any upgrade of either invalidates the cache, with no version number to forget.
     */
    static String parserVersion() {
        return ParserVersion.VALUE;
    }

    private static final class ParserVersion {
        static final String VALUE = compute();

        private static String compute() {
            MessageDigest digest = sha256();
            digest.update(("cache format " + QueryCacheFile.FORMAT).getBytes(StandardCharsets.UTF_8));
            digest.update(SqlBaseLexer._serializedATN.getBytes(StandardCharsets.UTF_8));
            digest.update(SqlBaseParser._serializedATN.getBytes(StandardCharsets.UTF_8));
            for (Class<?> type : EXTRACTION) {
                String resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
                try (InputStream in = type.getResourceAsStream(resource)) {
                    if (in == null) {
                        // Classes without a readable file (an unusual class loader): no version, no cache hits.
                        return "unversioned-" + System.nanoTime();
                    }
                    digest.update(in.readAllBytes());
                }
                catch (IOException e) {
                    return "unversioned-" + System.nanoTime();
                }
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
