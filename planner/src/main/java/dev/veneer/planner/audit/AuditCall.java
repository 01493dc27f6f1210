package dev.veneer.planner.audit;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * An audit named in a model's header, {@code accepted_range(column := amount, min_v := 0)}: which
 * audit, with which arguments. Resolved against the built-in and the project's audits when the
 * project loads ({@link AuditResolver}).
 *
 * @param name lower-cased
 * @param text the call as written, for messages
 */
public record AuditCall(String name, List<AuditArgument> arguments, String text, SourceLocation location) {
    public AuditCall {
        requireNonNull(name, "name is null");
        arguments = List.copyOf(arguments);
        requireNonNull(text, "text is null");
        requireNonNull(location, "location is null");
    }

    public Optional<AuditArgument> argument(String argumentName) {
        return arguments.stream().filter(argument -> argument.name().equals(argumentName)).findFirst();
    }
}
