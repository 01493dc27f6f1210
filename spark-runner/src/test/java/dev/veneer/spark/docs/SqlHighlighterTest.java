package dev.veneer.spark.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veneer.planner.sql.MacroSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlHighlighterTest {
    private static String highlight(String sql, List<MacroSpan> macros) {
        Html html = new Html();
        SqlHighlighter.write(html, sql, macros);
        return html.finish();
    }

    @Test
    void marksKeywordsStringsNumbersAndComments() {
        String html = highlight("SELECT a, 'x<y' AS s -- note\nFROM t WHERE n > 10", List.of());

        assertThat(html).isEqualTo("<pre class=\"sql\"><code><span class=\"kw\">SELECT</span> a, <span class=\"str\">'x&lt;y'</span> "
                + "<span class=\"kw\">AS</span> s <span class=\"com\">-- note\n</span><span class=\"kw\">FROM</span> t "
                + "<span class=\"kw\">WHERE</span> n &gt; <span class=\"num\">10</span></code></pre>");
    }

    @Test
    void marksMacroVariablesAndKeepsEveryCharacter() {
        String sql = "SELECT * FROM t WHERE d BETWEEN @start_ds AND @end_ds /* unclosed";
        int start = sql.indexOf("@start_ds");
        int end = sql.indexOf("@end_ds");
        String html = highlight(sql, List.of(new MacroSpan(start, start + 9, "start_ds"), new MacroSpan(end, end + 7, "end_ds")));

        assertThat(html).contains("<span class=\"var\">@start_ds</span>", "<span class=\"var\">@end_ds</span>");
        assertThat(html.replaceAll("<[^>]+>", "").replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")).isEqualTo(sql);
    }
}
