package dev.veneer.examples;

import static java.util.Objects.requireNonNull;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Generates the eight TPC-H tables with {@code io.trino.tpch} and writes them as Delta tables in
 * schema {@value #SCHEMA} of the session catalog: the raw data the example project reads.
 *
 * <p>Column names are the TPC-H ones, lower-case with their prefixes ({@code o_orderkey},
 * {@code l_extendedprice}). Types: {@code bigint} for keys, {@code int} for other integers,
 * {@code decimal(12,2)} for money, quantities and rates, {@code date} for dates, {@code string}
 * otherwise; {@code examples/tpch/external_models.yaml} declares the same.
 *
 * <p>Rows are generated inside Spark tasks, one generator part per task, so the driver never holds
 * a table in memory and larger scale factors use every core. The tables are written concurrently.
 * Loading again replaces every row in one commit per table (a table whose schema differs is
 * replaced as a whole), so re-running is safe.
 */
public final class TpchLoader {
    public static final String SCHEMA = "tpch";
    public static final double DEFAULT_SCALE_FACTOR = 0.01;

    /** About this many rows per generator part (a Spark task). */
    private static final long ROWS_PER_PART = 500_000;
    private static final int WRITER_THREADS = 4;
    private static final DataType MONEY = DataTypes.createDecimalType(12, 2);

    private TpchLoader() {}

    /** The raw table names, schema-qualified, in TPC-H's order. */
    public static List<String> tables() {
        return TpchTable.getTables().stream()
                .map(table -> SCHEMA + "." + table.getTableName())
                .toList();
    }

    /** Loads every table at {@link #DEFAULT_SCALE_FACTOR}. */
    public static void load(SparkSession spark) {
        load(spark, DEFAULT_SCALE_FACTOR);
    }

    /**
     * Generates every TPC-H table at {@code scaleFactor} (1.0 is the standard ~1 GB data set) and
     * writes it to {@code spark_catalog.tpch.<table>} as Delta, replacing what was there.
     */
    public static void load(SparkSession spark, double scaleFactor) {
        requireNonNull(spark, "spark is null");
        if (!(scaleFactor > 0) || Double.isInfinite(scaleFactor)) {
            throw new IllegalArgumentException("scale factor must be a positive number, e.g. 0.01, got " + scaleFactor);
        }
        spark.sql("CREATE SCHEMA IF NOT EXISTS spark_catalog." + SCHEMA);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // Each Delta write is mostly fixed cost (planning, commit, metastore): overlap them.
        ExecutorService writers = Executors.newFixedThreadPool(WRITER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "tpch-loader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (TpchTable<?> table : TpchTable.getTables()) {
                writes.add(writers.submit(() -> load(spark, context, table, scaleFactor)));
            }
            for (Future<?> write : writes) {
                await(write);
            }
        }
        finally {
            writers.shutdownNow();
        }
    }

    private static void await(Future<?> write) {
        try {
            write.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading TPC-H tables", e);
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static <E extends TpchEntity> void load(
            SparkSession spark, JavaSparkContext context, TpchTable<E> table, double scaleFactor) {
        String name = table.getTableName();
        int parts = parts(name, scaleFactor);
        List<Integer> partNumbers = IntStream.rangeClosed(1, parts).boxed().toList();
        JavaRDD<Row> rows = context.parallelize(partNumbers, parts)
                .flatMap(part -> rows(name, scaleFactor, part, parts));
        String qualified = "spark_catalog." + SCHEMA + "." + name;
        DataFrameWriterV2<Row> writer = spark.createDataFrame(rows, schema(table)).writeTo(qualified);
        try {
            if (spark.catalog().tableExists(qualified)) {
                try {
                    // a data-only commit that replaces every row; the catalog entry stays as it is
                    writer.overwrite(functions.lit(true));
                    return;
                }
                catch (AnalysisException e) {
                    // dropped meanwhile, or its columns differ: replace the whole table below
                }
            }
            writer.using("delta").createOrReplace();
        }
        catch (RuntimeException e) {
            throw new IllegalStateException("Cannot write TPC-H table " + qualified + ": " + e.getMessage(), e);
        }
    }

    /** Nation and region are fixed tiny tables, generated as one part; the others by size. */
    private static int parts(String table, double scaleFactor) {
        long estimatedRows = switch (table) {
            case "nation", "region" -> 0;
            case "lineitem" -> (long) (6_000_000 * scaleFactor);
            case "orders" -> (long) (1_500_000 * scaleFactor);
            case "partsupp" -> (long) (800_000 * scaleFactor);
            default -> (long) (200_000 * scaleFactor);
        };
        return (int) Math.max(1, Math.min(10_000, (estimatedRows + ROWS_PER_PART - 1) / ROWS_PER_PART));
    }

    static <E extends TpchEntity> StructType schema(TpchTable<E> table) {
        List<StructField> fields = new ArrayList<>();
        for (TpchColumn<E> column : table.getColumns()) {
            fields.add(DataTypes.createStructField(column.getColumnName().toLowerCase(Locale.ROOT), sparkType(column.getType()), false));
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType sparkType(TpchColumnType type) {
        return switch (type.getBase()) {
            case IDENTIFIER -> DataTypes.LongType;
            case INTEGER -> DataTypes.IntegerType;
            case DOUBLE -> MONEY;
            case DATE -> DataTypes.DateType;
            case VARCHAR -> DataTypes.StringType;
        };
    }

    private static <E extends TpchEntity> Object value(TpchColumn<E> column, E entity) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> column.getIdentifier(entity);
            case INTEGER -> column.getInteger(entity);
            case DOUBLE -> BigDecimal.valueOf(column.getDouble(entity)).setScale(2, RoundingMode.HALF_UP);
            case DATE -> LocalDate.ofEpochDay(column.getDate(entity));
            case VARCHAR -> column.getString(entity);
        };
    }

    /** Runs inside a Spark task: generates one part of one table lazily. */
    private static Iterator<Row> rows(String tableName, double scaleFactor, int part, int partCount) {
        return rows(TpchTable.getTable(tableName), scaleFactor, part, partCount);
    }

    private static <E extends TpchEntity> Iterator<Row> rows(TpchTable<E> table, double scaleFactor, int part, int partCount) {
        List<TpchColumn<E>> columns = table.getColumns();
        Iterator<E> entities = table.createGenerator(scaleFactor, part, partCount).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entities.hasNext();
            }

            @Override
            public Row next() {
                E entity = entities.next();
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(columns.get(i), entity);
                }
                return RowFactory.create(values);
            }
        };
    }
}
