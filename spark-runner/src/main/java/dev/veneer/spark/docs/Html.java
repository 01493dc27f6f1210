package dev.veneer.spark.docs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Writes HTML with every piece of text and every attribute value escaped: the only way content
 * reaches a page. Tag and attribute names are the code's own constants (checked), never data, and
 * elements are closed in order (checked), so a model's description or SQL can never become markup.
 */
final class Html {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final StringBuilder out;
    private final Deque<String> open = new ArrayDeque<>();

    Html() {
        this(new StringBuilder(4096));
    }

    Html(StringBuilder out) {
        this.out = out;
    }

    /** Opens {@code tag} with attributes given as name, value pairs; a null value leaves the attribute out. */
    Html open(String tag, String... attributes) {
        startTag(tag, attributes);
        open.push(tag);
        return this;
    }

    /** An element without content or end tag ({@code meta}, {@code link}, {@code input}, {@code br}). */
    Html empty(String tag, String... attributes) {
        startTag(tag, attributes);
        return this;
    }

    Html close(String tag) {
        String expected = open.poll();
        if (!tag.equals(expected)) {
            throw new IllegalStateException("closing <" + tag + "> while <" + expected + "> is open");
        }
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag attributes>text</tag>}. */
    Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** A link: {@code <a href>text</a>}. */
    Html link(String href, String text, String... attributes) {
        String[] all = new String[attributes.length + 2];
        all[0] = "href";
        all[1] = href;
        System.arraycopy(attributes, 0, all, 2, attributes.length);
        return element("a", text, all);
    }

    Html text(String text) {
        escape(text == null ? "" : text, out, false);
        return this;
    }

    /** The document type declaration, first thing of a page. */
    Html doctype() {
        out.append("<!DOCTYPE html>\n");
        return this;
    }

    Html newline() {
        out.append('\n');
        return this;
    }

    /** Data for the page's script, in {@code <script type="application/json">}: no '<' can end the element. */
    Html json(String id, String json) {
        open("script", "type", "application/json", "id", id);
        out.append(json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
        return close("script");
    }

    String finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }

    private void startTag(String tag, String... attributes) {
        checkName(tag);
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            String name = attributes[i];
            String value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            checkName(name);
            out.append(' ').append(name).append("=\"");
            escape(value, out, true);
            out.append('"');
        }
        out.append('>');
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a tag or attribute name: " + name);
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, out, true);
        return out.toString();
    }

    private static void escape(String text, StringBuilder out, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&#39;" : "'");
                default -> out.append(c);
            }
        }
    }
}
