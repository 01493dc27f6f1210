package dev.veneer.spark.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Render times of generated pages in the real headless Chromium (a measurement for BENCHMARKS.md, not a
 * test): for each page, the median over RUNS loads of the time from navigation start to the end of the
 * load event, and of the page's own script (filters, layout and drawing). Run by {@code bench/docs-bench.sh}.
 *
 * <pre>java -cp spark-runner/target/test-classes:spark-runner/target/classes:$(test classpath) dev.veneer.spark.docs.DocsRenderTiming SITE_DIR RUNS PAGE...</pre>
 */
public final class DocsRenderTiming {
    private DocsRenderTiming() {}

    public static void main(String[] args) {
        Path site = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        try (Chromium chromium = Chromium.start()) {
            for (int i = 2; i < args.length; i++) {
                String page = args[i];
                String url = site.resolve(page.replaceAll("\\?.*", "")).toUri() + (page.contains("?") ? page.substring(page.indexOf('?')) : "");
                List<Double> loads = new ArrayList<>();
                List<Double> scripts = new ArrayList<>();
                String nodes = "";
                for (int run = 0; run < runs + 1; run++) {
                    chromium.open("about:blank");
                    chromium.open(url);
                    if (page.contains("dag") || page.contains("environments/") || page.contains("lineage")) {
                        chromium.waitForScript();
                    }
                    Object load = chromium.script("var n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;");
                    Object script = chromium.script("return document.documentElement.getAttribute('data-ready');");
                    nodes = String.valueOf(chromium.script("return document.querySelectorAll('#graph g.node').length + ' nodes, '"
                            + " + document.querySelectorAll('#graph g.column-node').length + ' columns, '"
                            + " + document.querySelectorAll('tr').length + ' rows';"));
                    if (run > 0) {
                        loads.add(((Number) load).doubleValue());
                        scripts.add(script == null ? 0 : Double.parseDouble(script.toString()));
                    }
                }
                System.out.printf("%-60s load %7.0f ms  script %7.0f ms  (%s; median of %d)%n", page, median(loads), median(scripts), nodes, runs);
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
