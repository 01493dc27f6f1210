package dev.veneer.spark.docs;

import dev.veneer.catalog.ModelName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The project's site: overview, models, DAG, environments, lineage, each page a function of one {@link DocsModel}. */
public final class DocsSite implements Site {
    private final DocsModel model;
    private final PageLayout layout;

    public DocsSite(DocsModel model) {
        this.model = model;
        this.layout = new PageLayout(model.project(), model.generatedAt(), PageLayout.SITE_NAV);
    }

    public DocsModel model() {
        return model;
    }

    @Override
    public List<String> paths() {
        List<String> paths = new ArrayList<>(List.of(SitePaths.INDEX, SitePaths.MODELS, SitePaths.DAG, SitePaths.ENVIRONMENTS,
                SitePaths.LINEAGE, SitePaths.GRAPH_DATA));
        model.models().keySet().forEach(name -> paths.add(SitePaths.model(name.toString())));
        if (model.lineage() != ColumnLineage.NONE) {
            model.models().keySet().forEach(name -> paths.add(SitePaths.lineageData(name.toString())));
        }
        model.environments().forEach(environment -> paths.add(SitePaths.environment(environment.name())));
        paths.addAll(Assets.PATHS);
        return paths;
    }

    @Override
    public Optional<byte[]> content(String path) {
        return page(path).map(text -> text.getBytes(StandardCharsets.UTF_8)).or(() -> Assets.content(path));
    }

    private Optional<String> page(String path) {
        switch (path) {
            case SitePaths.INDEX:
                return Optional.of(IndexPage.render(model, layout));
            case SitePaths.MODELS:
                return Optional.of(ModelListPage.render(model, layout));
            case SitePaths.DAG:
                return Optional.of(GraphPages.dag(model, layout));
            case SitePaths.LINEAGE:
                return Optional.of(GraphPages.lineage(model, layout));
            case SitePaths.ENVIRONMENTS:
                return Optional.of(EnvironmentPages.list(model, layout));
            case SitePaths.GRAPH_DATA:
                return Optional.of(GraphPages.graphScript(model));
            default:
                break;
        }
        if (path.startsWith("models/") && path.endsWith(".html")) {
            String name = path.substring("models/".length(), path.length() - ".html".length());
            if (ModelName.isValid(name)) {
                return Optional.ofNullable(model.models().get(ModelName.parse(name))).map(doc -> ModelPage.render(model, doc, layout));
            }
        }
        if (path.startsWith(SitePaths.LINEAGE_DATA) && path.endsWith(".js") && model.lineage() != ColumnLineage.NONE) {
            String name = path.substring(SitePaths.LINEAGE_DATA.length(), path.length() - ".js".length());
            if (ModelName.isValid(name) && model.models().containsKey(ModelName.parse(name))) {
                return Optional.of(LineageData.script(model.lineage().model(ModelName.parse(name))));
            }
        }
        if (path.startsWith("environments/") && path.endsWith(".html")) {
            String name = path.substring("environments/".length(), path.length() - ".html".length());
            return model.environment(name).map(environment -> EnvironmentPages.page(model, environment, layout));
        }
        return Optional.empty();
    }
}
