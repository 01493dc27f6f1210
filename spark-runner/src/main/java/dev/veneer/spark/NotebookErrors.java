package dev.veneer.spark;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import java.util.Set;

/** The errors a notebook session sees, side by side: what is wrong, why, what to do. */
final class NotebookErrors {
    private NotebookErrors() {}

    static VeneerException invalidEnvironment(String value, VeneerException cause) {
        return new VeneerException(ErrorCode.ENVIRONMENT_INVALID, VeneerSession.ENVIRONMENT_KEY + " is '" + value + "': "
                + cause.getMessage() + "; or RESET " + VeneerSession.ENVIRONMENT_KEY + " to read prod", cause);
    }

    static VeneerException unknownEnvironment(String environment, Set<String> known) {
        return new VeneerException(ErrorCode.ENVIRONMENT_NOT_FOUND, "environment '" + environment + "' ("
                + VeneerSession.ENVIRONMENT_KEY + ") does not exist in this metastore: no schema <schema>__" + environment
                + " holds its views; "
                + (known.isEmpty() ? "no environment other than prod exists here" : "environments here: " + String.join(", ", known))
                + ". Create it with 'veneer plan " + environment + " --auto-apply', SET " + VeneerSession.ENVIRONMENT_KEY
                + " to one that exists, or RESET it to read prod");
    }

    static VeneerException notRegistered(String detail) {
        return new VeneerException(ErrorCode.ENVIRONMENT_INVALID, "this SparkSession cannot switch environments: " + detail
                + "; start it with spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension,"
                + "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions," + VeneerExtensions.class.getName()
                + " (Veneer's last) and the runner jar on its classpath");
    }
}
