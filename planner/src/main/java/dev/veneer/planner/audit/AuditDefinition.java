package dev.veneer.planner.audit;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import dev.veneer.planner.sql.MacroSpan;
import dev.veneer.planner.sql.MacroVariables;
import dev.veneer.planner.sql.SqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user audit of {@code audits/*.sql}: an {@code AUDIT (name ..., blocking ...)} header and a query
 * returning the offending rows of {@code @this_model}, with its own arguments written {@code @name}.
 *
 * @param query the query exactly as written
 * @param queryLocation where the query starts in its file
 * @param variables every {@code @name} of the query, in order, with its span in {@link #query}
 */
public record AuditDefinition(String name, boolean blocking, Optional<String> description, String path, SourceLocation location,
        String query, SourceLocation queryLocation, List<MacroSpan> variables) {
    public AuditDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(path, "path is null");
        requireNonNull(location, "location is null");
        requireNonNull(query, "query is null");
        requireNonNull(queryLocation, "queryLocation is null");
        variables = List.copyOf(variables);
    }

    /** The arguments a model passes: the variables that are neither time variables nor {@code @this_model}, in order of first use. */
    public List<String> parameters() {
        List<String> parameters = new ArrayList<>();
        for (MacroSpan variable : variables) {
            if (!MacroVariables.isKnown(variable.name()) && !variable.name().equals(SqlParser.THIS_MODEL)
                    && !parameters.contains(variable.name())) {
                parameters.add(variable.name());
            }
        }
        return parameters;
    }
}
