package dev.veneer.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veneer.catalog.ModelName;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentCodecTest {
    private static final SnapshotPointer ORDERS =
            new SnapshotPointer(ModelName.parse("sales.orders"), "fp1", "v1", "veneer__sales.sales__orders__v1", "FULL");

    @Test
    void pointersRoundTrip() {
        SnapshotPointer view = new SnapshotPointer(ModelName.parse("sales.v"), "fp2", "v2", "veneer__sales.sales__v__v2", "VIEW");

        assertThat(EnvironmentCodec.decode(EnvironmentCodec.encode(List.of(ORDERS, view)))).containsExactly(ORDERS, view);
        assertThat(EnvironmentCodec.decode(EnvironmentCodec.encode(List.of()))).isEmpty();
    }

    @Test
    void storedFormatIsSnakeCaseObjects() {
        assertThat(EnvironmentCodec.encode(List.of(ORDERS))).isEqualTo(
                "[{\"model\":\"sales.orders\",\"fingerprint\":\"fp1\",\"version\":\"v1\","
                        + "\"physical_table\":\"veneer__sales.sales__orders__v1\",\"kind\":\"FULL\"}]");
    }

    @Test
    void fieldsFromALaterVeneerAreIgnored() {
        String json = "[{\"model\":\"sales.orders\",\"fingerprint\":\"fp1\",\"version\":\"v1\","
                + "\"physical_table\":\"veneer__sales.sales__orders__v1\",\"kind\":\"FULL\",\"new_field\":42}]";

        assertThat(EnvironmentCodec.decode(json)).containsExactly(ORDERS);
    }

    @Test
    void corruptTextIsRefusedWithTheReason() {
        assertThatThrownBy(() -> EnvironmentCodec.decode("{\"model\":1}")).hasMessageContaining("must be a JSON array");
        assertThatThrownBy(() -> EnvironmentCodec.decode("[{\"model\":\"a.b\"}]")).hasMessageContaining("'fingerprint'");
        assertThatThrownBy(() -> EnvironmentCodec.decode("[")).hasMessageContaining("not valid JSON");
    }
}
