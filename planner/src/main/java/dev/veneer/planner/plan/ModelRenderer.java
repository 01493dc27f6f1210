package dev.veneer.planner.plan;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.sql.QueryRewriter;
import dev.veneer.planner.sql.SqlTemplate;
import dev.veneer.planner.sql.TableReference;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a model's query as it runs: every reference to a model replaced by the physical table
 * that model points at in one environment; external tables stay as written.
 */
public final class ModelRenderer {
    private final Project project;
    private final Map<ModelName, SnapshotPointer> pointers;

    private final Map<ModelName, SqlTemplate> rendered = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param pointers read when a model is rendered; a model's rendering is kept, so the pointers of
     *     its parents must not change after it (a plan fills them parents first, once each). Models
     *     may be rendered from several threads while nothing writes the pointers.
     */
    public ModelRenderer(Project project, Map<ModelName, SnapshotPointer> pointers) {
        this.project = project;
        this.pointers = pointers;
    }

    public String render(ModelDefinition model) {
        return QueryRewriter.rewrite(model.query(), this::physicalTableOf);
    }

    /** {@link #render}, keeping the model's macro variables in place for rendering per batch. */
    public SqlTemplate renderTemplate(ModelDefinition model) {
        return rendered.computeIfAbsent(model.name(), name -> QueryRewriter.rewriteTemplate(model.query(), this::physicalTableOf));
    }

    /** A model's audits rendered the same way: model names to physical tables; {@code @this_model} and time variables kept. */
    public java.util.List<PlanFile.PlannedAudit> renderAudits(ModelName model) {
        return project.audits(model).stream()
                .map(audit -> {
                    SqlTemplate template = QueryRewriter.rewriteTemplate(audit.query(), this::physicalTableOf);
                    return new PlanFile.PlannedAudit(audit.name(), audit.blocking(), template.text(), template.macros());
                })
                .toList();
    }

    private Optional<String> physicalTableOf(TableReference reference) {
        if (reference.nameParts().size() != 2) {
            return Optional.empty();
        }
        ModelName name;
        try {
            name = new ModelName(reference.nameParts().get(0), reference.nameParts().get(1));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!project.models().containsKey(name)) {
            return Optional.empty();
        }
        SnapshotPointer pointer = pointers.get(name);
        return pointer == null ? Optional.empty() : Optional.of(SqlNames.quoteQualified(pointer.physicalTable()));
    }
}
