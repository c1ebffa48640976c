package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for command-line redaction. Any process in the task writes its own command line, and
 * the agent shows it; a secret passed in one of the shapes the agent documents as redacted must
 * never be shown, whatever surrounds it, and nothing may throw.
 */
class CommandLinesFuzzTest {

  private static final String[] SECRET_WORDS = {
    "password", "passwd", "secret", "token", "api-key", "apikey", "access_key", "private.key",
    "credential", "auth", "session", "cookie", "signature", "pwd", "PASSWORD", "Api_Key"
  };

  @FuzzTest
  void aSecretInADocumentedShapeIsNeverShown(FuzzedDataProvider data) {
    // Secrets are any visible ASCII, a leading '-' included; the marker "Zq9" occurs in nothing but
    // the secret, so that any piece of the secret that is shown with it gives it away.
    String secret =
        data.pickValue(new String[] {"", "-", "--"}) + "Zq9" + visible(data.consumeAsciiString(24));
    List<String> args = new ArrayList<>();
    int before = data.consumeInt(0, 6);
    for (int i = 0; i < before; i++) {
      args.add(data.consumeAsciiString(30));
    }
    int injectedFrom = args.size();
    String name = word(data) + data.pickValue(SECRET_WORDS) + word(data);
    switch (data.consumeInt(0, 3)) {
      case 0: // --password=secret, -Dapp.password=secret, PASSWORD=secret
        args.add(data.pickValue(new String[] {"--", "-", "-D", ""}) + name + "=" + secret);
        break;
      case 1: // --password secret
        args.add(data.pickValue(new String[] {"--", "-"}) + name);
        args.add(secret);
        break;
      case 2: // postgres://user:secret@host/db
        args.add(
            data.pickValue(new String[] {"", "--url=", "jdbc:"})
                + data.pickValue(new String[] {"https", "postgres", "redis", "amqp+ssl"})
                + "://"
                + word(data)
                + ":"
                + secret
                + "@"
                + word(data)
                + data.pickValue(new String[] {"", "/db", ":5432/x?ssl=true"}));
        break;
      default: // -javaagent:/opt/agent.jar=anything
        args.add("-javaagent:/opt/doctor-agent.jar=" + word(data) + secret);
        break;
    }
    int injectedTo = args.size();
    int after = data.consumeInt(0, 6);
    for (int i = 0; i < after; i++) {
      args.add(data.consumeAsciiString(30));
    }
    for (int i = 0; i < args.size(); i++) {
      if ((i < injectedFrom || i >= injectedTo) && args.get(i).contains("Zq9")) {
        return; // another argument could spell the secret out; not this target's question
      }
    }
    String shown = CommandLines.display(args);
    assertThat(shown).doesNotContain("Zq9").hasSizeLessThanOrEqualTo(CommandLines.MAX_DISPLAY);
  }

  @FuzzTest
  void anyBytesSplitAndShown(byte[] raw) {
    List<String> args = CommandLines.split(raw, raw.length);
    assertThat(CommandLines.display(args)).hasSizeLessThanOrEqualTo(CommandLines.MAX_DISPLAY);
  }

  /** A piece of a name, user or host; never the secret's marker, which only the secret holds. */
  private static String word(FuzzedDataProvider data) {
    return data.consumeString(8).replaceAll("[^a-zA-Z0-9_.-]", "").replace("Zq9", "Zq_9");
  }

  private static String visible(String s) {
    String v = s.replaceAll("[^\\x21-\\x7e]", "x");
    return v.length() >= 5 ? v : v + "-pad5";
  }
}
