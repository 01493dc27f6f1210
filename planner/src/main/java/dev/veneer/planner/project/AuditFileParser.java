package dev.veneer.planner.project;

import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.audit.AuditDefinition;
import dev.veneer.planner.audit.BuiltInAudits;
import dev.veneer.planner.sql.SparkLexers;
import dev.veneer.planner.sql.SqlParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;

/**
 * Reads an {@code audits/*.sql} file: one or more audits, each an {@code AUDIT (...)} header (read
 * like a model header) and the query after it, up to the {@code ;} that precedes the next
 * {@code AUDIT}.
 *
 * <pre>
 * AUDIT (name assert_positive, blocking false);
 * SELECT * FROM @this_model WHERE @column &lt;= 0
 * </pre>
 */
final class AuditFileParser {
    static final List<String> PROPERTIES = List.of("name", "blocking", "description");

    private AuditFileParser() {}

    static List<AuditDefinition> parse(String path, String content) {
        List<Integer> starts = auditStarts(content);
        if (starts.isEmpty()) {
            throw ModelFileErrors.missingAuditHeader(new SourceLocation(path, 1, 1));
        }
        List<AuditDefinition> audits = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            ModelHeaderReader.Result read = ModelHeaderReader.readAudit(path, content, starts.get(i));
            int end = i + 1 < starts.size() ? starts.get(i + 1) : content.length();
            String query = withoutTrailingSemicolons(content.substring(Math.min(read.bodyOffset(), end), end));
            audits.add(definition(path, read, query));
        }
        return audits;
    }

    private static AuditDefinition definition(String path, ModelHeaderReader.Result read, String query) {
        Map<String, HeaderProperty> byKey = new LinkedHashMap<>();
        for (HeaderProperty property : read.header().properties()) {
            if (!PROPERTIES.contains(property.key())) {
                throw ModelFileErrors.unknownProperty(property.location(), property.key(), PROPERTIES);
            }
            HeaderProperty first = byKey.putIfAbsent(property.key(), property);
            if (first != null) {
                throw ModelFileErrors.duplicateProperty(property.location(), property.key(), first.location());
            }
        }
        HeaderProperty name = byKey.get("name");
        if (name == null) {
            throw new VeneerException(dev.veneer.catalog.ErrorCode.MODEL_INVALID, read.header().location(),
                    "the AUDIT header has no name; add 'name assert_positive_amount' to it", null);
        }
        String auditName = auditName(name.value());
        boolean blocking = Optional.ofNullable(byKey.get("blocking")).map(property -> {
            if (property.value() instanceof HeaderValue.Bool bool) {
                return bool.value();
            }
            throw ModelFileErrors.badValue("blocking", property.value(), "true or false");
        }).orElse(true);
        Optional<String> description = Optional.ofNullable(byKey.get("description")).map(property -> {
            if (property.value() instanceof HeaderValue.Text text) {
                return text.value();
            }
            throw ModelFileErrors.badValue("description", property.value(), "a string in quotes");
        });
        if (query.isBlank() || query.strip().equals(";")) {
            throw new VeneerException(dev.veneer.catalog.ErrorCode.MODEL_INVALID, read.header().location(), "audit " + auditName
                    + " has no query; write one returning the offending rows, e.g. SELECT * FROM @this_model WHERE amount < 0", null);
        }
        return new AuditDefinition(auditName, blocking, description, path, read.header().location(), query,
                new SourceLocation(path, read.bodyLine(), read.bodyColumn()), SqlParser.variables(query));
    }

    private static String auditName(HeaderValue value) {
        if (value instanceof HeaderValue.Name name && name.parts().size() == 1 && !name.parts().get(0).quoted()) {
            String text = name.folded().get(0);
            if (BuiltInAudits.isBuiltIn(text)) {
                throw ModelFileErrors.badValue("name", value, "a name of your own: " + text + " is a built-in audit");
            }
            return text;
        }
        throw ModelFileErrors.badValue("name", value, "an audit name: one word such as assert_positive_amount");
    }

    /** The query up to its last token that is not a ';': it runs inside other SQL ({@code SELECT count(*) FROM (query)}). */
    private static String withoutTrailingSemicolons(String query) {
        int end = query.length();
        for (Token token : SparkLexers.lexer(query).getAllTokens()) {
            if (SparkLexers.isHidden(token)) {
                continue;
            }
            end = token.getType() == SqlBaseLexer.SEMICOLON ? Math.min(end, token.getStartIndex()) : query.length();
        }
        return query.substring(0, end);
    }

    /** Offsets of each {@code AUDIT} keyword starting the file or following a top-level {@code ;}. */
    private static List<Integer> auditStarts(String content) {
        List<Integer> starts = new ArrayList<>();
        boolean atStart = true;
        int depth = 0;
        for (Token token : SparkLexers.lexer(content).getAllTokens()) {
            if (SparkLexers.isHidden(token)) {
                continue;
            }
            if (atStart && token.getText().equalsIgnoreCase("AUDIT")) {
                starts.add(token.getStartIndex());
            }
            if (token.getType() == SqlBaseLexer.LEFT_PAREN) {
                depth++;
            }
            else if (token.getType() == SqlBaseLexer.RIGHT_PAREN) {
                depth--;
            }
            atStart = token.getType() == SqlBaseLexer.SEMICOLON && depth == 0;
        }
        return starts;
    }
}
