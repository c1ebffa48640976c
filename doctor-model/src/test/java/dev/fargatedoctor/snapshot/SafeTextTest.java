package dev.fargatedoctor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void terminalEscapesAndBidiControlsAreShownNotEmitted() {
    assertThat(SafeText.plain("a\u001b]0;title\u0007b\u001b[2Jc\rd\be\u202ef\u2066g\u009bh"))
        .isEqualTo("a\\x1b]0;title\\x07b\\x1b[2Jc\\x0dd\\x08e\\u202ef\\u2066g\\u009bh");
  }

  @Test
  void lineBreaksTabsAndSeparatorsAreTheRenderersToMake() {
    assertThat(SafeText.plain("one\ntwo\tthree\u2028four\u2029five\r\n"))
        .isEqualTo("one\\x0atwo\\x09three\\u2028four\\u2029five\\x0d\\x0a");
  }

  @Test
  void invisibleCharactersAndUnicodeTagsAreShown() {
    assertThat(SafeText.plain("a\u200bb\ufeffc\u00add")).isEqualTo("a\\u200bb\\ufeffc\\u00add");
    assertThat(SafeText.plain("x" + new String(Character.toChars(0xE0041))))
        .isEqualTo("x\\U000e0041");
    assertThat(SafeText.plain("lone \ud800 surrogate")).isEqualTo("lone \\ud800 surrogate");
  }

  @Test
  void ordinaryTextIncludingAccentsCjkAndEmojiPassesUnchanged() {
    String s = "café 東京 🚀 arn:aws:iam::123:role/x \"q\" 'a' <b> 100 %";
    assertThat(SafeText.plain(s)).isSameAs(s);
    assertThat(SafeText.plain((String) null)).isNull();
  }

  @Test
  void escapingIsIdempotent() {
    String once = SafeText.plain("\u001b[31mred\u202e");
    assertThat(SafeText.plain(once)).isEqualTo(once);
  }

  @Test
  void markdownEscapesHtmlLinksEmphasisAndLineStartMarkers() {
    assertThat(SafeText.markdown("<script>alert(1)</script>"))
        .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(SafeText.markdown("<img src=x onerror=alert(1)>"))
        .isEqualTo("&lt;img src=x onerror=alert(1)&gt;");
    assertThat(SafeText.markdown("[x](javascript:alert(1))"))
        .isEqualTo("\\[x\\](javascript:alert(1))");
    assertThat(SafeText.markdown("a\n# forged")).isEqualTo("a\\\\x0a\\# forged");
    assertThat(SafeText.markdown("# h")).isEqualTo("\\# h");
    assertThat(SafeText.markdown("- item")).isEqualTo("\\- item");
    assertThat(SafeText.markdown("12. item")).isEqualTo("12\\. item");
    assertThat(SafeText.markdown("3) item")).isEqualTo("3\\) item");
    assertThat(SafeText.markdown("92.3 %")).isEqualTo("92.3 %");
    assertThat(SafeText.markdown("a-b 1.5 (x) \"q\" !")).isEqualTo("a-b 1.5 (x) \"q\" !");
    assertThat(SafeText.markdown("*em* _em_ `code` a|b ~~s~~ &amp;"))
        .isEqualTo("\\*em\\* \\_em\\_ \\`code\\` a\\|b \\~\\~s\\~\\~ &amp;amp;");
  }

  @Test
  void aCodeSpanCannotBeClosedFromInside() {
    assertThat(SafeText.markdownCode("ENI-QUOTA")).isEqualTo("`ENI-QUOTA`");
    assertThat(SafeText.markdownCode("a`b")).isEqualTo("``a`b``");
    assertThat(SafeText.markdownCode("`x``")).isEqualTo("``` `x`` ```");
    assertThat(SafeText.markdownCode("a\u001bb")).isEqualTo("`a\\x1bb`");
  }

  @Test
  void aFenceIsLongerThanAnyBacktickRunInItsBlock() {
    assertThat(SafeText.markdownFence(List.of("aws x", "y"))).isEqualTo("```");
    assertThat(SafeText.markdownFence(List.of("a ```` b"))).isEqualTo("`````");
  }

  @Test
  void htmlEscapesMarkupAndControls() {
    assertThat(SafeText.html("<a href='x'>\"&\u001b</a>"))
        .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;\\x1b&lt;/a&gt;");
  }

  @Test
  void jsonEscapesEveryUnsafeCharacterAndReadsBackTheSameValue() throws Exception {
    String value = "a\u001b[2J\u009b\u202e\u2028\u007f🚀é\n";
    String json = SnapshotJson.line(TextNode.valueOf(value));
    assertThat(json.codePoints().filter(SafeText::isUnsafe)).isEmpty();
    assertThat(json).containsIgnoringCase("\\u001b").contains("\\u009b", "\\u202e", "\\u2028", "é");
    assertThat(SnapshotJson.mapper().readTree(json).asText()).isEqualTo(value);
    String pretty = SnapshotJson.mapper().writeValueAsString(java.util.Map.of("k", value));
    assertThat(pretty.codePoints().filter(cp -> cp != '\n' && SafeText.isUnsafe(cp))).isEmpty();
  }
}
