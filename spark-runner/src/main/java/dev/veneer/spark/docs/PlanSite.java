package dev.veneer.spark.docs;

import dev.veneer.planner.plan.PlanFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A plan file as a one-page site ({@code index.html}) with its assets. */
public final class PlanSite implements Site {
    private final PlanFile plan;
    private final Instant generatedAt;

    public PlanSite(PlanFile plan, Instant generatedAt) {
        this.plan = plan;
        this.generatedAt = generatedAt;
    }

    @Override
    public List<String> paths() {
        List<String> paths = new ArrayList<>(List.of(SitePaths.INDEX));
        paths.addAll(Assets.PATHS);
        return paths;
    }

    @Override
    public Optional<byte[]> content(String path) {
        if (path.equals(SitePaths.INDEX)) {
            return Optional.of(PlanPage.render(plan, generatedAt).getBytes(StandardCharsets.UTF_8));
        }
        return Assets.content(path);
    }
}
