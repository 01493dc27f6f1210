package dev.veneer.planner.sql;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The character stream Spark's lexer expects: look-ahead upper-cased (the grammar's keywords are
 * upper-case), text as written. It does what Spark's {@code UpperCaseCharStream} over a
 * {@code CodePointCharStream} of UTF-16 units does, without two virtual calls and a case-mapping
 * table lookup per look-ahead: lexing is most of a cold parse, and the lexer looks at every
 * character several times.
 */
final class UpperCaseChars implements CharStream {
    // The text itself, not a copy of its chars: a model's header is read by lexing only the file's
    // first lines, and every token's text is a substring (a byte copy for Latin-1 text).
    private final String text;
    private final int length;
    private int position;

    UpperCaseChars(String text) {
        this.text = text;
        this.length = text.length();
    }

    @Override
    public int LA(int i) {
        int offset;
        if (i > 0) {
            offset = position + i - 1;
            if (offset >= length) {
                return IntStream.EOF;
            }
        }
        else if (i < 0) {
            offset = position + i;
            if (offset < 0) {
                return IntStream.EOF;
            }
        }
        else {
            return 0;
        }
        char c = text.charAt(offset);
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
        }
        return Character.toUpperCase((int) c);
    }

    @Override
    public void consume() {
        if (position >= length) {
            throw new IllegalStateException("cannot consume EOF");
        }
        position++;
    }

    @Override
    public int index() {
        return position;
    }

    @Override
    public int size() {
        return length;
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {}

    @Override
    public void seek(int index) {
        position = index;
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.min(interval.a, length);
        int end = Math.min(interval.b + 1, length);
        return end <= start ? "" : text.substring(start, end);
    }

    @Override
    public String getSourceName() {
        return "<sql>";
    }

    @Override
    public String toString() {
        return text;
    }
}
