package dev.veneer.planner.plan;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Quotes identifiers for SQL that Veneer generates; never concatenate user input unquoted. */
public final class SqlNames {
    private SqlNames() {}

    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** {@code a.b.c} → {@code `a`.`b`.`c`}; parts of Veneer's own names never contain dots. */
    public static String quoteQualified(String qualified) {
        return Arrays.stream(qualified.split("\\.")).map(SqlNames::quote).collect(Collectors.joining("."));
    }
}
