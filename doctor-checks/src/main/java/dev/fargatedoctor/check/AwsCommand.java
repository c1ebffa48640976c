package dev.fargatedoctor.check;

import dev.fargatedoctor.snapshot.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds a copy-paste {@code aws} command from real ids. Every value must be present: a missing id
 * throws instead of leaving a placeholder for the reader to guess.
 */
public final class AwsCommand {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@,+%-]+");

  private final List<String> words = new ArrayList<>();
  private String capture;

  private AwsCommand(String service, String operation) {
    words.add("aws");
    words.add(service);
    words.add(operation);
  }

  public static AwsCommand of(String service, String operation) {
    return new AwsCommand(service, operation);
  }

  /** An option with a value taken from the snapshot; quoted for the shell when needed. */
  public AwsCommand opt(String name, Object value) {
    words.add(name);
    words.add(quote(required(name, value)));
    return this;
  }

  /**
   * An option whose value is a shell expression written by the check itself, e.g. {@code "$RTB"}.
   */
  public AwsCommand optShell(String name, String shellExpression) {
    words.add(name);
    words.add(required(name, shellExpression));
    return this;
  }

  public AwsCommand flag(String name) {
    words.add(name);
    return this;
  }

  /**
   * Assigns the command's text output to a shell variable: {@code VAR=$(aws ... --output text)}.
   */
  public AwsCommand captureAs(String variable) {
    this.capture = variable;
    return this;
  }

  public String region(String region) {
    opt("--region", region);
    String cmd = String.join(" ", words);
    return capture == null ? cmd : capture + "=$(" + cmd + ")";
  }

  private static String required(String name, Object value) {
    String text = value == null ? null : value.toString();
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "no value for " + name + ": a command must not carry a placeholder");
    }
    return text;
  }

  /**
   * A resource id as a shell word, for {@link #optShell} when the same option may take a variable.
   */
  public static String quoteId(String id) {
    return quote(required("id", id));
  }

  static String quote(String value) {
    if (SAFE.matcher(value).matches()) return value;
    if (SafeText.isSafe(value)) return "'" + value.replace("'", "'\"'\"'") + "'";
    // A control or bidi character inside single quotes would reach the terminal raw, and shown
    // escaped it would no longer be the value. bash's $'...' names it with the same escape the
    // reports show, and the shell turns it back into the exact value.
    StringBuilder b = new StringBuilder("$'");
    value
        .codePoints()
        .forEach(
            cp -> {
              if (cp == '\\') b.append("\\\\");
              else if (cp == '\'') b.append("\\x27");
              else if (SafeText.isUnsafe(cp)) b.append(SafeText.escape(cp));
              else b.appendCodePoint(cp);
            });
    return b.append('\'').toString();
  }
}
