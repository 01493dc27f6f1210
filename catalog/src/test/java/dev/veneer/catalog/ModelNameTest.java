package dev.veneer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ModelNameTest {
    @Test
    void namesAreCaseFoldedSoEqualityMatchesSpark() {
        ModelName upper = ModelName.parse("Sales.ORDERS");

        assertThat(upper).isEqualTo(new ModelName("sales", "orders"));
        assertThat(upper.hashCode()).isEqualTo(new ModelName("sales", "orders").hashCode());
        assertThat(upper).hasToString("sales.orders");
    }

    @Test
    void parseTrimsAndRequiresTwoParts() {
        assertThat(ModelName.parse("  db.m ")).isEqualTo(new ModelName("db", "m"));
        assertThatThrownBy(() -> ModelName.parse("m")).hasMessageContaining("expected schema.table");
        assertThatThrownBy(() -> ModelName.parse("c.db.m")).hasMessageContaining("expected schema.table");
    }

    @Test
    void partsMustBePlainIdentifiers() {
        assertThatThrownBy(() -> new ModelName("db", "my-model")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelName("1db", "m")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ModelName.isValid("db.m_1")).isTrue();
        assertThat(ModelName.isValid("db.")).isFalse();
    }

    @Test
    void namesSortByTheirQualifiedText() {
        assertThat(new TreeSet<>(List.of(ModelName.parse("b.a"), ModelName.parse("a.z"), ModelName.parse("a.b"))))
                .extracting(ModelName::toString).containsExactly("a.b", "a.z", "b.a");
    }

    @Test
    void orderIsThatOfTheQualifiedTextForSchemasThatArePrefixesOfOthers() {
        List<String> names = List.of("a_x.c", "a.b", "a0.a", "ab.a", "a.b_", "a.b0", "_.z", "a_.a", "a.a");
        List<ModelName> parsed = names.stream().map(ModelName::parse).toList();
        for (ModelName left : parsed) {
            for (ModelName right : parsed) {
                assertThat(Integer.signum(left.compareTo(right))).as("%s vs %s", left, right)
                        .isEqualTo(Integer.signum(left.toString().compareTo(right.toString())));
            }
        }
    }
}
