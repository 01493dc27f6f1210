package dev.veneer.spark.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place where SQL that Veneer generates gets its identifiers: every name is quoted with
 * backticks, embedded backticks doubled, so a name from a plan or a project can never change the
 * shape of a statement.
 */
public final class SqlIdentifiers {
    private SqlIdentifiers() {}

    /** {@code orders} → {@code `orders`}; {@code a`b} → {@code `a``b`}. */
    public static String quote(String part) {
        requireNonNull(part, "identifier is null");
        if (part.isEmpty()) {
            throw new IllegalArgumentException("empty identifier");
        }
        return "`" + part.replace("`", "``") + "`";
    }

    /** Quotes each part and joins them with dots. */
    public static String quoteParts(List<String> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty qualified name");
        }
        return parts.stream().map(SqlIdentifiers::quote).collect(Collectors.joining("."));
    }

    /** {@code lake.veneer__staging.t__x__ab} → {@code `lake`.`veneer__staging`.`t__x__ab`}. */
    public static String quoteQualified(String qualified) {
        return quoteParts(split(qualified));
    }

    /**
     * Splits a dotted name into its parts. Parts may already be quoted with backticks (then they may
     * hold dots, and doubled backticks stand for one); unquoted parts are taken as they are.
     */
    public static List<String> split(String qualified) {
        requireNonNull(qualified, "name is null");
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean partWasQuoted = false;
        for (int i = 0; i < qualified.length(); i++) {
            char c = qualified.charAt(i);
            if (quoted) {
                if (c == '`') {
                    if (i + 1 < qualified.length() && qualified.charAt(i + 1) == '`') {
                        part.append('`');
                        i++;
                    }
                    else {
                        quoted = false;
                    }
                }
                else {
                    part.append(c);
                }
            }
            else if (partWasQuoted && c != '.') {
                throw new IllegalArgumentException("expected '.' after a quoted part in name: " + qualified);
            }
            else if (c == '`' && part.isEmpty()) {
                quoted = true;
                partWasQuoted = true;
            }
            else if (c == '.') {
                parts.add(checkedPart(qualified, part, partWasQuoted));
                part.setLength(0);
                partWasQuoted = false;
            }
            else if (c == '`') {
                throw new IllegalArgumentException("misplaced backtick in name: " + qualified);
            }
            else {
                part.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated backtick in name: " + qualified);
        }
        parts.add(checkedPart(qualified, part, partWasQuoted));
        return List.copyOf(parts);
    }

    private static String checkedPart(String qualified, StringBuilder part, boolean wasQuoted) {
        String text = wasQuoted ? part.toString() : part.toString().trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty part in name: '" + qualified + "'");
        }
        return text;
    }

    /** A string literal: single quotes, with backslashes and quotes escaped as Spark's parser expects. */
    public static String literal(String value) {
        requireNonNull(value, "value is null");
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
