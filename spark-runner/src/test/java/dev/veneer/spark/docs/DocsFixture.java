package dev.veneer.spark.docs;

import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.state.EnvironmentRecord;
import dev.veneer.catalog.state.SnapshotKey;
import dev.veneer.catalog.state.SnapshotPointer;
import dev.veneer.catalog.state.StateStore;
import dev.veneer.catalog.state.StateStores;
import dev.veneer.catalog.state.StoredSnapshot;
import dev.veneer.catalog.state.VersionKey;
import dev.veneer.planner.Planner;
import dev.veneer.planner.plan.PlanFile;
import dev.veneer.planner.plan.PlanFile.BuildStep;
import dev.veneer.planner.plan.PlanFile.PlannedPointer;
import dev.veneer.planner.plan.PlanRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A project on disk and a real SQLite state holding environments, made the way the Spark runner's
 * apply leaves state (snapshots, built tables, intervals, the environment's compare-and-set), without
 * Spark: the docs read nothing else.
 *
 * <p>The shop scenario: prod holds every model; {@code dev} appends a column to staging.customers
 * (non-breaking: its two children keep their tables); the plan kept in {@link #featurePlan()} changes
 * staging.orders' filter (breaking) and adds marts.big_orders.
 */
final class DocsFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    private final Path project;
    private final StateStore state;
    private final Planner planner = new Planner();
    private PlanFile featurePlan;

    private DocsFixture(Path project, StateStore state) {
        this.project = project;
        this.state = state;
    }

    static DocsFixture shop(Path directory) {
        Path project = directory.resolve("shop");
        copy(resource("/projects/docs-shop"), project);
        DocsFixture fixture = new DocsFixture(project, StateStores.open("jdbc:sqlite:" + directory.resolve("state.db")));
        fixture.apply(fixture.plan("prod"));
        fixture.replace("models/staging/customers.sql", "SELECT customer_id, name, country", "SELECT customer_id, name, country, upper(country) AS country_code");
        fixture.apply(fixture.plan("dev"));
        // the feature plan is only planned: its page is drawn from the plan file
        fixture.replace("models/staging/orders.sql", "WHERE status <> 'cancelled'", "WHERE status NOT IN ('cancelled', 'void')");
        fixture.write("models/marts/big_orders.sql", "MODEL (\n  name marts.big_orders,\n  kind FULL\n);\n\nSELECT order_id, amount\nFROM staging.orders\nWHERE amount > 100\n");
        fixture.featurePlan = fixture.plan("feature");
        return fixture;
    }

    /**
     * The clicks project, without environments: a {@code *} over an external table whose columns are
     * not declared, a model reading a column only that star could provide, and a {@code *} over that model.
     */
    static DocsFixture clicks(Path directory) {
        Path project = directory.resolve("clicks");
        copy(resource("/projects/docs-clicks"), project);
        return new DocsFixture(project, StateStores.open("jdbc:sqlite:" + directory.resolve("clicks-state.db")));
    }

    Path project() {
        return project;
    }

    StateStore state() {
        return state;
    }

    PlanFile featurePlan() {
        return featurePlan;
    }

    Planner.CompiledProject compile() {
        return planner.compile(project);
    }

    DocsModel read(List<String> environments) {
        return new DocsModelReader(compile(), state, planner.parser(), CheckResults.NONE).read(environments, NOW);
    }

    PlanFile plan(String environment) {
        return planner.plan(compile(), state, new PlanRequest(environment, "prod", NOW, Duration.ofDays(7)));
    }

    /** What {@code PlanExecutor.apply} does to state, in the same order. */
    void apply(PlanFile plan) {
        state.bindProject(plan.project());
        state.saveSnapshots(plan.snapshots().stream().map(snapshot -> new StoredSnapshot(
                new SnapshotKey(ModelName.parse(snapshot.model()), snapshot.fingerprint()), snapshot.version(), snapshot.physicalTable(),
                snapshot.kind(), snapshot.tableFormat(), snapshot.dataHash(), snapshot.metadataHash(), snapshot.payload().toJson(), NOW)).toList());
        for (BuildStep step : plan.builds()) {
            String version = plan.environmentSnapshots().stream().filter(pointer -> pointer.physicalTable().equals(step.physicalTable()))
                    .map(PlannedPointer::version).findFirst().orElseThrow();
            state.recordBuilt(step.physicalTable(), ModelName.parse(step.model()), version);
            step.intervals().forEach(interval -> state.recordInterval(new VersionKey(ModelName.parse(step.model()), version), interval));
        }
        Instant createdAt = state.environment(plan.environment()).map(EnvironmentRecord::createdAt).orElse(NOW);
        List<SnapshotPointer> pointers = plan.environmentSnapshots().stream()
                .map(pointer -> new SnapshotPointer(ModelName.parse(pointer.model()), pointer.fingerprint(), pointer.version(),
                        pointer.physicalTable(), pointer.kind()))
                .toList();
        state.commitEnvironment(new EnvironmentRecord(plan.environment(), plan.planId(), plan.baseEnvironment(), pointers, createdAt, NOW,
                plan.expiresAt(), false), plan.expectedPlanId());
        state.markFinalized(plan.environment(), plan.planId());
    }

    void replace(String file, String from, String to) {
        String text = read(file);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(file + " does not contain " + from);
        }
        write(file, text.replace(from, to));
    }

    String read(String file) {
        try {
            return Files.readString(project.resolve(file), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String file, String text) {
        try {
            Files.createDirectories(project.resolve(file).getParent());
            Files.writeString(project.resolve(file), text, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(DocsFixture.class.getResource(name).toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void copy(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
