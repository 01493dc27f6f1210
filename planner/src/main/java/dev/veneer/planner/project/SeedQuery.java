package dev.veneer.planner.project;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.plan.SqlNames;
import dev.veneer.planner.sql.SqlLiterals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a seed's CSV into the query that loads it: {@code SELECT CAST(c AS type) AS c, … FROM VALUES
 * (…), …}. The query carries the file's content, so an edited CSV is a new data hash, and the plan
 * file stays self-contained. The first line names the columns; types come from the header's
 * {@code columns} or, for columns it does not declare, from the values (bigint, double, boolean,
 * date, else string). An empty field is NULL.
 */
final class SeedQuery {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");
    private static final Pattern BOOLEAN = Pattern.compile("(?i)true|false");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private SeedQuery() {}

    static String render(String path, String csv, List<ColumnDefinition> declared, SourceLocation where) {
        List<List<String>> rows = read(path, csv, where);
        if (rows.isEmpty() || rows.get(0).stream().allMatch(String::isBlank)) {
            throw new VeneerException(ErrorCode.MODEL_INVALID, where, "seed file " + path
                    + " is empty; its first line must name the columns, e.g. id,name", null);
        }
        List<String> header = rows.get(0).stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        List<List<String>> data = rows.subList(1, rows.size());
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).size() != header.size()) {
                throw new VeneerException(ErrorCode.MODEL_INVALID, new SourceLocation(path, i + 2, 1), "row " + (i + 1) + " of seed "
                        + path + " has " + data.get(i).size() + " values, but the header names " + header.size()
                        + " columns; make every line hold " + header.size() + " comma-separated values", null);
            }
        }
        Map<String, String> types = types(path, header, data, declared, where);
        String select = header.stream()
                .map(column -> "  CAST(" + SqlNames.quote(column) + " AS " + types.get(column) + ") AS " + SqlNames.quote(column))
                .collect(Collectors.joining(",\n"));
        String names = header.stream().map(SqlNames::quote).collect(Collectors.joining(", "));
        if (data.isEmpty()) {
            String nulls = header.stream().map(column -> "CAST(NULL AS STRING)").collect(Collectors.joining(", "));
            return "SELECT\n" + select + "\nFROM VALUES (" + nulls + ") AS seed(" + names + ")\nWHERE false\n";
        }
        String values = data.stream()
                .map(row -> row.stream().map(SeedQuery::literal).collect(Collectors.joining(", ", "  (", ")")))
                .collect(Collectors.joining(",\n"));
        return "SELECT\n" + select + "\nFROM VALUES\n" + values + "\nAS seed(" + names + ")\n";
    }

    private static List<List<String>> read(String path, String csv, SourceLocation where) {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> lines = CSV.readerForListOf(String.class).with(CsvSchema.emptySchema()).readValues(csv)) {
            while (lines.hasNextValue()) {
                List<String> row = lines.nextValue();
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row);
                }
            }
        }
        catch (IOException | RuntimeException e) {
            throw new VeneerException(ErrorCode.MODEL_INVALID, where, "seed file " + path + " is not valid CSV ("
                    + e.getMessage().lines().findFirst().orElse("") + "); fix its quoting", e);
        }
        return rows;
    }

    private static Map<String, String> types(String path, List<String> header, List<List<String>> data,
            List<ColumnDefinition> declared, SourceLocation where) {
        Map<String, String> types = new LinkedHashMap<>();
        for (ColumnDefinition column : declared) {
            if (!header.contains(column.name())) {
                throw new VeneerException(ErrorCode.MODEL_INVALID, where, "column " + column.name() + " is declared in columns but seed "
                        + path + " has no such column (it has " + String.join(", ", header) + "); fix the header or the CSV's first line", null);
            }
        }
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (types.containsKey(name)) {
                throw new VeneerException(ErrorCode.MODEL_INVALID, new SourceLocation(path, 1, 1), "seed " + path
                        + " names column " + name + " twice; give each column its own name", null);
            }
            int index = i;
            String type = declared.stream().filter(column -> column.name().equals(name)).map(ColumnDefinition::type).findFirst()
                    .orElseGet(() -> inferred(data.stream().map(row -> row.get(index)).filter(value -> !value.isEmpty()).toList()));
            types.put(name, type);
        }
        return types;
    }

    private static String inferred(List<String> values) {
        if (values.isEmpty()) {
            return "string";
        }
        if (values.stream().allMatch(value -> INTEGER.matcher(value.trim()).matches())) {
            return "bigint";
        }
        if (values.stream().allMatch(value -> DECIMAL.matcher(value.trim()).matches())) {
            return "double";
        }
        if (values.stream().allMatch(value -> BOOLEAN.matcher(value.trim()).matches())) {
            return "boolean";
        }
        if (values.stream().allMatch(value -> DATE.matcher(value.trim()).matches())) {
            return "date";
        }
        return "string";
    }

    private static String literal(String value) {
        return value.isEmpty() ? "NULL" : SqlLiterals.quoteString(value);
    }
}
