package dev.veneer.planner.plan;

import static java.util.Objects.requireNonNull;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.ProjectionChange;
import dev.veneer.planner.sql.SqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two environments model by model ({@code veneer diff A B}): which pointers differ, and
 * how B's snapshot differs from A's, in the categories a plan from A to B would give.
 */
public final class EnvironmentDiff {
    public enum Change { ADDED, REMOVED, MODIFIED }

    /**
     * @param category for a modified model: how B's version relates to A's; null for added and removed ones
     * @param fromTable A's physical table, null if the model is only in B
     * @param toTable B's physical table, null if the model is only in A
     */
    public record ModelDiff(String model, Change change, Category category, String fromTable, String toTable) {
        public ModelDiff {
            requireNonNull(model, "model is null");
            requireNonNull(change, "change is null");
        }

        public boolean sameTable() {
            return fromTable != null && fromTable.equals(toTable);
        }
    }

    private EnvironmentDiff() {}

    /** The keys of the snapshots {@link #between} needs: both sides of every pointer that differs. */
    public static List<SnapshotKey> keysToRead(EnvironmentRecord from, EnvironmentRecord to) {
        List<SnapshotKey> keys = new ArrayList<>();
        Map<ModelName, SnapshotPointer> a = from.pointers();
        Map<ModelName, SnapshotPointer> b = to.pointers();
        a.forEach((model, pointer) -> {
            SnapshotPointer other = b.get(model);
            if (other != null && !other.fingerprint().equals(pointer.fingerprint())) {
                keys.add(pointer.key());
                keys.add(other.key());
            }
        });
        return keys;
    }

    /** Models whose pointers differ, sorted by name. */
    public static List<ModelDiff> between(EnvironmentRecord from, EnvironmentRecord to, Map<SnapshotKey, StoredSnapshot> stored, SqlParser parser) {
        Map<ModelName, SnapshotPointer> a = from.pointers();
        Map<ModelName, SnapshotPointer> b = to.pointers();
        Set<ModelName> models = new TreeSet<>(a.keySet());
        models.addAll(b.keySet());
        List<ModelDiff> diffs = new ArrayList<>();
        for (ModelName model : models) {
            SnapshotPointer before = a.get(model);
            SnapshotPointer after = b.get(model);
            if (before == null) {
                diffs.add(new ModelDiff(model.toString(), Change.ADDED, null, null, after.physicalTable()));
            }
            else if (after == null) {
                diffs.add(new ModelDiff(model.toString(), Change.REMOVED, null, before.physicalTable(), null));
            }
            else if (!before.fingerprint().equals(after.fingerprint()) || !before.physicalTable().equals(after.physicalTable())) {
                Category category = category(before, after, stored.get(before.key()), stored.get(after.key()), parser);
                diffs.add(new ModelDiff(model.toString(), Change.MODIFIED, category, before.physicalTable(), after.physicalTable()));
            }
        }
        return diffs;
    }

    /** Models whose pointers differ, without reading snapshots: for listings such as {@code envs}. */
    public static List<String> changedModels(EnvironmentRecord from, EnvironmentRecord to) {
        return between(from, to, Map.of(), null).stream().map(ModelDiff::model).toList();
    }

    private static Category category(SnapshotPointer before, SnapshotPointer after, StoredSnapshot old, StoredSnapshot now, SqlParser parser) {
        boolean sameTable = before.physicalTable().equals(after.physicalTable());
        if (old == null || now == null || parser == null) {
            return sameTable ? Category.METADATA : Category.BREAKING;
        }
        if (!old.dataHash().equals(now.dataHash())) {
            return direct(old, now, parser);
        }
        SnapshotPayload oldPayload = SnapshotPayload.fromJson(old.payload());
        SnapshotPayload newPayload = SnapshotPayload.fromJson(now.payload());
        if (!oldPayload.parentDataHash().equals(newPayload.parentDataHash())) {
            return sameTable ? Category.INDIRECT_NON_BREAKING : Category.INDIRECT_BREAKING;
        }
        return Category.METADATA;
    }

    private static Category direct(StoredSnapshot old, StoredSnapshot now, SqlParser parser) {
        SnapshotPayload before = SnapshotPayload.fromJson(old.payload());
        SnapshotPayload after = SnapshotPayload.fromJson(now.payload());
        if (!before.attributesHash().equals(after.attributesHash())) {
            return Category.BREAKING;
        }
        try {
            ParsedQuery beforeQuery = parser.parseQuery(before.query(), before.path(), 1, 1);
            ParsedQuery afterQuery = parser.parseQuery(after.query(), after.path(), 1, 1);
            return ProjectionChange.appendsOnly(beforeQuery, afterQuery) ? Category.NON_BREAKING : Category.BREAKING;
        }
        catch (VeneerException e) {
            return Category.BREAKING;
        }
    }
}
