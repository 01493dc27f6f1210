package dev.veneer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.Planner;
import dev.veneer.planner.Planner.CompiledProject;
import dev.veneer.planner.project.ModelDefinition;
import dev.veneer.planner.project.ModelKind;
import dev.veneer.planner.project.TableFormat;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The example project is a valid Veneer project with the shape the demo relies on. No Spark. */
class TpchProjectFilesTest {
    static final Path PROJECT = Path.of("tpch").toAbsolutePath();

    private final CompiledProject compiled = new Planner().compile(PROJECT);

    @Test
    void loadsWithEveryReferenceResolved() {
        assertThat(compiled.project().config().name()).isEqualTo("tpch");
        assertThat(compiled.project().models()).hasSize(15);
        assertThat(compiled.project().externals().keySet()).extracting(ModelName::toString)
                .containsExactlyInAnyOrder(TpchLoader.tables().toArray(String[]::new));
    }

    @Test
    void mixesDeltaIcebergAndOneViewModel() {
        long views = compiled.project().models().values().stream().filter(model -> model.kind() == ModelKind.VIEW).count();
        long delta = tables().stream().filter(model -> compiled.project().tableFormat(model) == TableFormat.DELTA).count();
        long iceberg = tables().stream().filter(model -> compiled.project().tableFormat(model) == TableFormat.ICEBERG).count();

        assertThat(views).isEqualTo(1);
        assertThat(delta).isGreaterThanOrEqualTo(3);
        assertThat(iceberg).isGreaterThanOrEqualTo(3);
    }

    @Test
    void stagingReadsOnlyRawTablesAndEveryRawTableIsRead() {
        Set<ModelName> rawRead = new TreeSet<>();
        for (ModelName model : compiled.graph().topologicalOrder()) {
            if (model.schema().equals("staging")) {
                assertThat(compiled.graph().parents(model)).as(model.toString()).isEmpty();
            }
            rawRead.addAll(compiled.graph().externalParents(model));
        }
        assertThat(rawRead).isEqualTo(compiled.project().externals().keySet());
    }

    @Test
    void modelNamesMatchTheirFiles() {
        for (ModelDefinition model : compiled.project().models().values()) {
            assertThat(model.path()).isEqualTo("models/" + model.name().schema() + "/" + model.name().table() + ".sql");
        }
    }

    private java.util.List<ModelDefinition> tables() {
        return compiled.project().models().values().stream().filter(model -> model.kind() != ModelKind.VIEW).toList();
    }
}
