package dev.veneer.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunksTest {
    @Test
    void splitsIntoChunksOfAtMostTheSize() {
        assertThat(Chunks.of(List.of(1, 2, 3, 4, 5), 2)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
        assertThat(Chunks.of(List.of(), 2)).isEmpty();
    }

    @Test
    void repeatsPlaceholders() {
        assertThat(Chunks.repeat("?", ", ", 3)).isEqualTo("?, ?, ?");
    }
}
