package dev.veneer.spark.docs;

/** Where each page lives in the site; every link is relative so the site opens from disk. */
final class SitePaths {
    static final String INDEX = "index.html";
    static final String MODELS = "models.html";
    static final String DAG = "dag.html";
    static final String ENVIRONMENTS = "environments.html";
    static final String LINEAGE = "lineage.html";
    static final String PLAN = "plan.html";
    static final String GRAPH_DATA = "data/graph.js";
    static final String LINEAGE_DATA = "data/lineage/";
    static final String ASSETS = "assets/";
    /** Marks a folder as a generated site, which a later generation may replace. */
    static final String MARKER = ".veneer-docs";

    private SitePaths() {}

    /** Model names are {@code [a-z0-9_]} parts joined by a dot: safe as a file name as they are. */
    static String modelFile(String model) {
        return model + ".html";
    }

    static String model(String model) {
        return "models/" + modelFile(model);
    }

    /** A model's column lineage, loaded by the lineage page when it needs it. */
    static String lineageData(String model) {
        return LINEAGE_DATA + model + ".js";
    }

    static String environment(String name) {
        return "environments/" + name + ".html";
    }

    /** The way from a page back to the site's root: {@code ""} or {@code "../"}. */
    static String root(String path) {
        return path.contains("/") ? "../" : "";
    }
}
