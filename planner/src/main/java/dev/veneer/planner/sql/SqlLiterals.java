package dev.veneer.planner.sql;

import java.util.Locale;

/** Reads the value of Spark string literals and quoted identifiers from their token text. */
public final class SqlLiterals {
    private SqlLiterals() {}

    /**
     * The value of a {@code STRING_LITERAL} or {@code DOUBLEQUOTED_STRING} token: quotes removed,
     * backslash escapes and doubled quotes resolved as Spark does; raw strings ({@code r'...'}) kept.
     */
    public static String unquoteString(String token) {
        char first = token.charAt(0);
        if (first == 'r' || first == 'R') {
            return token.substring(2, token.length() - 1);
        }
        char quote = first;
        StringBuilder out = new StringBuilder(token.length());
        int end = token.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = token.charAt(i);
            if (c == quote && i + 1 < end && token.charAt(i + 1) == quote) {
                out.append(quote);
                i++;
            }
            else if (c == '\\' && i + 1 < end) {
                i = appendEscape(token, i + 1, end, out);
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A Spark string literal holding exactly {@code value}: backslashes and quotes escaped. */
    public static String quoteString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The name inside a back-quoted identifier, with doubled back-quotes resolved. */
    public static String unquoteIdentifier(String token) {
        return token.substring(1, token.length() - 1).replace("``", "`");
    }

    /** A name part as Spark compares it: case-insensitive, so folded once here. */
    static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // Returns the index of the last character consumed.
    private static int appendEscape(String token, int at, int end, StringBuilder out) {
        char c = token.charAt(at);
        switch (c) {
            case '0' -> {
                if (at + 2 < end && isOctal(token.charAt(at + 1)) && isOctal(token.charAt(at + 2))) {
                    out.append((char) Integer.parseInt(token.substring(at, at + 3), 8));
                    return at + 2;
                }
                out.append('\u0000');
            }
            case 'b' -> out.append('\b');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'Z' -> out.append('\u001A');
            case '%', '_' -> out.append('\\').append(c);
            case 'u' -> {
                if (at + 4 < end + 1 && isHex(token, at + 1, at + 5)) {
                    out.append((char) Integer.parseInt(token.substring(at + 1, at + 5), 16));
                    return at + 4;
                }
                out.append(c);
            }
            default -> {
                if (isOctal(c) && at + 2 < end && isOctal(token.charAt(at + 1)) && isOctal(token.charAt(at + 2))) {
                    out.append((char) Integer.parseInt(token.substring(at, at + 3), 8));
                    return at + 2;
                }
                out.append(c);
            }
        }
        return at;
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static boolean isHex(String text, int from, int to) {
        if (to > text.length() - 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
