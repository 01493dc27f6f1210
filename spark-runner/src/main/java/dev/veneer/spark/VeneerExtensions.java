package dev.veneer.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.classic.SparkSession;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Veneer's Spark session extension, for notebooks and jobs that read an environment under
 * production names:
 *
 * <pre>
 * spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension,org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,dev.veneer.spark.VeneerExtensions
 * spark.veneer.environment=dev        # or, at run time: SET spark.veneer.environment=dev
 * </pre>
 *
 * With {@code spark.veneer.environment} set, {@code schema.model} in a statement reads
 * {@code schema__<env>.model}; unset, blank or {@code prod} reads prod. Register it <em>last</em>, so
 * that its parser wraps Iceberg's and Delta's. It also adds the SQL function
 * {@code veneer_environment()}: the environment that answers this session's production names.
 * See {@link RelationRedirector} for what each kind of statement does.
 */
public final class VeneerExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    public VeneerExtensions() {}

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectParser((session, delegate) -> new EnvironmentParser((SparkSession) session, delegate));
        extensions.injectFunction(EnvironmentFunction.description());
        return BoxedUnit.UNIT;
    }
}
