package dev.veneer.catalog.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Splits long key lists so each query stays under every driver's bind-parameter limit. */
final class Chunks {
    /** Keys per query: 500 two-column keys bind 1,000 parameters, far under SQLite's and PostgreSQL's limits. */
    static final int SIZE = 500;

    private Chunks() {}

    static <T> List<List<T>> of(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + size);
        }
        List<List<T>> chunks = new ArrayList<>();
        for (int start = 0; start < items.size(); start += size) {
            chunks.add(items.subList(start, Math.min(items.size(), start + size)));
        }
        return chunks;
    }

    /** {@code element} {@code count} times, joined: {@code ?, ?, ?} for an IN list. */
    static String repeat(String element, String separator, int count) {
        return String.join(separator, Collections.nCopies(count, element));
    }
}
