package dev.veneer.spark.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.ModelName;
import dev.veneer.catalog.VeneerException;
import dev.veneer.spark.docs.DocsModel.EnvironmentDoc;
import dev.veneer.spark.docs.DocsModel.ModelDoc;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsModelReaderTest {
    @TempDir
    static Path dir;

    private static DocsFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = DocsFixture.shop(dir);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Test
    void environmentsAreComparedWithProd() {
        DocsModel model = fixture.read(List.of());

        assertThat(model.environments()).extracting(EnvironmentDoc::name).containsExactly("prod", "dev");
        EnvironmentDoc dev = model.environment("dev").orElseThrow();
        assertThat(dev.changes()).extracting(DocsModel.ModelChange::model)
                .containsExactly("marts.customer_orders", "marts.top_customers", "staging.customers");
        assertThat(dev.ownTables()).isEqualTo(1);
        assertThat(dev.sharedTables()).isEqualTo(5);
        assertThat(dev.expiresAt()).contains(DocsFixture.NOW.plus(java.time.Duration.ofDays(7)));
    }

    @Test
    void modelsKnowTheirTablesParentsAndChildren() {
        ModelDoc orders = fixture.read(List.of("dev")).models().get(ModelName.parse("staging.orders"));

        assertThat(orders.tables()).extracting(DocsModel.EnvironmentTable::environment).containsExactly("dev");
        assertThat(orders.tables().get(0).sharedWithProd()).isTrue();
        assertThat(orders.tables().get(0).current()).as("the project's staging.orders has changed since dev was applied").isFalse();
        assertThat(orders.externalParents()).containsExactly(ModelName.parse("raw.orders"));
        assertThat(orders.children()).extracting(ModelName::toString)
                .containsExactly("marts.big_orders", "marts.customer_orders", "marts.daily_revenue", "marts.recent_orders");
        assertThat(orders.file().substring(orders.queryOffset())).startsWith("-- cancelled orders never count\nSELECT order_id");
    }

    @Test
    void anUnknownEnvironmentIsRefusedNamingTheOnesThatExist() {
        VeneerException error = catchThrowableOfType(VeneerException.class, () -> fixture.read(List.of("dev", "staging")));

        assertThat(error.code()).isEqualTo(ErrorCode.ENVIRONMENT_NOT_FOUND);
        assertThat(error.getMessage()).isEqualTo("--env staging: no such environment; the environments are dev, prod. List them with 'veneer envs'");
    }
}
