package dev.veneer.spark.janitor;

import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.SnapshotUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Decides which physical tables the janitor may drop (DESIGN.md rule 7): a table is kept if an
 * environment that stays points at it, if a snapshot of it was used within the grace period (an
 * apply may be building it), if a snapshot of it has not expired (unless {@code --ignore-ttl}), or
 * if a kept physical view reads it. Pure: Spark is reached only through {@code viewText}.
 */
final class Retention {
    /**
     * @param kind {@code VIEW} for a physical view, anything else for a table
     * @param tableFormat {@code delta}, {@code iceberg}, {@code view}, or empty when unknown
     */
    record Decision(String physicalTable, boolean drop, String reason, String kind, String tableFormat) {
        boolean isView() {
            return kind.equalsIgnoreCase("VIEW");
        }
    }

    private Retention() {}

    /**
     * @param environments the environments that stay (prod, live ones, expired ones not removed)
     * @param built the physical tables state records as built
     * @param viewText the SQL text of a physical view, if it exists
     * @param readByPreviews tables a live forward-only preview reads (a Delta shallow clone references
     *     their files), with why: kept whatever else says
     * @return one decision per physical table state knows, sorted by name
     */
    static List<Decision> decide(Collection<EnvironmentRecord> environments, List<SnapshotUsage> snapshots,
            Collection<String> built, Function<String, Optional<String>> viewText, JanitorOptions options,
            Map<String, String> readByPreviews) {
        Map<String, String> kinds = new TreeMap<>();
        Map<String, String> formats = new TreeMap<>();
        Map<String, List<SnapshotUsage>> byTable = new TreeMap<>();
        for (SnapshotUsage snapshot : snapshots) {
            byTable.computeIfAbsent(snapshot.physicalTable(), table -> new ArrayList<>()).add(snapshot);
            kinds.putIfAbsent(snapshot.physicalTable(), snapshot.kind());
            formats.putIfAbsent(snapshot.physicalTable(), snapshot.tableFormat());
        }
        TreeSet<String> candidates = new TreeSet<>(byTable.keySet());
        candidates.addAll(built);

        Map<String, String> kept = new LinkedHashMap<>();
        for (EnvironmentRecord environment : environments) {
            for (SnapshotPointer pointer : environment.snapshots()) {
                kinds.putIfAbsent(pointer.physicalTable(), pointer.kind());
                candidates.add(pointer.physicalTable());
                kept.putIfAbsent(pointer.physicalTable(), "environment " + environment.name() + " points at it (" + pointer.model() + ")");
            }
        }
        readByPreviews.forEach((table, reason) -> {
            candidates.add(table);
            kept.putIfAbsent(table, reason);
        });
        for (String table : candidates) {
            if (!kept.containsKey(table)) {
                protection(byTable.getOrDefault(table, List.of()), options).ifPresent(reason -> kept.put(table, reason));
            }
        }
        keepWhatKeptViewsRead(candidates, kept, kinds, viewText);

        List<Decision> decisions = new ArrayList<>();
        for (String table : candidates) {
            String kind = kinds.getOrDefault(table, "");
            String format = formats.getOrDefault(table, "");
            String reason = kept.get(table);
            decisions.add(reason != null
                    ? new Decision(table, false, reason, kind, format)
                    : new Decision(table, true, unusedReason(byTable.getOrDefault(table, List.of()), options), kind, format));
        }
        return decisions;
    }

    /** Why a snapshot protects its table, if one does. */
    private static Optional<String> protection(List<SnapshotUsage> snapshots, JanitorOptions options) {
        Instant lastUse = snapshots.stream().map(SnapshotUsage::lastUsedAt).max(Instant::compareTo).orElse(null);
        if (lastUse == null) {
            return Optional.empty();
        }
        if (!lastUse.isBefore(options.graceCutoff())) {
            return Optional.of("an apply used it at " + lastUse + ", within the grace period of " + options.grace()
                    + " (it may still be building it)");
        }
        Instant expiry = lastUse.plus(options.snapshotTtl());
        if (!options.ignoreTtl() && options.now().isBefore(expiry)) {
            return Optional.of("no environment uses it, but its snapshot keeps it until " + expiry + " (snapshot_ttl "
                    + options.snapshotTtl() + ")");
        }
        return Optional.empty();
    }

    private static String unusedReason(List<SnapshotUsage> snapshots, JanitorOptions options) {
        if (snapshots.isEmpty()) {
            return "no environment uses it and no snapshot names it";
        }
        Instant lastUse = snapshots.stream().map(SnapshotUsage::lastUsedAt).max(Instant::compareTo).orElseThrow();
        return options.ignoreTtl()
                ? "no environment uses it; last used " + lastUse + " (--ignore-ttl)"
                : "no environment uses it; its snapshot expired at " + lastUse.plus(options.snapshotTtl());
    }

    /**
     * A physical view names its parents' physical tables: whatever a kept view reads is kept, up to a
     * fixpoint (a view over a view). Physical names ({@code schema__model__version}) are distinctive,
     * so finding one in the view's text is reliable, whatever quoting the text uses.
     */
    private static void keepWhatKeptViewsRead(Collection<String> candidates, Map<String, String> kept, Map<String, String> kinds,
            Function<String, Optional<String>> viewText) {
        Map<String, String> texts = new TreeMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String view : new ArrayList<>(kept.keySet())) {
                if (!kinds.getOrDefault(view, "").equalsIgnoreCase("VIEW") || texts.containsKey(view)) {
                    continue;
                }
                String text = viewText.apply(view).orElse("").toLowerCase(Locale.ROOT);
                texts.put(view, text);
                for (String table : candidates) {
                    if (!kept.containsKey(table) && !table.equals(view) && text.contains(shortName(table))) {
                        kept.put(table, "physical view " + view + " (kept) reads it");
                        changed = true;
                    }
                }
            }
        }
    }

    /** The last part of a physical name, lower-case: {@code staging__orders__ab12cd34ef}. */
    static String shortName(String physicalTable) {
        String name = physicalTable.substring(physicalTable.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return name.replace("`", "");
    }
}
