package dev.veneer.spark.unittest;

import dev.veneer.spark.sql.SqlIdentifiers;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A test file's values as Spark SQL literals: the rows of an input or of the expected output. */
final class TestLiterals {
    private TestLiterals() {}

    /** {@code value} as a literal, {@code CAST(... AS type)} when its column's type is known. */
    static String of(Object value, String type) {
        String literal = of(value);
        return type == null ? literal : "CAST(" + literal + " AS " + type + ")";
    }

    static String of(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String text) {
            return SqlIdentifiers.literal(text);
        }
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return "CAST(" + SqlIdentifiers.literal(Double.toString(number)) + " AS DOUBLE)";
            }
            return Double.toString(number) + "D";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString() + "BD";
        }
        if (value instanceof Number number) {
            return number.toString() + (Math.abs(number.longValue()) > Integer.MAX_VALUE ? "L" : "");
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TestLiterals::of).collect(Collectors.joining(", ", "array(", ")"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(entry -> SqlIdentifiers.literal(String.valueOf(entry.getKey())) + ", " + of(entry.getValue()))
                    .collect(Collectors.joining(", ", "named_struct(", ")"));
        }
        throw new IllegalArgumentException("unsupported test value " + value + " (" + value.getClass().getSimpleName() + ")");
    }
}
