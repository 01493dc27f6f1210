package dev.veneer.planner.sql;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;

/** The SQL errors a user can cause, side by side: each says what is wrong and what to do. */
final class SqlErrors {
    private SqlErrors() {}

    static VeneerException syntax(SourceLocation location, String near, String detail) {
        return new VeneerException(ErrorCode.SQL_SYNTAX, location,
                "syntax error at or near " + near + ": " + detail + "; fix the SQL of this model", null);
    }

    static VeneerException unclosedComment(SourceLocation location) {
        return new VeneerException(ErrorCode.SQL_SYNTAX, location,
                "syntax error: a /* comment is never closed; add */ where the comment ends", null);
    }

    static VeneerException invalidIdentifier(SourceLocation location, String text) {
        return new VeneerException(ErrorCode.SQL_SYNTAX, location,
                "syntax error: invalid identifier '" + text + "'; quote names holding '-' with back-quotes: `"
                        + text + "`", null);
    }

    static VeneerException unknownMacro(SourceLocation location, String name) {
        return new VeneerException(ErrorCode.SQL_SYNTAX, location,
                "unknown macro variable @" + name + "; use one of " + MacroVariables.NAMES.stream().map(known -> "@" + known)
                        .collect(java.util.stream.Collectors.joining(", ")) + ", or quote the text if it is not a variable", null);
    }

    static VeneerException notAQuery(SourceLocation location, String statement) {
        return new VeneerException(ErrorCode.MODEL_INVALID, location,
                "a model holds one query (SELECT, WITH ..., VALUES, TABLE or a set operation), but this is a "
                        + statement + " statement; keep only the query in the model file", null);
    }

    static VeneerException severalStatements(SourceLocation location, boolean model) {
        return model
                ? new VeneerException(ErrorCode.MODEL_INVALID, location,
                        "a model holds one query, but a second statement starts here; keep one query per model file", null)
                : new VeneerException(ErrorCode.SQL_SYNTAX, location,
                        "only one statement can run at a time, but a second statement starts here; run them one by one", null);
    }

    static VeneerException empty(SourceLocation location, boolean model) {
        return new VeneerException(model ? ErrorCode.MODEL_INVALID : ErrorCode.SQL_SYNTAX, location,
                model ? "the model has no query; write one SELECT query after the MODEL header"
                        : "the SQL is empty; write one statement", null);
    }
}
