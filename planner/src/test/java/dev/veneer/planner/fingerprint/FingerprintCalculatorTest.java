package dev.veneer.planner.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.catalog.ModelName;
import dev.veneer.planner.ProjectFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCalculatorTest {
    private static final ModelName ORDERS = ModelName.parse("staging.orders");
    private static final ModelName CUSTOMER_ORDERS = ModelName.parse("marts.customer_orders");
    private static final ModelName TOP_CUSTOMERS = ModelName.parse("marts.top_customers");
    private static final String ORDERS_FILE = "models/staging/orders.sql";

    @TempDir
    Path dir;

    private ProjectFixture project;
    private Map<ModelName, Fingerprint> before;

    @BeforeEach
    void copyShop() {
        project = ProjectFixture.copyOf("shop", dir);
        before = project.compile().fingerprints();
    }

    private Fingerprint after(ModelName model) {
        return project.compile().fingerprints().get(model);
    }

    @Test
    void fingerprintsAreDeterministic() {
        assertThat(project.compile().fingerprints()).isEqualTo(before);
        assertThat(before.get(ORDERS).id()).matches("[0-9a-f]{64}");
    }

    @Test
    void reformattingRecommentingAndKeywordCaseKeepTheFingerprint() {
        project.write(ORDERS_FILE, """
                -- reformatted by a colleague
                model (
                    NAME staging.orders,   -- the header is layout-free too
                    KIND full,
                    owner data_team,
                    description 'Orders that were not cancelled'
                );

                /* only orders that count */
                select   order_id,
                         customer_id,
                         amount,
                         order_date
                  from RAW.ORDERS
                 where STATUS <> 'cancelled';
                """);

        assertThat(after(ORDERS)).isEqualTo(before.get(ORDERS));
        assertThat(after(TOP_CUSTOMERS).id()).isEqualTo(before.get(TOP_CUSTOMERS).id());
    }

    @Test
    void changedLiteralChangesTheDataHash() {
        project.replace(ORDERS_FILE, "'cancelled'", "'CANCELLED'");

        assertThat(after(ORDERS).dataHash()).isNotEqualTo(before.get(ORDERS).dataHash());
        assertThat(after(ORDERS).attributesHash()).isEqualTo(before.get(ORDERS).attributesHash());
        assertThat(after(ORDERS).metadataHash()).isEqualTo(before.get(ORDERS).metadataHash());
    }

    @Test
    void quotedIdentifierCaseIsData() {
        project.replace(ORDERS_FILE, "SELECT order_id,", "SELECT `Order_Id`,");
        Fingerprint quoted = after(ORDERS);

        project.replace(ORDERS_FILE, "SELECT `Order_Id`,", "SELECT `order_id`,");

        assertThat(after(ORDERS).dataHash()).isNotEqualTo(quoted.dataHash());
    }

    @Test
    void kindChangesTheDataHash() {
        assertDataAttributeChange("kind FULL", "kind VIEW");
    }

    @Test
    void tableFormatChangesTheDataHash() {
        assertDataAttributeChange("kind FULL", "kind FULL, table_format delta");
    }

    @Test
    void tableFormatEqualToTheProjectDefaultKeepsTheDataHash() {
        project.replace(ORDERS_FILE, "kind FULL", "kind FULL, table_format iceberg");

        assertThat(after(ORDERS)).isEqualTo(before.get(ORDERS));
    }

    @Test
    void projectDefaultTableFormatIsData() {
        project.replace("veneer.yaml", "default_table_format: iceberg", "default_table_format: delta");

        assertThat(after(ORDERS).dataHash()).isNotEqualTo(before.get(ORDERS).dataHash());
    }

    @Test
    void partitioningChangesTheDataHash() {
        assertDataAttributeChange("kind FULL", "kind FULL, partitioned_by [order_date]");
    }

    @Test
    void stampChangesTheDataHash() {
        assertDataAttributeChange("kind FULL", "kind FULL, stamp 'rebuild-2024-06'");
    }

    @Test
    void dependsOnChangesTheDataHash() {
        assertDataAttributeChange("kind FULL", "kind FULL, depends_on [staging.customers]");
    }

    private void assertDataAttributeChange(String before, String after) {
        Fingerprint original = this.before.get(ORDERS);
        project.replace(ORDERS_FILE, before, after);

        Fingerprint changed = after(ORDERS);
        assertThat(changed.attributesHash()).isNotEqualTo(original.attributesHash());
        assertThat(changed.dataHash()).isNotEqualTo(original.dataHash());
        assertThat(changed.metadataHash()).isEqualTo(original.metadataHash());
        assertThat(changed.dataVersion()).isNotEqualTo(original.dataVersion());
    }

    @Test
    void ownerDescriptionTagsCronAndGrainChangeOnlyTheMetadataHash() {
        project.replace(ORDERS_FILE, "owner data_team,", """
                owner finance_team,
                  tags [finance, pii],
                  cron '@hourly',
                  grain [order_id],""")
                .replace(ORDERS_FILE, "'Orders that were not cancelled'", "'Valid orders'");

        Fingerprint changed = after(ORDERS);
        Fingerprint original = before.get(ORDERS);
        assertThat(changed.metadataHash()).isNotEqualTo(original.metadataHash());
        assertThat(changed.id()).isNotEqualTo(original.id());
        assertThat(changed.dataHash()).isEqualTo(original.dataHash());
        assertThat(changed.dataVersion()).isEqualTo(original.dataVersion());
        assertThat(after(CUSTOMER_ORDERS)).as("children do not see metadata").isEqualTo(before.get(CUSTOMER_ORDERS));
    }

    @Test
    void eachMetadataAttributeOnItsOwnChangesTheMetadataHash() {
        String[][] edits = {
                {"owner data_team", "owner someone_else"},
                {"'Orders that were not cancelled'", "'Orders'"},
                {"owner data_team", "owner data_team, tags [finance]"},
                {"owner data_team", "owner data_team, cron '@hourly'"},
                {"owner data_team", "owner data_team, grain [order_id]"},
        };
        String original = project.read(ORDERS_FILE);
        for (String[] edit : edits) {
            project.write(ORDERS_FILE, original).replace(ORDERS_FILE, edit[0], edit[1]);
            assertThat(after(ORDERS).metadataHash()).as(edit[1]).isNotEqualTo(before.get(ORDERS).metadataHash());
            assertThat(after(ORDERS).dataHash()).as(edit[1]).isEqualTo(before.get(ORDERS).dataHash());
        }
    }

    @Test
    void movingAFileToAnotherFolderKeepsEveryFingerprint() {
        // SQLMesh #4357: moving models into a sub-folder triggered the breaking flow
        project.move(ORDERS_FILE, "models/sources/shop/orders_renamed.sql")
                .move("models/marts/top_customers.sql", "models/top_customers.sql");

        assertThat(project.compile().fingerprints()).isEqualTo(before);
    }

    @Test
    void parentDataChangeChangesTheChildFingerprintButNotItsDataHash() {
        project.replace(ORDERS_FILE, "'cancelled'", "'void'");

        Fingerprint child = after(CUSTOMER_ORDERS);
        Fingerprint grandchild = after(TOP_CUSTOMERS);
        assertThat(child.id()).isNotEqualTo(before.get(CUSTOMER_ORDERS).id());
        assertThat(child.dataHash()).isEqualTo(before.get(CUSTOMER_ORDERS).dataHash());
        assertThat(child.parentDataHash()).isNotEqualTo(before.get(CUSTOMER_ORDERS).parentDataHash());
        assertThat(grandchild.id()).as("transitively").isNotEqualTo(before.get(TOP_CUSTOMERS).id());
        assertThat(grandchild.dataHash()).isEqualTo(before.get(TOP_CUSTOMERS).dataHash());
        assertThat(after(ModelName.parse("staging.customers"))).as("unrelated model")
                .isEqualTo(before.get(ModelName.parse("staging.customers")));
    }

    @Test
    void viewKindIgnoresTheTableFormat() {
        ModelName recent = ModelName.parse("marts.recent_orders");
        project.replace("models/marts/recent_orders.sql", "kind VIEW", "kind VIEW, table_format delta");

        assertThat(after(recent)).isEqualTo(before.get(recent));
    }
}
