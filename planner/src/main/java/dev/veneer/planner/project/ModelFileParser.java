package dev.veneer.planner.project;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.QueryCache;
import dev.veneer.planner.sql.SqlParser;
import java.util.List;

/**
 * Parses one model file: a {@code MODEL (...)} header, then one query.
 *
 * <pre>
 * MODEL (
 *   name staging.orders,   -- comments are fine here
 *   kind FULL,
 *   grain [order_id]
 * );
 * SELECT ...
 * </pre>
 *
 * Thread-safe: files may be parsed in parallel with one instance. Each file gets one exception
 * (the first problem found, with its path, line and column); callers collect them per file to
 * report every bad file at once.
 */
public final class ModelFileParser {
    private final SqlParser sqlParser;
    private final SeedFiles seeds;

    public ModelFileParser() {
        this(new SqlParser());
    }

    public ModelFileParser(SqlParser sqlParser) {
        this(sqlParser, SeedFiles.NONE);
    }

    /** @param seeds where SEED models' CSV files are read from */
    public ModelFileParser(SqlParser sqlParser, SeedFiles seeds) {
        this.sqlParser = requireNonNull(sqlParser, "sqlParser is null");
        this.seeds = requireNonNull(seeds, "seeds is null");
    }

    /**
     * @param path the file relative to the project folder, for messages and {@link ModelDefinition#path()}
     * @throws VeneerException {@code MODEL_INVALID} for header problems, {@code SQL_SYNTAX} for the query
     */
    public ModelDefinition parse(String path, String content) {
        return parse(path, content, QueryCache.disabled(), null);
    }

    /**
     * {@link #parse(String, String)}, taking the query's parse from {@code cache} when it holds the
     * parse of a file with this {@code key} ({@link QueryCache#key}). The header is always read and
     * validated from {@code content}.
     */
    public ModelDefinition parse(String path, String content, QueryCache cache, String key) {
        requireNonNull(path, "path is null");
        requireNonNull(content, "content is null");
        requireNonNull(cache, "cache is null");
        ModelHeaderReader.Result read = ModelHeaderReader.read(path, content);
        return ModelHeaderValidator.build(read.header(), path, new ModelHeaderValidator.QuerySource() {
            @Override
            public boolean hasBody() {
                return !content.substring(read.bodyOffset()).isBlank();
            }

            @Override
            public ParsedQuery body() {
                return cache.parseQuery(sqlParser, key, content.substring(read.bodyOffset()), path, read.bodyLine(), read.bodyColumn());
            }

            @Override
            public ParsedQuery seed(String seedPath, List<ColumnDefinition> columns, SourceLocation pathLocation) {
                // not cached: the key is the model file's, and the CSV may change on its own
                String sql = SeedQuery.render(seedPath, seeds.read(seedPath, pathLocation), columns, pathLocation);
                return sqlParser.parseQuery(sql, seedPath, 1, 1);
            }
        });
    }
}
