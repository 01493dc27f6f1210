package dev.veneer.planner.dag;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The names a user most likely meant when a reference names no model or external table: a table
 * written without its schema ({@code stg_orders} for {@code staging.stg_orders}), or a typo a few
 * letters away. None when no name is close enough to be worth a guess.
 */
final class NameSuggestion {
    /** More than this many is no longer a suggestion. */
    private static final int MOST = 3;

    private NameSuggestion() {}

    /**
     * @param known every {@code schema.table} a reference may name
     * @return {@code "did you mean a or b? "}, or empty
     */
    static String didYouMean(String unknown, Collection<String> known) {
        List<String> names = closest(unknown, known);
        return names.isEmpty() ? "" : "did you mean " + String.join(" or ", names) + "? ";
    }

    static List<String> closest(String unknown, Collection<String> known) {
        String wanted = unknown.toLowerCase(Locale.ROOT);
        if (!wanted.contains(".")) {
            return known.stream().filter(name -> name.substring(name.indexOf('.') + 1).equals(wanted)).sorted().limit(MOST).toList();
        }
        // a few edits, fewer for short names: "raw.clients" is not a typo of "raw.customers"
        LevenshteinDistance distance = new LevenshteinDistance(Math.min(3, Math.max(1, wanted.length() / 5)));
        Map<Integer, List<String>> byEdits = known.stream()
                .collect(Collectors.groupingBy(name -> distance.apply(wanted, name), TreeMap::new, Collectors.toList()));
        byEdits.remove(-1);
        return byEdits.isEmpty() ? List.of() : byEdits.values().iterator().next().stream().sorted().limit(MOST).toList();
    }
}
