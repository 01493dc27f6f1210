package dev.veneer.spark.docs;

import dev.veneer.spark.docs.DocsModel.ModelDoc;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The overview: what the project holds and where each environment stands. */
final class IndexPage {
    private IndexPage() {}

    static String render(DocsModel model, PageLayout layout) {
        String path = SitePaths.INDEX;
        Html html = layout.begin(path, path, "Overview");
        html.element("h1", "Project " + model.project());
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> schemas = new TreeMap<>();
        for (ModelDoc doc : model.models().values()) {
            kinds.merge(doc.kind(), 1, Integer::sum);
            schemas.merge(doc.schema(), 1, Integer::sum);
        }
        html.open("p", "class", "lead").link(SitePaths.MODELS, model.models().size() + " models")
                .text(" in " + schemas.size() + " schema" + (schemas.size() == 1 ? "" : "s") + ", reading "
                        + model.externals().size() + " external table" + (model.externals().size() == 1 ? "" : "s") + ".").close("p");
        html.open("div", "class", "deps");
        counts(html, "Kinds", kinds);
        counts(html, "Schemas", schemas);
        html.close("div");
        html.element("h2", "Environments");
        if (model.environments().isEmpty()) {
            html.element("p", "No environments yet. Create prod with: veneer plan prod --auto-apply", "class", "muted");
        }
        else {
            EnvironmentPages.table(html, model, "");
        }
        html.element("h2", "Explore");
        html.open("ul", "class", "plain");
        html.open("li").link(SitePaths.MODELS, "Models").text(": search by name, owner, tag or description.").close("li");
        html.open("li").link(SitePaths.DAG, "DAG").text(": a model's neighbourhood, laid out left to right.").close("li");
        html.open("li").link(SitePaths.LINEAGE, "Lineage").text(": everything upstream and downstream of a model.").close("li");
        html.close("ul");
        return layout.end(html, path, List.of());
    }

    private static void counts(Html html, String title, Map<String, Integer> counts) {
        html.open("div").element("h2", title).open("table", "class", "counts").open("tbody");
        counts.forEach((name, count) -> html.open("tr").element("th", name, "scope", "row").element("td", String.valueOf(count)).close("tr"));
        html.close("tbody").close("table").close("div");
    }
}
