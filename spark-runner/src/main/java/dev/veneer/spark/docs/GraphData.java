package dev.veneer.spark.docs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * A part of the DAG a page draws: nodes with the mark that colours them, and edges parent to child.
 * The page's script lays it out left to right (dagre) and draws it as SVG links.
 */
public record GraphData(List<Node> nodes, List<Edge> edges) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).build();

    public GraphData {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public static GraphData empty() {
        return new GraphData(List.of(), List.of());
    }

    /**
     * @param mark what the node is on this page ({@code changed}, {@code context}, a category in lower
     *     case, {@code reused}, ...): its CSS class and legend entry
     * @param href where clicking it leads, relative to the page; null for none
     * @param title the tooltip: what the mark means for this model
     */
    public record Node(String id, String kind, String schema, String mark, String href, String title) {
        public Node {
            requireNonNull(id, "id is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(schema, "schema is null");
            requireNonNull(mark, "mark is null");
        }
    }

    public record Edge(String from, String to) {}

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write graph data", e);
        }
    }
}
