package dev.veneer.spark;

import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import scala.Function1;
import scala.Tuple3;
import scala.collection.immutable.Seq;

/**
 * {@code veneer_environment()}: the environment that answers the calling session's production names
 * ({@code prod} when none is set), checked like a query would check it, as a string literal.
 */
final class EnvironmentFunction {
    static final String NAME = "veneer_environment";

    private EnvironmentFunction() {}

    static Tuple3<FunctionIdentifier, ExpressionInfo, Function1<Seq<Expression>, Expression>> description() {
        ExpressionInfo info = new ExpressionInfo(EnvironmentFunction.class.getName(), null, NAME,
                "_FUNC_() - The Veneer environment that answers this session's production names (spark.veneer.environment), or 'prod'.",
                "", "\n    Examples:\n      > SELECT _FUNC_();\n       dev\n  ", "", "misc_funcs", "0.1.0", "", "built-in");
        Function1<Seq<Expression>, Expression> builder = arguments -> {
            if (!arguments.isEmpty()) {
                throw new IllegalArgumentException(NAME + "() takes no arguments, got " + arguments.size());
            }
            return Literal.create(VeneerSession.environment((SparkSession) SparkSession.active()), DataTypes.StringType);
        };
        return new Tuple3<>(FunctionIdentifier.apply(NAME), info, builder);
    }
}
