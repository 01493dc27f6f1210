package dev.veneer.planner.audit;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The audits every model may name without writing them, as SQLMesh's built-ins: each renders a
 * query returning the offending rows of {@code @this_model} from the call's arguments. Arguments are
 * Spark expressions (already read by the grammar), spliced into the query in parentheses.
 */
public final class BuiltInAudits {
    /**
     * One built-in audit.
     *
     * @param required arguments that must be given
     * @param optional arguments that may be given
     */
    record Spec(String name, List<String> required, List<String> optional, String example, Function<Arguments, String> sql) {}

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        add("not_null", List.of("columns"), List.of(), "not_null(columns := (order_id, customer_id))", args ->
                "SELECT * FROM @this_model WHERE " + args.each("columns", column -> column + " IS NULL", " OR "));
        add("unique_values", List.of("columns"), List.of(), "unique_values(columns := (order_id))", args -> {
            List<String> columns = args.list("columns");
            List<String> ranks = new ArrayList<>();
            List<String> duplicated = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String rank = "__veneer_duplicate_" + (i + 1);
                ranks.add("row_number() OVER (PARTITION BY " + columns.get(i) + " ORDER BY " + columns.get(i) + ") AS " + rank);
                duplicated.add("(" + rank + " > 1 AND " + columns.get(i) + " IS NOT NULL)");
            }
            return "SELECT * FROM (SELECT *, " + String.join(", ", ranks) + " FROM @this_model) AS __veneer_ranked WHERE "
                    + String.join(" OR ", duplicated);
        });
        add("unique_combination_of_columns", List.of("columns"), List.of(), "unique_combination_of_columns(columns := (order_id, line))",
                args -> {
                    String columns = String.join(", ", args.list("columns"));
                    return "SELECT " + columns + ", count(*) AS occurrences FROM @this_model GROUP BY " + columns + " HAVING count(*) > 1";
                });
        add("accepted_values", List.of("column", "is_in"), List.of(), "accepted_values(column := status, is_in := ('open', 'shipped'))",
                args -> "SELECT * FROM @this_model WHERE " + args.one("column") + " NOT IN (" + String.join(", ", args.list("is_in")) + ")");
        add("not_accepted_values", List.of("column", "is_in"), List.of(), "not_accepted_values(column := status, is_in := ('void'))",
                args -> "SELECT * FROM @this_model WHERE " + args.one("column") + " IN (" + String.join(", ", args.list("is_in")) + ")");
        add("accepted_range", List.of("column"), List.of("min_v", "max_v", "inclusive"), "accepted_range(column := amount, min_v := 0, max_v := 100)",
                BuiltInAudits::acceptedRange);
        add("number_of_rows", List.of("threshold"), List.of(), "number_of_rows(threshold := 1)", args ->
                "SELECT count(*) AS row_count FROM @this_model HAVING count(*) < " + args.one("threshold"));
        add("forall", List.of("criteria"), List.of(), "forall(criteria := (amount >= 0, qty > 0))", args ->
                "SELECT * FROM @this_model WHERE " + args.each("criteria", criterion -> "NOT " + criterion, " OR "));
        add("at_least_one", List.of("column"), List.of(), "at_least_one(column := email)", args ->
                "SELECT count(" + args.one("column") + ") AS non_null_values FROM @this_model HAVING count(" + args.one("column") + ") = 0");
        add("not_constant", List.of("column"), List.of(), "not_constant(column := status)", args ->
                "SELECT count(DISTINCT " + args.one("column") + ") AS distinct_values FROM @this_model HAVING count(DISTINCT "
                        + args.one("column") + ") <= 1");
        add("not_empty_string", List.of("column"), List.of(), "not_empty_string(column := name)", args ->
                "SELECT * FROM @this_model WHERE " + args.one("column") + " = ''");
    }

    private BuiltInAudits() {}

    private static void add(String name, List<String> required, List<String> optional, String example, Function<Arguments, String> sql) {
        SPECS.put(name, new Spec(name, required, optional, example, sql));
    }

    /** Every built-in audit's name, in the order messages list them. */
    public static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }

    public static boolean isBuiltIn(String name) {
        return SPECS.containsKey(name);
    }

    /**
     * The query of a built-in audit call, reading {@code @this_model}; empty when {@code call} names
     * no built-in.
     *
     * @throws VeneerException {@code MODEL_INVALID} for a missing, unknown or ill-shaped argument
     */
    static Optional<String> render(AuditCall call) {
        Spec spec = SPECS.get(call.name());
        if (spec == null) {
            return Optional.empty();
        }
        List<String> known = new ArrayList<>(spec.required());
        known.addAll(spec.optional());
        for (AuditArgument argument : call.arguments()) {
            if (!known.contains(argument.name()) && !argument.name().equals(AuditResolver.BLOCKING)) {
                throw invalid(argument, "audit " + spec.name() + " has no argument '" + argument.name() + "'; its arguments: "
                        + String.join(", ", known) + " (and blocking); e.g. " + spec.example());
            }
        }
        for (String required : spec.required()) {
            if (call.argument(required).isEmpty()) {
                throw new VeneerException(ErrorCode.MODEL_INVALID, call.location(), "audit " + spec.name() + " needs the argument '"
                        + required + "'; write " + spec.example(), null);
            }
        }
        return Optional.of(spec.sql().apply(new Arguments(call, spec)));
    }

    private static String acceptedRange(Arguments args) {
        String column = args.one("column");
        boolean inclusive = args.call.argument("inclusive").map(argument -> bool(argument, "inclusive")).orElse(true);
        List<String> outside = new ArrayList<>();
        args.call.argument("min_v").ifPresent(min -> outside.add(column + (inclusive ? " < " : " <= ") + args.one("min_v")));
        args.call.argument("max_v").ifPresent(max -> outside.add(column + (inclusive ? " > " : " >= ") + args.one("max_v")));
        if (outside.isEmpty()) {
            throw new VeneerException(ErrorCode.MODEL_INVALID, args.call.location(), "audit accepted_range needs min_v, max_v or both;"
                    + " write " + args.spec.example(), null);
        }
        return "SELECT * FROM @this_model WHERE " + String.join(" OR ", outside);
    }

    static boolean bool(AuditArgument argument, String name) {
        String text = argument.text().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(argument, "argument '" + name + "' expects true or false, found " + text);
    }

    private static VeneerException invalid(AuditArgument argument, String message) {
        return new VeneerException(ErrorCode.MODEL_INVALID, argument.location(), message, null);
    }

    /** A call's arguments as SQL: each expression in parentheses, so an operator in it binds as written. */
    private record Arguments(AuditCall call, Spec spec) {
        List<String> list(String name) {
            AuditArgument argument = call.argument(name).orElseThrow();
            return argument.elements().stream().map(element -> "(" + element + ")").toList();
        }

        String one(String name) {
            AuditArgument argument = call.argument(name).orElseThrow();
            if (argument.elements().size() != 1) {
                throw invalid(argument, "argument '" + name + "' of audit " + spec.name() + " expects one value, found "
                        + argument.elements().size() + ": " + argument.text() + "; e.g. " + spec.example());
            }
            return list(name).get(0);
        }

        String each(String name, Function<String, String> condition, String separator) {
            return list(name).stream().map(condition).collect(Collectors.joining(separator));
        }
    }
}
