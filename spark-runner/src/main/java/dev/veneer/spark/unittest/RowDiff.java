package dev.veneer.spark.unittest;

import dev.veneer.catalog.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares expected and actual rows ignoring their order (as multisets), and says how they differ in
 * a way a person reads: each expected row not produced beside the closest actual row not expected,
 * with the columns where they differ, then what is missing and what is extra.
 */
final class RowDiff {
    /** One expected row and where it is written. */
    record Expected(List<String> cells, SourceLocation location) {}

    private RowDiff() {}

    /** @return empty when the rows match, else the readable difference */
    static String diff(String what, List<String> columns, List<Expected> expected, List<List<String>> actual) {
        Map<List<String>, Integer> unmatchedActual = new HashMap<>();
        actual.forEach(row -> unmatchedActual.merge(row, 1, Integer::sum));
        List<Expected> missing = new ArrayList<>();
        for (Expected row : expected) {
            Integer count = unmatchedActual.get(row.cells());
            if (count == null) {
                missing.add(row);
            }
            else if (count == 1) {
                unmatchedActual.remove(row.cells());
            }
            else {
                unmatchedActual.put(row.cells(), count - 1);
            }
        }
        List<List<String>> extra = new ArrayList<>();
        for (List<String> row : actual) {
            Integer count = unmatchedActual.get(row);
            if (count != null) {
                extra.add(row);
                if (count == 1) {
                    unmatchedActual.remove(row);
                }
                else {
                    unmatchedActual.put(row, count - 1);
                }
            }
        }
        if (missing.isEmpty() && extra.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(what).append(" differs (rows compared in any order, on ").append(String.join(", ", columns)).append("): expected ")
                .append(expected.size()).append(" row").append(expected.size() == 1 ? "" : "s").append(", got ").append(actual.size())
                .append('\n');
        List<Expected> unpaired = new ArrayList<>();
        for (Expected row : missing) {
            int best = -1;
            int bestSame = 0;
            for (int i = 0; i < extra.size(); i++) {
                int same = same(row.cells(), extra.get(i));
                if (same > bestSame) {
                    best = i;
                    bestSame = same;
                }
            }
            if (best < 0) {
                unpaired.add(row);
                continue;
            }
            List<String> closest = extra.remove(best);
            out.append("  expected (").append(row.location()).append("): ").append(cells(columns, row.cells())).append('\n');
            out.append("  actual:   ").append(cells(columns, closest)).append('\n');
            for (int i = 0; i < columns.size(); i++) {
                if (!Objects.equals(row.cells().get(i), closest.get(i))) {
                    out.append("      ").append(columns.get(i)).append(": expected ").append(show(row.cells().get(i)))
                            .append(", actual ").append(show(closest.get(i))).append('\n');
                }
            }
        }
        for (Expected row : unpaired) {
            out.append("  missing (").append(row.location()).append("): ").append(cells(columns, row.cells())).append('\n');
        }
        for (List<String> row : extra) {
            out.append("  unexpected: ").append(cells(columns, row)).append('\n');
        }
        return out.toString();
    }

    private static int same(List<String> a, List<String> b) {
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (Objects.equals(a.get(i), b.get(i))) {
                same++;
            }
        }
        return same;
    }

    private static String cells(List<String> columns, List<String> row) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            cells.add(columns.get(i) + "=" + show(row.get(i)));
        }
        return String.join(", ", cells);
    }

    private static String show(String value) {
        return value == null ? "NULL" : value;
    }
}
