package dev.veneer.spark.docs;

import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.sql.MacroSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a model's file as written, to show header and query together, and finds the query in it. */
final class ModelFiles {
    /** The file's text; where the parsed query starts in it (-1: not found); macro spans in file offsets. */
    record ModelFile(String text, int queryOffset, List<MacroSpan> macros) {}

    private final Path projectDir;

    ModelFiles(Path projectDir) {
        this.projectDir = projectDir;
    }

    ModelFile read(ModelDefinition model) {
        String query = model.query().text();
        String text;
        try {
            text = Files.readString(projectDir.resolve(model.path()), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            // the file moved since it was parsed: the query the planner read is still right
            return new ModelFile(query, 0, model.query().macros());
        }
        int offset = offset(text, model.query().location().line(), model.query().location().column());
        if (offset < 0 || !text.startsWith(query, offset)) {
            offset = text.indexOf(query);
        }
        if (offset < 0) {
            return new ModelFile(text, -1, List.of());
        }
        int shift = offset;
        List<MacroSpan> macros = model.query().macros().stream()
                .map(span -> new MacroSpan(span.start() + shift, span.end() + shift, span.name())).toList();
        return new ModelFile(text, offset, macros);
    }

    /** The string index of a 1-based line and column (columns count UTF-16 units, as the lexer's do). */
    static int offset(String text, int line, int column) {
        int index = 0;
        for (int current = 1; current < line; current++) {
            int next = text.indexOf('\n', index);
            if (next < 0) {
                return -1;
            }
            index = next + 1;
        }
        int offset = index + column - 1;
        return offset <= text.length() ? offset : -1;
    }
}
