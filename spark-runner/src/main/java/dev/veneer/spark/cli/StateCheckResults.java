package dev.veneer.spark.cli;

import dev.veneer.catalog.EnvironmentName;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.catalog.state.AuditResult;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.spark.docs.CheckResults;
import dev.veneer.spark.docs.DocsModel.CheckResult;
import dev.veneer.planner.audit.ModelAudit;
import dev.veneer.planner.project.Project;
import dev.veneer.planner.unittest.ModelTest;
import dev.veneer.planner.unittest.ModelTestReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's audits with what they last found in prod's table (from state), and its unit tests (whose
 * results are not stored: {@code veneer test} runs them), for the docs site.
 */
final class StateCheckResults implements CheckResults {
    private final Project project;
    private final Map<ModelName, Map<String, AuditResult>> latest = new HashMap<>();
    private final List<ModelTest> tests;

    StateCheckResults(Project project, StateStore state) {
        this.project = project;
        Optional<EnvironmentRecord> prod = state.environment(EnvironmentName.PROD);
        List<VersionKey> versions = prod.map(record -> record.pointers().values().stream()
                .filter(pointer -> !project.audits(pointer.model()).isEmpty())
                .map(pointer -> new VersionKey(pointer.model(), pointer.version())).toList()).orElse(List.of());
        for (AuditResult result : state.auditResults(versions)) {
            latest.computeIfAbsent(result.model(), model -> new HashMap<>()).merge(result.audit(), result,
                    (a, b) -> a.ranAt().isAfter(b.ranAt()) ? a : b);
        }
        List<ModelTest> read;
        try {
            read = ModelTestReader.read(project);
        }
        catch (VeneerException e) {
            read = List.of();
        }
        this.tests = read;
    }

    @Override
    public List<CheckResult> of(ModelName model) {
        List<CheckResult> results = new ArrayList<>();
        for (ModelAudit audit : project.audits(model)) {
            AuditResult last = latest.getOrDefault(model, Map.of()).get(audit.name());
            results.add(new CheckResult("audit", audit.name(), audit.blocking(), Optional.ofNullable(last).map(AuditResult::passed),
                    last == null ? "not run on prod's table yet" : last.passed() ? "passed in prod"
                            : last.offendingRows() + " offending rows in prod", Optional.ofNullable(last).map(AuditResult::ranAt)));
        }
        for (ModelTest test : tests) {
            if (test.model().equals(model)) {
                results.add(new CheckResult("test", test.name(), false, Optional.empty(), test.location() + " (run: veneer test --match "
                        + test.name() + ")", Optional.empty()));
            }
        }
        return results;
    }
}
