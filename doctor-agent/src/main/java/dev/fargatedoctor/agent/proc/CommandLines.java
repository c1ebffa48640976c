package dev.fargatedoctor.agent.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a raw NUL-separated /proc/&lt;pid&gt;/cmdline into a display string with secrets removed.
 *
 * <p>Command lines routinely carry credentials ({@code --password=...}, {@code -Dtoken=...}, this
 * agent's own {@code -javaagent:...=token=...}), and the agent's outputs must never leak them.
 * Values of secret-looking options, and all -javaagent options, are replaced by {@code <redacted>}.
 */
final class CommandLines {

  static final String REDACTED = "<redacted>";
  static final int MAX_DISPLAY = 256;

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i)pass(word|wd)?|secret|token|api[-_.]?key|access[-_.]?key|private[-_.]?key|credential|auth|session|cookie|signature|pwd");
  // A URL with user:password@ in it: from the first "scheme://" to the last '@' after it, since a
  // password written without percent-encoding may itself hold '/', '@' or another "scheme://".
  private static final Pattern URL_USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)\\S*@");

  private CommandLines() {}

  /** Splits the raw bytes of a cmdline file on NULs (a trailing NUL ends the last argument). */
  public static List<String> split(byte[] raw, int length) {
    List<String> args = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (raw[i] == 0) {
        args.add(new String(raw, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < length) {
      args.add(new String(raw, start, length - start, java.nio.charset.StandardCharsets.UTF_8));
    }
    return args;
  }

  /** The arguments joined by spaces, redacted, and cut to {@value #MAX_DISPLAY} characters. */
  public static String display(List<String> args) {
    StringBuilder sb = new StringBuilder();
    boolean redactNext = false;
    for (String arg : args) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      // "--password hunter2": the secret is the next argument, whatever it looks like (a value
      // may start with '-'); showing too little beats showing a secret.
      sb.append(redactNext ? REDACTED : redact(arg));
      redactNext = arg.startsWith("-") && arg.indexOf('=') < 0 && SECRET_NAME.matcher(arg).find();
      if (sb.length() > MAX_DISPLAY) {
        break;
      }
    }
    if (sb.length() > MAX_DISPLAY) {
      sb.setLength(MAX_DISPLAY - 3);
      sb.append("...");
    }
    return sb.toString();
  }

  static String redact(String arg) {
    if (arg.startsWith("-javaagent:")
        || arg.startsWith("-agentpath:")
        || arg.startsWith("-agentlib:")) {
      int eq = arg.indexOf('=');
      return eq < 0 ? arg : arg.substring(0, eq + 1) + REDACTED;
    }
    String out =
        arg.contains("://") ? URL_USERINFO.matcher(arg).replaceAll("$1" + REDACTED + "@") : arg;
    int eq = out.indexOf('=');
    if (eq > 0 && SECRET_NAME.matcher(out.substring(0, eq)).find()) {
      return out.substring(0, eq + 1) + REDACTED;
    }
    return out;
  }
}
