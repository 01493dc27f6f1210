package dev.veneer.spark;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.plans.logical.AlterViewAs;
import org.apache.spark.sql.catalyst.plans.logical.CreateView;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.MergeIntoTable;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;
import org.apache.spark.sql.execution.command.CreateViewCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import scala.Function1;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractPartialFunction;
import scala.runtime.BoxedUnit;

/**
 * Rewrites the production names a parsed statement <em>reads</em>, {@code schema.model}, to an
 * environment's views, {@code schema__env.model}, on Spark's own logical plan.
 *
 * <p>What is redirected, on purpose:
 * <ul>
 *   <li>every relation a query reads: the main query, joins, set operations, subqueries in any
 *       expression, CTE bodies, the query of {@code INSERT … SELECT}, {@code CREATE TABLE … AS SELECT},
 *       the source of {@code MERGE}, subqueries of {@code UPDATE}/{@code DELETE}, the query under {@code EXPLAIN};</li>
 *   <li>not the tables written: the targets of {@code INSERT}, {@code MERGE}, {@code UPDATE}, {@code DELETE}
 *       stay as written, so an environment session never writes somewhere it did not name;</li>
 *   <li>not view definitions ({@code CREATE [TEMP] VIEW}, {@code ALTER VIEW … AS}): a view is stored on
 *       the production names as written and, like every view, resolves in the environment of the
 *       session that reads it (Spark re-parses a view's text through the session's parser);</li>
 *   <li>not names with a catalog, one-part names, and names whose schema already holds {@code __}
 *       (environment view schemas and physical schemas: Veneer's own names).</li>
 * </ul>
 * A name whose environment view is missing keeps its production name (a fallback, reported to the
 * caller) when the environment has that schema; a schema the environment does not have at all
 * (an external source's, say) is not Veneer's to redirect and stays silently.
 */
final class RelationRedirector {
    /** What the redirector asks of the catalog; names are case-folded already. */
    interface Catalog {
        /** Called once per statement, before its first lookup: fails if the environment does not exist. */
        void requireEnvironment(String environment);

        /** A registered catalog name, such as {@code spark_catalog} or {@code lake}. */
        boolean isCatalog(String name);

        boolean relationExists(String schema, String name);

        boolean schemaExists(String schema);
    }

    /**
     * One production name a statement reads, the environment's view of it, and whether that view was
     * missing, so that prod's answered instead.
     */
    record Redirect(String from, String environmentView, boolean fellBack) {
        Redirect {
            requireNonNull(from, "from is null");
            requireNonNull(environmentView, "environmentView is null");
        }

        /** The relation that answers: the environment's view, or prod's on a fallback. */
        String answeredBy() {
            return fellBack ? from : environmentView;
        }

        @Override
        public String toString() {
            return fellBack ? from + " -> prod (no " + environmentView + ")" : from + " -> " + environmentView;
        }
    }

    record Result(LogicalPlan plan, List<Redirect> redirects) {
        Result {
            requireNonNull(plan, "plan is null");
            redirects = List.copyOf(redirects);
        }
    }

    private final Catalog catalog;

    RelationRedirector(Catalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    Result redirect(LogicalPlan plan, String environment) {
        requireNonNull(plan, "plan is null");
        requireNonNull(environment, "environment is null");
        if (isViewDefinition(plan)) {
            return new Result(plan, List.of());
        }
        Set<LogicalPlan> writeTargets = Collections.newSetFromMap(new IdentityHashMap<>());
        plan.foreach(node -> collectWriteTargets(node, writeTargets));
        List<Redirect> redirects = new ArrayList<>();
        LogicalPlan rewritten = rewrite(plan, new Rewrite(environment, writeTargets, redirects));
        return new Result(rewritten, redirects);
    }

    static boolean isViewDefinition(LogicalPlan plan) {
        return plan instanceof CreateView || plan instanceof AlterViewAs || plan instanceof CreateViewCommand;
    }

    private static BoxedUnit collectWriteTargets(LogicalPlan node, Set<LogicalPlan> targets) {
        LogicalPlan target = null;
        if (node instanceof MergeIntoTable merge) {
            target = merge.targetTable();
        }
        else if (node instanceof UpdateTable update) {
            target = update.table();
        }
        else if (node instanceof DeleteFromTable delete) {
            target = delete.table();
        }
        if (target != null) {
            target.foreach(leaf -> {
                if (leaf instanceof UnresolvedRelation) {
                    targets.add(leaf);
                }
                return BoxedUnit.UNIT;
            });
        }
        return BoxedUnit.UNIT;
    }

    private static LogicalPlan rewrite(LogicalPlan plan, Rewrite rule) {
        return plan.transformUpWithSubqueries(rule);
    }

    /** The rule applied bottom-up to every node, including the plans of subquery expressions. */
    private final class Rewrite extends AbstractPartialFunction<LogicalPlan, LogicalPlan> {
        private final String environment;
        private final Set<LogicalPlan> writeTargets;
        private final List<Redirect> redirects;
        private boolean environmentChecked;

        Rewrite(String environment, Set<LogicalPlan> writeTargets, List<Redirect> redirects) {
            this.environment = environment;
            this.writeTargets = writeTargets;
            this.redirects = redirects;
        }

        @Override
        public boolean isDefinedAt(LogicalPlan node) {
            return node instanceof UnresolvedRelation || node instanceof UnresolvedWith || node instanceof ExplainCommand;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A1 extends LogicalPlan, B1> B1 applyOrElse(A1 node, Function1<A1, B1> otherwise) {
            if (node instanceof UnresolvedRelation relation) {
                return (B1) (writeTargets.contains(relation) ? relation : redirected(relation));
            }
            if (node instanceof UnresolvedWith with) {
                return (B1) withRewrittenCtes(with);
            }
            if (node instanceof ExplainCommand explain) {
                Result explained = redirect(explain.logicalPlan(), environment);
                redirects.addAll(explained.redirects());
                return (B1) explain.copy(explained.plan(), explain.mode());
            }
            return otherwise.apply(node);
        }

        /** CTE bodies are not children of the plan: each is rewritten as a plan of its own. */
        private UnresolvedWith withRewrittenCtes(UnresolvedWith with) {
            List<Tuple3<String, SubqueryAlias, scala.Option<Object>>> ctes = new ArrayList<>();
            for (Tuple3<String, SubqueryAlias, scala.Option<Object>> cte : CollectionConverters.asJava(with.cteRelations())) {
                ctes.add(new Tuple3<>(cte._1(), (SubqueryAlias) rewrite(cte._2(), this), cte._3()));
            }
            return with.copy(with.child(), CollectionConverters.asScala(ctes).toList(), with.allowRecursion());
        }

        private LogicalPlan redirected(UnresolvedRelation relation) {
            List<String> parts = CollectionConverters.asJava(relation.multipartIdentifier());
            if (parts.size() != 2) {
                return relation;
            }
            String schema = parts.get(0).toLowerCase(Locale.ROOT);
            String name = parts.get(1).toLowerCase(Locale.ROOT);
            if (schema.contains("__") || schema.equals("global_temp") || catalog.isCatalog(schema)) {
                return relation;
            }
            if (!environmentChecked) {
                catalog.requireEnvironment(environment);
                environmentChecked = true;
            }
            String from = schema + "." + name;
            String environmentSchema = schema + "__" + environment;
            String environmentView = environmentSchema + "." + name;
            if (catalog.relationExists(environmentSchema, name)) {
                redirects.add(new Redirect(from, environmentView, false));
                List<String> target = List.of(environmentSchema, parts.get(1));
                return relation.copy(CollectionConverters.asScala(target).toList(), relation.options(), relation.isStreaming());
            }
            if (catalog.schemaExists(environmentSchema)) {
                redirects.add(new Redirect(from, environmentView, true));
            }
            return relation;
        }
    }
}
