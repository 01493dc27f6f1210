package dev.veneer.spark.docs;

import dev.veneer.spark.docs.DocsModel.EnvironmentDoc;
import dev.veneer.spark.docs.DocsModel.ModelChange;
import java.util.List;
import java.util.Locale;

/** The environments: a list, and for each its difference from prod with the changed part of the DAG. */
final class EnvironmentPages {
    /** More nodes than this are not drawn at once: the page offers a model's neighbourhood instead. */
    static final int DRAW_LIMIT = 300;

    private EnvironmentPages() {}

    static String list(DocsModel model, PageLayout layout) {
        String path = SitePaths.ENVIRONMENTS;
        Html html = layout.begin(path, path, "Environments");
        html.element("h1", "Environments");
        if (model.environments().isEmpty()) {
            html.element("p", "No environments yet. Create prod with: veneer plan prod --auto-apply", "class", "muted");
            return layout.end(html, path, List.of());
        }
        table(html, model, "");
        return layout.end(html, path, List.of());
    }

    /** The environments table, also on the overview page; {@code prefix} leads from the page to the root. */
    static void table(Html html, DocsModel model, String prefix) {
        html.open("table", "class", "environments", "id", "environment-table").open("thead").open("tr");
        for (String heading : List.of("Environment", "Base", "Models", "Changed vs prod", "Own tables", "Shared with prod",
                "Last plan", "Expires", "Status")) {
            html.element("th", heading, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (EnvironmentDoc environment : model.environments()) {
            html.open("tr", "data-environment", environment.name());
            html.open("th", "scope", "row").link(prefix + SitePaths.environment(environment.name()), environment.name()).close("th");
            html.element("td", environment.baseEnvironment());
            html.element("td", String.valueOf(environment.models()));
            html.element("td", environment.isProd() ? "—" : String.valueOf(environment.changes().size()));
            html.element("td", environment.isProd() ? "—" : String.valueOf(environment.ownTables()));
            html.element("td", environment.isProd() ? "—" : String.valueOf(environment.sharedTables()));
            html.element("td", Times.minutes(environment.updatedAt()));
            html.element("td", environment.expiresAt().map(Times::minutes).orElse("never"));
            html.element("td", status(environment));
            html.close("tr");
        }
        html.close("tbody").close("table");
    }

    private static String status(EnvironmentDoc environment) {
        return environment.expired() ? "expired" : environment.finalized() ? "ready" : "applying";
    }

    static String page(DocsModel model, EnvironmentDoc environment, PageLayout layout) {
        String path = SitePaths.environment(environment.name());
        Html html = layout.begin(path, SitePaths.ENVIRONMENTS, "Environment " + environment.name());
        html.open("nav", "aria-label", "Breadcrumb", "class", "crumbs").link("../" + SitePaths.ENVIRONMENTS, "Environments")
                .text(" / ").text(environment.name()).close("nav");
        html.element("h1", "Environment " + environment.name());
        html.open("dl", "class", "facts");
        html.element("dt", "base").element("dd", environment.baseEnvironment());
        html.element("dt", "models").element("dd", String.valueOf(environment.models()));
        html.element("dt", "last plan").element("dd", environment.planId() + " at " + Times.minutes(environment.updatedAt()));
        html.element("dt", "created").element("dd", Times.minutes(environment.createdAt()));
        html.element("dt", "expires").element("dd", environment.expiresAt().map(at -> Times.minutes(at) + (environment.expired() ? " (expired)" : ""))
                .orElse("never"));
        html.element("dt", "status").element("dd", status(environment));
        if (!environment.isProd()) {
            html.element("dt", "tables").element("dd", environment.ownTables() + " of its own, " + environment.sharedTables() + " shared with prod");
        }
        html.close("dl");
        if (environment.isProd()) {
            html.element("p", "prod is what every other environment is compared with. Its models and tables are on each model's page.");
            return layout.end(html, path, List.of());
        }
        html.open("section", "aria-labelledby", "changes-h").element("h2", "Changed against prod (" + environment.changes().size() + ")", "id", "changes-h");
        if (environment.changes().isEmpty()) {
            html.element("p", "Every model points at the same snapshot as prod: promoting it would change nothing.", "class", "muted");
        }
        else {
            html.open("table", "class", "changes", "id", "change-table").open("thead").open("tr");
            for (String heading : List.of("Model", "Change", "Category", "Table", "prod's table")) {
                html.element("th", heading, "scope", "col");
            }
            html.close("tr").close("thead").open("tbody");
            for (ModelChange change : environment.changes()) {
                String category = change.category().map(Enum::name).orElse("");
                html.open("tr", "data-model", change.model(), "class", "mark-" + mark(change));
                html.open("th", "scope", "row");
                if (model.models().containsKey(dev.veneer.catalog.ModelName.parse(change.model()))) {
                    html.link("../" + SitePaths.model(change.model()), change.model());
                }
                else {
                    html.element("code", change.model());
                }
                html.close("th");
                html.element("td", change.change().name().toLowerCase(Locale.ROOT));
                html.element("td", category);
                html.open("td").element("code", change.table() == null ? "—" : change.table())
                        .text(change.sameTable() ? " (shared with prod)" : "").close("td");
                html.open("td").element("code", change.prodTable() == null ? "—" : change.prodTable()).close("td");
                html.close("tr");
            }
            html.close("tbody").close("table");
        }
        html.close("section");
        if (!environment.graph().nodes().isEmpty()) {
            html.open("section", "aria-labelledby", "graph-h").element("h2", "Changed part of the DAG", "id", "graph-h");
            html.element("p", "Changed models are coloured by category; grey ones are unchanged parents they read, shared with prod.", "class", "muted");
            graph(html, environment.graph(), "environment");
            html.close("section");
        }
        return layout.end(html, path, GraphPages.GRAPH_SCRIPTS);
    }

    static String mark(ModelChange change) {
        return switch (change.change()) {
            case ADDED -> "added";
            case REMOVED -> "removed";
            case MODIFIED -> change.category().map(category -> category.name().toLowerCase(Locale.ROOT)).orElse("modified");
        };
    }

    /** A graph the page's script draws from data embedded in the page. */
    static void graph(Html html, GraphData graph, String page) {
        html.json("graph-data", graph.toJson());
        html.open("p", "id", "graph-status", "aria-live", "polite").close("p");
        html.open("div", "id", "graph", "class", "graph", "data-page", page, "data-limit", String.valueOf(DRAW_LIMIT)).close("div");
    }
}
