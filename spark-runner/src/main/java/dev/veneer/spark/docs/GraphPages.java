package dev.veneer.spark.docs;

import java.util.List;

/**
 * The two explorer pages over the whole project's DAG, drawn by the page's script from
 * {@code data/graph.js}: the DAG (a model's neighbourhood, ±N levels, or a schema; the whole project
 * only while it is small) and lineage: every ancestor and descendant of one model, or the columns
 * upstream and downstream of one column, walked through {@code data/lineage/MODEL.js} files loaded as needed.
 */
final class GraphPages {
    /** Scripts of a page that draws graphs. */
    static final List<String> GRAPH_SCRIPTS = List.of(SitePaths.ASSETS + "dagre.min.js", SitePaths.ASSETS + "veneer.js");

    private GraphPages() {}

    static String dag(DocsModel model, PageLayout layout) {
        String path = SitePaths.DAG;
        Html html = layout.begin(path, path, "DAG");
        html.element("h1", "DAG");
        html.open("form", "class", "filters", "id", "dag-form", "method", "get", "action", SitePaths.DAG, "aria-label", "Choose what to draw");
        html.element("label", "Model", "for", "dag-model");
        html.empty("input", "type", "text", "id", "dag-model", "name", "model", "list", "dag-model-names", "autocomplete", "off",
                "placeholder", "schema.model", "size", "32");
        html.open("datalist", "id", "dag-model-names").close("datalist");
        html.element("label", "Upstream levels", "for", "dag-up");
        html.empty("input", "type", "number", "id", "dag-up", "name", "up", "min", "0", "max", "50", "value", "2");
        html.element("label", "Downstream levels", "for", "dag-down");
        html.empty("input", "type", "number", "id", "dag-down", "name", "down", "min", "0", "max", "50", "value", "2");
        html.element("label", "Colour by", "for", "dag-color");
        html.open("select", "id", "dag-color", "name", "color").element("option", "kind", "value", "kind")
                .element("option", "schema", "value", "schema").close("select");
        html.empty("input", "type", "hidden", "id", "dag-schema", "name", "schema");
        html.element("button", "Draw", "type", "submit");
        html.close("form");
        noscript(html, model);
        html.open("p", "id", "graph-status", "aria-live", "polite").close("p");
        html.open("div", "id", "schema-list").close("div");
        html.open("div", "id", "graph", "class", "graph", "data-page", "dag").close("div");
        List<String> scripts = new java.util.ArrayList<>(List.of(SitePaths.GRAPH_DATA));
        scripts.addAll(GRAPH_SCRIPTS);
        return layout.end(html, path, scripts);
    }

    static String lineage(DocsModel model, PageLayout layout) {
        String path = SitePaths.LINEAGE;
        Html html = layout.begin(path, path, "Lineage");
        html.element("h1", "Lineage");
        html.element("p", "Choose a model to see every model it reads from, directly or not, and every model that reads it; "
                + "choose one of its columns too to see the columns it is computed from and the columns computed from it, "
                + "across models, with the columns that decide which rows there are.", "class", "lead", "id", "lineage-scope");
        html.open("form", "class", "filters", "id", "lineage-form", "method", "get", "action", SitePaths.LINEAGE,
                "aria-label", "Choose a model or a column");
        html.element("label", "Model", "for", "dag-model");
        html.empty("input", "type", "text", "id", "dag-model", "name", "model", "list", "dag-model-names", "autocomplete", "off",
                "placeholder", "schema.model", "size", "32");
        html.open("datalist", "id", "dag-model-names").close("datalist");
        html.element("label", "Column", "for", "lineage-column");
        html.open("select", "id", "lineage-column", "name", "column").element("option", "(every model, no column)", "value", "")
                .close("select");
        html.element("button", "Draw", "type", "submit");
        html.close("form");
        noscript(html, model);
        html.open("p", "id", "graph-status", "aria-live", "polite").close("p");
        html.open("div", "id", "graph", "class", "graph", "data-page", "lineage", "data-lineage", SitePaths.LINEAGE_DATA).close("div");
        html.open("div", "id", "lineage-details").close("div");
        List<String> scripts = new java.util.ArrayList<>(List.of(SitePaths.GRAPH_DATA));
        scripts.addAll(GRAPH_SCRIPTS);
        return layout.end(html, path, scripts);
    }

    private static void noscript(Html html, DocsModel model) {
        html.open("noscript").open("p", "class", "muted").text("Drawing the graph needs JavaScript. Each model's page lists its "
                + "parents and children as links: start from the ").link(SitePaths.MODELS, "models list").text(".").close("p").close("noscript");
    }

    /** {@code data/graph.js}: the whole project's DAG for the explorer pages. */
    static String graphScript(DocsModel model) {
        List<GraphData.Node> nodes = model.models().values().stream()
                .map(doc -> new GraphData.Node(doc.name().toString(), doc.kind(), doc.schema(), "model", null, null)).toList();
        List<GraphData.Edge> edges = new java.util.ArrayList<>();
        model.models().values().forEach(doc -> doc.parents().forEach(parent -> edges.add(new GraphData.Edge(parent.toString(), doc.name().toString()))));
        return "window.VENEER_GRAPH = " + new GraphData(nodes, edges).toJson() + ";\n";
    }
}
