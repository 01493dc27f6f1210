package dev.veneer.spark.docs;

import dev.veneer.spark.docs.DocsModel.ModelDoc;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Every model in one table (name, kind, table format, owner, tags, description): readable as it is;
 * with scripts, filtered as you type and by kind, schema and tag.
 */
final class ModelListPage {
    private ModelListPage() {}

    static String render(DocsModel model, PageLayout layout) {
        String path = SitePaths.MODELS;
        Html html = layout.begin(path, path, "Models");
        html.element("h1", "Models");
        html.open("form", "class", "filters", "role", "search", "aria-label", "Filter models", "id", "model-filters", "hidden", "");
        html.element("label", "Search", "for", "filter");
        html.empty("input", "type", "search", "id", "filter", "name", "q", "placeholder", "name, owner, tag, description",
                "autocomplete", "off");
        select(html, "kind-filter", "Kind", new TreeSet<>(model.models().values().stream().map(ModelDoc::kind).toList()));
        select(html, "schema-filter", "Schema", new TreeSet<>(model.models().values().stream().map(ModelDoc::schema).toList()));
        select(html, "tag-filter", "Tag", new TreeSet<>(model.models().values().stream().flatMap(doc -> doc.tags().stream()).toList()));
        html.close("form");
        html.open("p", "id", "model-count", "aria-live", "polite").text(model.models().size() + " models").close("p");
        html.open("table", "class", "models", "id", "model-table");
        html.open("thead").open("tr");
        for (String heading : List.of("Model", "Kind", "Format", "Owner", "Tags", "Description")) {
            html.element("th", heading, "scope", "col");
        }
        html.close("tr").close("thead").newline();
        html.open("tbody");
        for (ModelDoc doc : model.models().values()) {
            String search = String.join(" ", doc.name().toString(), doc.kind(), doc.tableFormat(), doc.owner().orElse(""),
                    String.join(" ", doc.tags()), doc.description().orElse("")).toLowerCase(Locale.ROOT);
            html.open("tr", "data-search", search, "data-kind", doc.kind(), "data-schema", doc.schema(),
                    "data-tags", String.join(" ", doc.tags()));
            html.open("td").link("models/" + SitePaths.modelFile(doc.name().toString()), doc.name().toString()).close("td");
            html.element("td", doc.kind());
            html.element("td", doc.tableFormat());
            html.element("td", doc.owner().orElse(""));
            html.element("td", String.join(", ", doc.tags()));
            html.element("td", doc.description().orElse(""));
            html.close("tr").newline();
        }
        html.close("tbody").close("table");
        if (!model.externals().isEmpty()) {
            html.element("h2", "External tables");
            html.open("ul", "class", "plain");
            model.externals().values().forEach(external -> html.open("li").element("code", external.name().toString())
                    .text(" read by " + external.readers().size() + " model" + (external.readers().size() == 1 ? "" : "s")).close("li"));
            html.close("ul");
        }
        return layout.end(html, path, List.of(SitePaths.ASSETS + "veneer.js"));
    }

    private static void select(Html html, String id, String label, java.util.Set<String> values) {
        html.element("label", label, "for", id);
        html.open("select", "id", id);
        html.element("option", "any", "value", "");
        values.forEach(value -> html.element("option", value, "value", value));
        html.close("select");
    }
}
