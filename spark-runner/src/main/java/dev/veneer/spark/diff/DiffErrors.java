package dev.veneer.spark.diff;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import java.util.Collection;

/** Errors of {@code table-diff} a user can act on. */
final class DiffErrors {
    private DiffErrors() {}

    static VeneerException missingKey(String key, String table, Collection<String> columns) {
        return new VeneerException(ErrorCode.MODEL_INVALID, "key column '" + key + "' is not a column of " + table
                + "; its columns are: " + String.join(", ", columns) + "; choose keys with --on");
    }
}
