package dev.veneer.spark.cli;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where the state store is, as a user may write it: a JDBC URL ({@code jdbc:sqlite:/abs/state.db},
 * {@code jdbc:postgresql://host/db}), or the path of a SQLite file, plain or as a {@code file:} URI.
 */
final class StateLocation {
    private StateLocation() {}

    /** The JDBC URL to open; a SQLite file on a remote file system is refused with what to use instead. */
    static String toJdbcUrl(String location) {
        String trimmed = location.trim();
        if (trimmed.startsWith("jdbc:")) {
            return trimmed;
        }
        String scheme = PlanFileReader.scheme(trimmed);
        if (scheme == null) {
            return "jdbc:sqlite:" + Path.of(trimmed).toAbsolutePath().normalize();
        }
        if (scheme.equals("file")) {
            try {
                return "jdbc:sqlite:" + Path.of(new URI(trimmed)).toAbsolutePath().normalize();
            }
            catch (URISyntaxException | IllegalArgumentException e) {
                throw badLocation(trimmed, "it is not a valid file: URI (" + e.getMessage() + ")");
            }
        }
        throw badLocation(trimmed, "a SQLite state file must be on a local disk, and " + scheme + ": is not;"
                + " a cluster shares its state through PostgreSQL: jdbc:postgresql://<host>:5432/<database>?currentSchema=veneer");
    }

    private static VeneerException badLocation(String location, String reason) {
        return new VeneerException(ErrorCode.STATE_UNAVAILABLE, "cannot use state '" + location + "': " + reason
                + " (set it with --conf " + ClusterSettings.STATE + "=..., VENEER_STATE_URL or 'state' in veneer.yaml)");
    }
}
