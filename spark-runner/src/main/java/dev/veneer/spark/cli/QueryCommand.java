package dev.veneer.spark.cli;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.PhysicalNames;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.planner.plan.SqlNames;
import dev.veneer.planner.sql.ParsedQuery;
import dev.veneer.planner.sql.QueryRewriter;
import dev.veneer.planner.sql.TableReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Runs SQL in an environment: every model name in the statement is rewritten, on the parsed
 * references, to that environment's view.
 */
@Command(name = "query", description = "Run SQL with model names resolved in an environment.")
final class QueryCommand implements Callable<Integer>, JsonOutput {
    @ParentCommand
    VeneerCli root;

    @Parameters(index = "0", paramLabel = "SQL", description = "One Spark SQL statement.")
    String sql;

    @Option(names = "--env", paramLabel = "ENV", defaultValue = EnvironmentName.PROD, description = "Environment (default: prod).")
    String environment;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default), csv or json.")
    ResultFormat format;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000", description = "Print at most N rows (default 1000).")
    int maxRows;

    @Override
    public boolean json() {
        return format == ResultFormat.json;
    }

    @Override
    public Integer call() {
        try (CommandContext context = new CommandContext(root.project)) {
            EnvironmentRecord record = Environments.require(context.stateForReading(), environment);
            String statement = resolve(context, record);
            Dataset<Row> result;
            List<Row> rows;
            try {
                result = context.spark().sql(statement);
                rows = result.takeAsList(maxRows);
            }
            catch (RuntimeException e) {
                throw new VeneerException(ErrorCode.QUERY_FAILED, "query failed in environment '" + environment + "': "
                        + firstLine(e.getMessage()) + "\n  statement run: " + statement, e);
            }
            System.out.print(ResultPrinter.print(result.schema(), rows, format));
            return 0;
        }
    }

    private String resolve(CommandContext context, EnvironmentRecord record) {
        ParsedQuery parsed = context.planner().parser().parseStatement(sql);
        if (EnvironmentName.isProd(environment)) {
            return sql;
        }
        Map<ModelName, ?> models = record.pointers();
        return QueryRewriter.rewrite(parsed, reference -> viewOf(reference, models));
    }

    private Optional<String> viewOf(TableReference reference, Map<ModelName, ?> models) {
        if (reference.nameParts().size() != 2 || !ModelName.isValid(reference.qualifiedName())) {
            return Optional.empty();
        }
        ModelName model = ModelName.parse(reference.qualifiedName());
        return models.containsKey(model)
                ? Optional.of(SqlNames.quoteQualified(PhysicalNames.viewName(model, environment)))
                : Optional.empty();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
