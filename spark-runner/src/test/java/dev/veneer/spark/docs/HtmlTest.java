package dev.veneer.spark.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void textAndAttributesAreEscaped() {
        String html = new Html().open("p", "title", "a \"quoted\" <b> & 'x'").text("<script>alert(1)</script> & more").close("p").finish();

        assertThat(html).isEqualTo("<p title=\"a &quot;quoted&quot; &lt;b&gt; &amp; &#39;x&#39;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>");
    }

    @Test
    void embeddedJsonCannotCloseItsScriptElement() {
        String html = new Html().json("data", "{\"a\":\"</script><b>&\"}").finish();

        assertThat(html).isEqualTo("<script type=\"application/json\" id=\"data\">{\"a\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"}</script>");
    }

    @Test
    void tagNamesAreNeverData() {
        assertThatThrownBy(() -> new Html().open("p onclick=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Html().open("p", "on click", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void elementsCloseInOrder() {
        assertThatThrownBy(() -> new Html().open("div").open("p").close("div")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Html().open("div").finish()).isInstanceOf(IllegalStateException.class);
    }
}
