package dev.veneer.planner.project;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.SourceLocation;
import dev.veneer.catalog.VeneerException;
import java.util.List;
import java.util.stream.Collectors;

/** Every problem found while loading a project, reported together. */
public final class ProjectErrors extends VeneerException {
    private final List<VeneerException> problems;

    public ProjectErrors(List<VeneerException> problems) {
        super(problems.size() == 1 ? problems.get(0).code() : ErrorCode.PROJECT_INVALID,
                problems.size() == 1 ? problems.get(0).location().orElse(null) : null,
                summary(problems), problems.size() == 1 ? problems.get(0).getCause() : null);
        this.problems = List.copyOf(problems);
    }

    public List<VeneerException> problems() {
        return problems;
    }

    private static String summary(List<VeneerException> problems) {
        if (problems.size() == 1) {
            return problems.get(0).getMessage();
        }
        return problems.size() + " problems in the project:\n" + problems.stream()
                .map(problem -> "  " + problem.describe())
                .collect(Collectors.joining("\n"));
    }

    static VeneerException duplicateModel(String name, String firstPath, SourceLocation second) {
        return new VeneerException(ErrorCode.DUPLICATE_MODEL, second,
                "model " + name + " is also defined in " + firstPath + "; rename one of them (names must be unique)", null);
    }
}
