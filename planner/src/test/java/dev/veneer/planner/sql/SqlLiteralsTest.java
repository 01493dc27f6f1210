package dev.veneer.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlLiteralsTest {
    @Test
    void unquotesStringsAsSparkDoes() {
        assertThat(SqlLiterals.unquoteString("'it''s'")).isEqualTo("it's");
        assertThat(SqlLiterals.unquoteString("'it\\'s'")).isEqualTo("it's");
        assertThat(SqlLiterals.unquoteString("\"a\\tb\\n\"")).isEqualTo("a\tb\n");
        assertThat(SqlLiterals.unquoteString("'\\u0041\\\\'")).isEqualTo("A\\");
        assertThat(SqlLiterals.unquoteString("r'C:\\dir'")).isEqualTo("C:\\dir");
        assertThat(SqlLiterals.unquoteString("'50\\%'")).isEqualTo("50\\%");
    }

    @Test
    void unquotesBackQuotedIdentifiers() {
        assertThat(SqlLiterals.unquoteIdentifier("`a``b`")).isEqualTo("a`b");
    }
}
