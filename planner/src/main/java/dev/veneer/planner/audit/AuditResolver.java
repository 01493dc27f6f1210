package dev.veneer.planner.audit;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import dev.veneer.planner.sql.MacroSpan;
import dev.veneer.planner.sql.MacroVariables;
import dev.veneer.planner.sql.SqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the audit calls of a model's header into {@link ModelAudit}s: a built-in renders its query
 * from the arguments; a user audit gets each {@code @argument} replaced, on its tokens, by the
 * argument's SQL. Either way the query is then parsed with Spark's grammar, so a bad argument is an
 * error when the project loads, not in the middle of an apply.
 */
public final class AuditResolver {
    /** The argument every audit takes: {@code not_null(columns := (id), blocking := false)} overrides the audit's own setting. */
    public static final String BLOCKING = "blocking";

    private final Map<String, AuditDefinition> userAudits;
    private final SqlParser parser;

    public AuditResolver(Map<String, AuditDefinition> userAudits, SqlParser parser) {
        this.userAudits = new TreeMap<>(requireNonNull(userAudits, "userAudits is null"));
        this.parser = requireNonNull(parser, "parser is null");
    }

    /**
     * @param model the model's name, for messages
     * @throws VeneerException {@code MODEL_INVALID} naming the call's place in the model file
     */
    public ModelAudit resolve(String model, AuditCall call) {
        boolean blockingOverride = call.argument(BLOCKING).map(argument -> BuiltInAudits.bool(argument, BLOCKING)).orElse(true);
        boolean overridden = call.argument(BLOCKING).isPresent();
        String sql = BuiltInAudits.render(call).orElse(null);
        if (sql != null) {
            return new ModelAudit(call.name(), overridden ? blockingOverride : true, parseBuiltIn(model, call, sql), call.location());
        }
        AuditDefinition definition = userAudits.get(call.name());
        if (definition == null) {
            throw new VeneerException(ErrorCode.MODEL_INVALID, call.location(), "unknown audit '" + call.name() + "'; built-in audits: "
                    + String.join(", ", BuiltInAudits.names()) + (userAudits.isEmpty() ? "; or write one in audits/" + call.name() + ".sql"
                            : "; the project's audits: " + String.join(", ", userAudits.keySet())), null);
        }
        String substituted = substitute(definition, call);
        try {
            return new ModelAudit(call.name(), overridden ? blockingOverride : definition.blocking(),
                    parser.parseAudit(substituted, definition.path(), definition.queryLocation().line(), definition.queryLocation().column()),
                    call.location());
        }
        catch (VeneerException e) {
            throw new VeneerException(e.code(), e.location().orElse(definition.location()), "audit " + definition.name() + " as "
                    + model + " uses it (" + call.location() + ", " + call.text() + "): " + e.getMessage(), e);
        }
    }

    private dev.veneer.planner.sql.ParsedQuery parseBuiltIn(String model, AuditCall call, String sql) {
        try {
            return parser.parseAudit(sql, call.location().path(), call.location().line(), call.location().column());
        }
        catch (VeneerException e) {
            // the query is generated: the place to fix is the call's arguments
            throw new VeneerException(ErrorCode.MODEL_INVALID, call.location(), "audit " + call.text() + " of model " + model
                    + " makes a query Spark's grammar refuses (" + e.getMessage() + "): check its arguments", e);
        }
    }

    /** The audit's query with each argument's SQL in place of its {@code @name}; {@code @this_model} and time variables stay. */
    private static String substitute(AuditDefinition definition, AuditCall call) {
        List<String> parameters = definition.parameters();
        for (AuditArgument argument : call.arguments()) {
            if (!parameters.contains(argument.name()) && !argument.name().equals(BLOCKING)) {
                throw new VeneerException(ErrorCode.MODEL_INVALID, argument.location(), "audit " + definition.name() + " ("
                        + definition.path() + ") has no argument '" + argument.name() + "'; "
                        + (parameters.isEmpty() ? "it takes none" : "its arguments: " + String.join(", ", parameters))
                        + " (and blocking)", null);
            }
        }
        StringBuilder out = new StringBuilder(definition.query().length() + 32);
        int copied = 0;
        for (MacroSpan variable : definition.variables()) {
            if (MacroVariables.isKnown(variable.name()) || variable.name().equals(SqlParser.THIS_MODEL)) {
                continue;
            }
            AuditArgument argument = call.argument(variable.name()).orElseThrow(() -> new VeneerException(ErrorCode.MODEL_INVALID,
                    call.location(), "audit " + definition.name() + " (" + definition.path() + ") needs the argument '" + variable.name()
                            + "' (its query uses @" + variable.name() + "); write " + call.name() + "(" + String.join(" := ..., ",
                                    parameters) + " := ...)", null));
            out.append(definition.query(), copied, variable.start()).append(argument.text());
            copied = variable.end();
        }
        return out.append(definition.query(), copied, definition.query().length()).toString();
    }
}
