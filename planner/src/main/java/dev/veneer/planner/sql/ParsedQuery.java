package dev.veneer.planner.sql;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * A query (or, from {@link SqlParser#parseStatement}, any statement) parsed with Spark's grammar:
 * its text, the tables it reads and its canonical form. Immutable and small: the parse tree is not
 * kept, only what planning needs from it.
 */
public final class ParsedQuery {
    private final String text;
    private final SourcePositions positions;
    private final List<TableReference> references;
    // Null until asked for when the parse came from the cache: a warm plan takes the model's hashes
    // from the cache too and never needs it; made by lexing the text again (no parse) on first use.
    private volatile String canonicalText;
    private final OutermostSelect outermostSelect;
    private final List<MacroSpan> macros;
    // Only categorization needs the tokens one by one, for a few models per plan: made on first use.
    private volatile List<String> canonicalTokens;

    /** @param canonicalText {@code null}: made from the text on first use */
    ParsedQuery(String text, SourcePositions positions, List<TableReference> references, String canonicalText,
            OutermostSelect outermostSelect, List<MacroSpan> macros) {
        this.text = requireNonNull(text, "text is null");
        this.positions = requireNonNull(positions, "positions is null");
        this.references = List.copyOf(references);
        this.canonicalText = canonicalText;
        this.outermostSelect = outermostSelect;
        this.macros = List.copyOf(macros);
    }

    /** The macro variables ({@code @start_ds}, ...) in {@link #text()}, in order; offsets into the text. */
    public List<MacroSpan> macros() {
        return macros;
    }

    /** The text with its macro variables, for rendering per batch. */
    public SqlTemplate template() {
        return new SqlTemplate(text, macros);
    }

    /** The query text exactly as written. */
    public String text() {
        return text;
    }

    /**
     * Table references that are not CTE names in scope, in order of appearance. Their offsets are
     * into {@link #text()}; their line and column are positions in the file the query came from.
     */
    public List<TableReference> references() {
        return references;
    }

    /**
     * The default-channel tokens (no whitespace, no comments, no trailing semicolons) joined by
     * single spaces; keywords and unquoted identifiers lower-cased; literals and back-quoted
     * identifiers as written. Reformatting leaves it unchanged; changing a literal does not.
     */
    public String canonicalText() {
        String canonical = canonicalText;
        if (canonical == null) {
            canonical = String.join(" ", canonicalTokens());
            canonicalText = canonical;
        }
        return canonical;
    }

    /** The file the query came from, as given to the parser. */
    public String path() {
        return positions.path();
    }

    /** Where the query starts in its file. */
    public SourceLocation location() {
        return new SourceLocation(positions.path(), positions.firstLine(), positions.firstColumn());
    }

    /** The canonical tokens one by one: {@link #canonicalText()} is them joined by single spaces. */
    List<String> canonicalTokens() {
        List<String> tokens = canonicalTokens;
        if (tokens == null) {
            tokens = SqlParser.canonicalTokens(text, macros);
            canonicalTokens = tokens;
        }
        return tokens;
    }

    int firstLine() {
        return positions.firstLine();
    }

    int firstColumn() {
        return positions.firstColumn();
    }

    /** {@code null} when the outermost query is not a plain SELECT. */
    OutermostSelect outermostSelect() {
        return outermostSelect;
    }

    // Everything else is derived from the text and where it starts, deterministically.
    @Override
    public boolean equals(Object other) {
        return other instanceof ParsedQuery that && text.equals(that.text) && positions.equals(that.positions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, positions);
    }

    @Override
    public String toString() {
        return "ParsedQuery[" + location() + ": " + canonicalText() + "]";
    }
}
