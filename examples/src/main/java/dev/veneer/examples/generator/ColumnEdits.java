package dev.veneer.examples.generator;

import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.sql.QueryTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.NamedExpressionContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryPrimaryDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryTermDefaultContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.RegularQuerySpecificationContext;

/**
 * Random single-column edits of a model file, for the column-level categorization property test and
 * benchmark: one item {@code e AS c} of the outermost select list becomes
 * {@code CASE WHEN abs(hash(e)) % 2 = 0 THEN NULL ELSE e END AS c}, the same column with the same
 * type, NULL in about half the rows.
 */
public final class ColumnEdits {
    private ColumnEdits() {}

    /** The edited file content, or {@code null} when the query has no plain outermost select item to edit. */
    public static String editOneColumn(String file, ModelDefinition model, Random random) {
        QueryContext query = QueryTrees.parse(model.query());
        if (!(query.queryTerm() instanceof QueryTermDefaultContext term)
                || !(term.queryPrimary() instanceof QueryPrimaryDefaultContext primary)
                || !(primary.querySpecification() instanceof RegularQuerySpecificationContext spec)) {
            return null;
        }
        List<NamedExpressionContext> items = new ArrayList<>(spec.selectClause().namedExpressionSeq().namedExpression());
        items.removeIf(item -> item.getText().endsWith("*"));
        if (items.isEmpty()) {
            return null;
        }
        NamedExpressionContext item = items.get(random.nextInt(items.size()));
        String text = model.query().text();
        int start = item.expression().getStart().getStartIndex();
        int stop = item.expression().getStop().getStopIndex() + 1;
        String expression = text.substring(start, stop);
        String name = item.name != null || item.identifierList() != null ? "" : " AS " + expression.substring(expression.lastIndexOf('.') + 1);
        String replacement = "CASE WHEN abs(hash(" + expression + ")) % 2 = 0 THEN NULL ELSE " + expression + " END" + name;
        int offset = file.indexOf(text);
        return file.substring(0, offset) + text.substring(0, start) + replacement + text.substring(stop)
                + file.substring(offset + text.length());
    }
}
