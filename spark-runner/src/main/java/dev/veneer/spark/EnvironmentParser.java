package dev.veneer.spark;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParameterContext;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's SQL parser, wrapping the one it was given (Iceberg's, which wraps Delta's, which
 * wraps Spark's): every statement is parsed by the delegate, then the production names it reads are
 * redirected to the environment set in the session at that moment ({@link RelationRedirector}).
 * Identifiers, expressions and types are the delegate's business alone, which is also why
 * {@code spark.table("schema.model")} (it parses a multipart identifier, not a plan) is not redirected.
 */
final class EnvironmentParser implements ParserInterface {
    private static final Logger log = LoggerFactory.getLogger(EnvironmentParser.class);

    private final ParserInterface delegate;
    private final SessionEnvironment environment;
    private final RelationRedirector redirector;

    EnvironmentParser(SparkSession session, ParserInterface delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.environment = new SessionEnvironment(session);
        this.redirector = new RelationRedirector(environment);
    }

    SessionEnvironment environment() {
        return environment;
    }

    RelationRedirector redirector() {
        return redirector;
    }

    @Override
    public LogicalPlan parsePlan(String sqlText) throws ParseException {
        return redirect(delegate.parsePlan(sqlText), true);
    }

    @Override
    public LogicalPlan parsePlanWithParameters(String sqlText, ParameterContext parameters) throws ParseException {
        return redirect(delegate.parsePlanWithParameters(sqlText, parameters), true);
    }

    /** View bodies come through here when a view is read: they resolve in the reading session's environment. */
    @Override
    public LogicalPlan parseQuery(String sqlText) throws ParseException {
        return redirect(delegate.parseQuery(sqlText), false);
    }

    private LogicalPlan redirect(LogicalPlan plan, boolean statement) {
        Optional<String> current = environment.current();
        if (current.isEmpty()) {
            return plan;
        }
        RelationRedirector.Result result = redirector.redirect(plan, current.get());
        result.redirects().stream().filter(RelationRedirector.Redirect::fellBack).forEach(fallback -> log.warn(
                "{} has no view in environment '{}' ({} does not exist): reading prod's {}",
                fallback.from(), current.get(), fallback.environmentView(), fallback.from()));
        if (!result.redirects().isEmpty()) {
            String answered = result.redirects().stream().map(Object::toString).collect(Collectors.joining(", "));
            if (statement) {
                log.info("environment '{}' answered: {}", current.get(), answered);
            }
            else {
                log.debug("environment '{}' answered inside a view: {}", current.get(), answered);
            }
        }
        return result.plan();
    }

    @Override
    public Expression parseExpression(String sqlText) throws ParseException {
        return delegate.parseExpression(sqlText);
    }

    @Override
    public TableIdentifier parseTableIdentifier(String sqlText) throws ParseException {
        return delegate.parseTableIdentifier(sqlText);
    }

    @Override
    public FunctionIdentifier parseFunctionIdentifier(String sqlText) throws ParseException {
        return delegate.parseFunctionIdentifier(sqlText);
    }

    @Override
    public scala.collection.immutable.Seq<String> parseMultipartIdentifier(String sqlText) throws ParseException {
        return delegate.parseMultipartIdentifier(sqlText);
    }

    @Override
    public StructType parseRoutineParam(String sqlText) throws ParseException {
        return delegate.parseRoutineParam(sqlText);
    }

    @Override
    public StructType parseTableSchema(String sqlText) throws ParseException {
        return delegate.parseTableSchema(sqlText);
    }

    @Override
    public DataType parseDataType(String sqlText) throws ParseException {
        return delegate.parseDataType(sqlText);
    }
}
