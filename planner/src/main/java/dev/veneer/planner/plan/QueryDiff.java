package dev.veneer.planner.plan;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** The unified diff a person reads to see how a model's query changed. */
final class QueryDiff {
    private QueryDiff() {}

    static String unified(String model, String before, String after) {
        List<String> beforeLines = before.strip().lines().toList();
        List<String> afterLines = after.strip().lines().toList();
        Patch<String> patch = DiffUtils.diff(beforeLines, afterLines);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(
                "a/" + model, "b/" + model, beforeLines, patch, 3));
    }
}
