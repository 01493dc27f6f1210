package dev.veneer.planner.audit;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.SourceLocation;
import java.util.List;

/**
 * One named argument of an audit call, {@code columns := (order_id, customer_id)}, as Spark's grammar
 * read it.
 *
 * @param name lower-cased
 * @param text the value's SQL exactly as written, {@code (order_id, customer_id)}
 * @param elements the value's items: each expression of a parenthesized list, or the value itself
 */
public record AuditArgument(String name, String text, List<String> elements, SourceLocation location) {
    public AuditArgument {
        requireNonNull(name, "name is null");
        requireNonNull(text, "text is null");
        elements = List.copyOf(elements);
        requireNonNull(location, "location is null");
    }
}
