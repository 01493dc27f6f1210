package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

final class JsonNodes {
    private JsonNodes() {}

    /** {@code --json} prints errors as one JSON document on stdout too. */
    static void assertErrorDocument(String stdout, String code, int problems) {
        JsonNode error = ShopProject.parse(stdout).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("problems")).hasSize(problems);
    }

    /** The {@code model} of every object of a JSON array (a plan's backfills, views, builds). */
    static List<String> models(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get("model").asText()));
        return values;
    }
}
