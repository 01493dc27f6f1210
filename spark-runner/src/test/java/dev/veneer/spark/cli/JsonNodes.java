package dev.veneer.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

final class JsonNodes {
    private JsonNodes() {}

    /** {@code --json} prints errors as one JSON document on stdout too. */
    static void assertErrorDocument(String stdout, String code, int problems) {
        JsonNode error = ShopProject.parse(stdout).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("problems")).hasSize(problems);
    }
}
