package dev.fargatedoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalMarkdownTest {
  private static final String DOC =
      """
      # ENI-QUOTA — Network interfaces near the quota

      **What it detects.** The number of *elastic* network interfaces in a Region, against the \
      account's quota `L-DF5E4CA3`, counted for every consumer that holds one of them right now.

      ## How to fix

      - Request an increase before a peak
      - Delete leftover interfaces in status `available`, which count against the quota like any other

      1. first
      2. second

      ```sh
      aws service-quotas request-service-quota-increase --service-code vpc --quota-code L-DF5E4CA3 --desired-value 10000
      ```

      > quoted advice
      """;

  private static String render(String markdown, boolean color, int width) {
    StringWriter out = new StringWriter();
    new TerminalMarkdown(color, width).render(markdown, new PrintWriter(out));
    return out.toString();
  }

  @Test
  void headingsAreUnderlinedAndMarkupIsGone() {
    String text = render(DOC, false, 80);
    List<String> lines = text.lines().toList();

    assertThat(lines.get(0)).isEqualTo("ENI-QUOTA — Network interfaces near the quota");
    assertThat(lines.get(1)).matches("=+").hasSize(lines.get(0).length());
    assertThat(text).contains("How to fix\n----------\n");
    assertThat(text).doesNotContain("**", "# ", "```", "*elastic*");
    assertThat(text).contains("What it detects. The number of elastic network", "`L-DF5E4CA3`");
  }

  @Test
  void paragraphsAndListItemsWrapToTheWidthWithAHangingIndent() {
    String text = render(DOC, false, 60);

    assertThat(text).contains("  • Request an increase before a peak\n");
    assertThat(text)
        .contains("  • Delete leftover interfaces in status `available`, which\n    count");
    assertThat(text).contains("  1. first\n  2. second\n");
    assertThat(text).contains("│ quoted advice");
    for (String line : text.lines().toList()) {
      if (line.startsWith("    aws ")) continue; // code is never wrapped
      assertThat(line.length()).as(line).isLessThanOrEqualTo(60);
    }
  }

  @Test
  void codeBlocksAreIndentedAndKeptWholeSoTheyPaste() {
    assertThat(render(DOC, false, 60))
        .contains(
            "\n    aws service-quotas request-service-quota-increase --service-code vpc --quota-code"
                + " L-DF5E4CA3 --desired-value 10000\n");
  }

  @Test
  void coloursOnlyWhenAskedAndControlCharactersNeverReachTheTerminal() {
    assertThat(render(DOC, false, 80)).doesNotContain("\u001b");
    assertThat(render(DOC, true, 80)).contains("\u001b[1mWhat\u001b[0m");

    String hostile =
        "# Title\u001b]0;owned\u0007\n\ntext \u001b[2J and `code\u001b[31m`\n\n    x\u0007y\n";
    for (boolean color : new boolean[] {false, true}) {
      String text = render(hostile, color, 80);
      assertThat(text).doesNotContain("\u0007", "\u001b]", "\u001b[2J", "\u001b[31m");
      assertThat(text).contains("\\x1b[2J", "\\x07");
    }
  }
}
