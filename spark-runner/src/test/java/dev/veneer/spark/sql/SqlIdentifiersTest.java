package dev.veneer.spark.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlIdentifiersTest {
    @Test
    void quotesEveryPartOfAThreePartName() {
        assertThat(SqlIdentifiers.quoteQualified("lake.veneer__staging.t__x__ab"))
                .isEqualTo("`lake`.`veneer__staging`.`t__x__ab`");
    }

    @Test
    void doublesEmbeddedBackticks() {
        assertThat(SqlIdentifiers.quote("a`b")).isEqualTo("`a``b`");
        assertThat(SqlIdentifiers.quoteParts(List.of("x`; DROP TABLE y; --", "t"))).isEqualTo("`x``; DROP TABLE y; --`.`t`");
    }

    @Test
    void splitsAlreadyQuotedPartsWithDotsInside() {
        assertThat(SqlIdentifiers.split("spark_catalog.`odd.schema`.`t``q`")).containsExactly("spark_catalog", "odd.schema", "t`q");
        assertThat(SqlIdentifiers.quoteQualified("`a.b`.c")).isEqualTo("`a.b`.`c`");
    }

    @Test
    void rejectsMalformedNames() {
        assertThatThrownBy(() -> SqlIdentifiers.split("a..b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlIdentifiers.split("`a")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> SqlIdentifiers.split("`a`b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlIdentifiers.quote("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapesStringLiterals() {
        assertThat(SqlIdentifiers.literal("it's a \\ path")).isEqualTo("'it\\'s a \\\\ path'");
    }
}
