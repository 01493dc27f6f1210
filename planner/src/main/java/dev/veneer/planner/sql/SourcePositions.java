package dev.veneer.planner.sql;

import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Maps positions in a query's text to its file: the query may start mid-file (after a model
 * header), and users fix what {@code file:line:column} points at.
 */
record SourcePositions(String path, int firstLine, int firstColumn) {
    SourcePositions {
        if (path == null) {
            throw new NullPointerException("path is null");
        }
        if (firstLine < 1 || firstColumn < 1) {
            throw new IllegalArgumentException("firstLine and firstColumn are 1-based: " + firstLine + ":" + firstColumn);
        }
    }

    int fileLine(int queryLine) {
        return firstLine + queryLine - 1;
    }

    /** @param queryColumn 0-based, as ANTLR counts */
    int fileColumn(int queryLine, int queryColumn) {
        return queryLine == 1 ? firstColumn + queryColumn : queryColumn + 1;
    }

    int fileLine(Token token) {
        return fileLine(token.getLine());
    }

    int fileColumn(Token token) {
        return fileColumn(token.getLine(), token.getCharPositionInLine());
    }

    SourceLocation location(Token token) {
        return new SourceLocation(path, fileLine(token), fileColumn(token));
    }

    SourceLocation location(int queryLine, int queryColumn) {
        return new SourceLocation(path, fileLine(queryLine), fileColumn(queryLine, queryColumn));
    }

    VeneerException invalidIdentifier(ParserRuleContext identifier) {
        return SqlErrors.invalidIdentifier(location(identifier.getStart()), identifier.getText());
    }
}
