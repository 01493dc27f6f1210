package dev.veneer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhysicalNamesTest {
    private static final ModelName ORDERS = ModelName.parse("sales.orders");
    private final PhysicalNames names = new PhysicalNames("veneer");

    @Test
    void physicalTableLivesInThePrefixedSchemaAndNamesTheShortVersion() {
        assertThat(names.physicalSchema(ORDERS)).isEqualTo("veneer__sales");
        assertThat(names.physicalTable(ORDERS, "0123456789abcdef0123")).isEqualTo("veneer__sales.sales__orders__0123456789");
    }

    @Test
    void shortVersionKeepsShortVersionsWhole() {
        assertThat(PhysicalNames.shortVersion("abc")).isEqualTo("abc");
        assertThat(PhysicalNames.shortVersion("0123456789abcdef")).hasSize(PhysicalNames.VERSION_LENGTH);
    }

    @Test
    void prodViewsUseTheModelSchemaAndOtherEnvironmentsASuffixedOne() {
        assertThat(PhysicalNames.viewName(ORDERS, "prod")).isEqualTo("sales.orders");
        assertThat(PhysicalNames.viewName(ORDERS, "dev")).isEqualTo("sales__dev.orders");
        assertThat(PhysicalNames.viewSchema(ORDERS, "feature_x")).isEqualTo("sales__feature_x");
    }

    @Test
    void prefixIsConfigurable() {
        assertThat(new PhysicalNames("lake").physicalTable(ORDERS, "v1")).isEqualTo("lake__sales.sales__orders__v1");
    }
}
