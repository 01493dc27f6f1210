package dev.veneer.catalog;

import java.util.regex.Pattern;

/**
 * Environment names are lower-case {@code [a-z0-9_]+}, at most {@value #MAX_LENGTH} characters (they
 * end up in schema names, {@code schema__env}); {@code prod} is the production environment.
 */
public final class EnvironmentName {
    public static final String PROD = "prod";
    public static final int MAX_LENGTH = 63;
    private static final Pattern VALID = Pattern.compile("[a-z0-9_]+");

    private EnvironmentName() {}

    public static String validate(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new VeneerException(ErrorCode.ENVIRONMENT_INVALID,
                    "invalid environment name '" + name + "': use lower-case letters, digits and '_' only, e.g. 'dev' or 'feature_orders'");
        }
        if (name.length() > MAX_LENGTH) {
            throw new VeneerException(ErrorCode.ENVIRONMENT_INVALID,
                    "invalid environment name '" + name + "': it has " + name.length() + " characters, at most " + MAX_LENGTH
                            + " are allowed (it becomes part of schema names); choose a shorter name");
        }
        return name;
    }

    public static boolean isProd(String name) {
        return PROD.equals(name);
    }
}
