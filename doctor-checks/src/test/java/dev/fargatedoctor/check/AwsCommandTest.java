package dev.fargatedoctor.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.snapshot.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwsCommandTest {
  @Test
  void plainIdsStayBareAndOtherValuesAreSingleQuoted() {
    assertThat(AwsCommand.quote("subnet-0a1")).isEqualTo("subnet-0a1");
    assertThat(AwsCommand.quote("it's a name")).isEqualTo("'it'\"'\"'s a name'");
  }

  @Test
  void aValueWithControlOrBidiCharactersIsQuotedSoTheTerminalSeesOnlyEscapes() {
    String q = AwsCommand.quote("svc\u001b]0;x\u0007\u202e'\\");
    assertThat(q).isEqualTo("$'svc\\x1b]0;x\\x07\\u202e\\x27\\\\'");
    assertThat(SafeText.isSafe(q)).isTrue();
    assertThat(SafeText.plain(q)).as("the sanitiser leaves a quoted command alone").isEqualTo(q);
  }

  @Test
  void everyQuotedValuePastesIntoBashAsTheExactValue() throws Exception {
    for (String value :
        List.of(
            "plain-id",
            "with space and 'quote' and \"double\" and $HOME and `cmd`",
            "esc\u001b[2J\u001b]0;title\u0007 cr\r bs\b nl\n tab\t",
            "c1\u0085\u009b bidi\u202e\u2066\u2069 zw\u200b tag"
                + new String(Character.toChars(0xE0041)),
            "back\\slash\\x1b literal")) {
      String word = AwsCommand.quote(value);
      Process bash = new ProcessBuilder("bash", "-c", "printf %s " + word).start();
      byte[] out = bash.getInputStream().readAllBytes();
      assertThat(bash.waitFor()).isZero();
      assertThat(new String(out, StandardCharsets.UTF_8)).as(word).isEqualTo(value);
    }
  }

  @Test
  void aMissingValueIsRefusedRatherThanLeftAsAPlaceholder() {
    assertThatThrownBy(() -> AwsCommand.of("ecs", "x").opt("--cluster", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
