package dev.veneer.spark.docs;

import dev.veneer.catalog.ModelName;
import dev.veneer.spark.docs.DocsModel.CheckResult;
import dev.veneer.spark.docs.DocsModel.ColumnDoc;
import dev.veneer.spark.docs.DocsModel.EnvironmentTable;
import dev.veneer.spark.docs.DocsModel.ModelDoc;
import dev.veneer.spark.docs.DocsModel.Property;
import dev.veneer.spark.docs.ColumnLineage.ModelColumns;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One model: summary, highlighted SQL (header and query as written), columns, parents and children,
 * the physical table each environment points at with the data intervals done, audits and tests.
 * Plain HTML: nothing on it needs a script.
 */
final class ModelPage {
    private ModelPage() {}

    static String render(DocsModel site, ModelDoc doc, PageLayout layout) {
        String name = doc.name().toString();
        String path = SitePaths.model(name);
        Html html = layout.begin(path, SitePaths.MODELS, name);
        html.open("nav", "aria-label", "Breadcrumb", "class", "crumbs").link("../" + SitePaths.MODELS, "Models").text(" / ")
                .text(name).close("nav");
        html.element("h1", name);
        doc.description().ifPresent(description -> html.element("p", description, "class", "lead"));
        html.open("p", "class", "actions")
                .link("../" + SitePaths.DAG + "?model=" + name, "Neighbourhood in the DAG").text(" · ")
                .link("../" + SitePaths.LINEAGE + "?model=" + name, "Lineage").close("p");

        html.open("section", "aria-labelledby", "summary-h").element("h2", "Summary", "id", "summary-h");
        html.open("dl", "class", "facts");
        fact(html, "kind", doc.kind());
        fact(html, "table format", doc.kind().equals("VIEW") ? "view" : doc.tableFormat());
        fact(html, "owner", doc.owner().orElse("—"));
        fact(html, "tags", doc.tags().isEmpty() ? "—" : String.join(", ", doc.tags()));
        fact(html, "file", doc.path());
        for (Property property : doc.properties()) {
            fact(html, property.name(), property.value());
        }
        html.close("dl").close("section").newline();

        html.open("section", "aria-labelledby", "sql-h").element("h2", "SQL", "id", "sql-h");
        html.open("div", "id", "model-sql");
        SqlHighlighter.write(html, doc.file(), doc.macros());
        html.close("div").close("section").newline();

        html.open("section", "aria-labelledby", "columns-h").element("h2", "Columns", "id", "columns-h");
        columns(html, name, site.lineage().columns(doc.name(), doc.columns()), !doc.columns().isEmpty());
        html.close("section").newline();

        html.open("section", "aria-labelledby", "deps-h").element("h2", "Parents and children", "id", "deps-h");
        html.open("div", "class", "deps");
        html.open("div").element("h3", "Reads (" + (doc.parents().size() + doc.externalParents().size()) + ")");
        links(html, doc.parents(), site);
        if (!doc.externalParents().isEmpty()) {
            html.open("ul", "class", "plain");
            doc.externalParents().forEach(external -> html.open("li").element("code", external.toString()).text(" (external)").close("li"));
            html.close("ul");
        }
        html.close("div");
        html.open("div").element("h3", "Read by (" + doc.children().size() + ")");
        links(html, doc.children(), site);
        html.close("div").close("div").close("section").newline();

        html.open("section", "aria-labelledby", "tables-h").element("h2", "Physical tables", "id", "tables-h");
        tables(html, doc, site);
        html.close("section").newline();

        html.open("section", "aria-labelledby", "checks-h").element("h2", "Audits and tests", "id", "checks-h");
        checks(html, doc.checks());
        html.close("section").newline();
        return layout.end(html, path, List.of());
    }

    private static void fact(Html html, String term, String value) {
        html.element("dt", term).element("dd", value);
    }

    /** Every column the model outputs (as declared, or as its query shows), each linking to its lineage. */
    private static void columns(Html html, String model, ModelColumns columns, boolean declared) {
        if (columns.columns().isEmpty() && columns.star().isEmpty()) {
            html.element("p", columns.unsupported().map(reason -> "The header declares no columns and lineage cannot list them: the query uses "
                    + reason + ".").orElse("The model outputs no column Veneer can name."), "class", "muted");
            return;
        }
        html.element("p", declared ? "As the header declares them, then any other column the query outputs. Each column links to its lineage."
                : "As the query outputs them (the header declares none). Each column links to its lineage.", "class", "muted");
        html.open("table", "class", "columns", "id", "model-columns").open("thead").open("tr").element("th", "Column", "scope", "col")
                .element("th", "Type", "scope", "col").close("tr").close("thead").open("tbody");
        for (ColumnDoc column : columns.columns()) {
            html.open("tr", "data-column", column.name()).open("td");
            if (columns.traced().contains(column.name().toLowerCase(java.util.Locale.ROOT))) {
                html.open("a", "href", "../" + SitePaths.LINEAGE + "?model=" + model + "&column="
                        + URLEncoder.encode(column.name(), StandardCharsets.UTF_8)).element("code", column.name()).close("a");
            }
            else {
                html.element("code", column.name());
            }
            if (columns.guessed().contains(column.name())) {
                html.text(" ").element("span", "(unaliased: Spark names it after its expression)", "class", "muted");
            }
            html.close("td").element("td", column.type().orElse("unknown")).close("tr");
        }
        columns.star().ifPresent(star -> html.open("tr", "class", "star").open("td").element("code", "*").close("td")
                .element("td", star).close("tr"));
        html.close("tbody").close("table");
        columns.unsupported().ifPresent(reason -> html.element("p", "Lineage does not trace through " + reason
                + ": everything the model reads may feed every column.", "class", "muted"));
    }

    private static void links(Html html, List<ModelName> models, DocsModel site) {
        if (models.isEmpty()) {
            html.element("p", "none", "class", "muted");
            return;
        }
        html.open("ul", "class", "plain");
        for (ModelName model : models) {
            html.open("li");
            if (site.models().containsKey(model)) {
                html.link(SitePaths.modelFile(model.toString()), model.toString());
            }
            else {
                html.element("code", model.toString());
            }
            html.close("li");
        }
        html.close("ul");
    }

    private static void tables(Html html, ModelDoc doc, DocsModel site) {
        if (doc.tables().isEmpty()) {
            html.element("p", site.environments().isEmpty()
                    ? "No environment yet: create prod with 'veneer plan prod --auto-apply'."
                    : "No environment shown here holds this model yet.", "class", "muted");
            return;
        }
        html.open("table", "class", "env-tables", "id", "physical-tables").open("thead").open("tr");
        for (String heading : List.of("Environment", "Physical table", "Version", "Shared with prod", "Intervals done", "Matches the project")) {
            html.element("th", heading, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (EnvironmentTable table : doc.tables()) {
            html.open("tr", "data-environment", table.environment());
            html.open("th", "scope", "row").link("../" + SitePaths.environment(table.environment()), table.environment()).close("th");
            html.open("td").element("code", table.physicalTable()).close("td");
            html.open("td").element("code", table.version()).close("td");
            html.element("td", table.environment().equals("prod") ? "—" : table.sharedWithProd() ? "yes" : "no, own table");
            html.element("td", intervals(doc.kind(), table));
            html.element("td", table.current() ? "yes" : "no: the project has changed since");
            html.close("tr");
        }
        html.close("tbody").close("table");
    }

    private static String intervals(String kind, EnvironmentTable table) {
        return switch (kind) {
            case "VIEW" -> "— (a view holds no data)";
            case "FULL", "SEED" -> table.intervals().isEmpty() ? "not built yet" : "whole table, as of " + Times.time(table.intervals().get(table.intervals().size() - 1).end());
            default -> Times.ranges(table.intervals());
        };
    }

    private static void checks(Html html, List<CheckResult> checks) {
        if (checks.isEmpty()) {
            html.element("p", "This model has no audits or unit tests.", "class", "muted");
            return;
        }
        html.open("table", "class", "checks").open("thead").open("tr");
        for (String heading : List.of("Kind", "Name", "Blocking", "Last result", "When", "Detail")) {
            html.element("th", heading, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (CheckResult check : checks) {
            String result = check.passed().map(passed -> passed ? "passed" : "failed").orElse("not run yet");
            html.open("tr", "class", "check-" + result.replace(' ', '-'));
            html.element("td", check.kind()).open("td").element("code", check.name()).close("td")
                    .element("td", check.blocking() ? "yes" : "no").element("td", result)
                    .element("td", check.ranAt().map(Times::minutes).orElse("—")).element("td", check.detail());
            html.close("tr");
        }
        html.close("tbody").close("table");
    }
}
