package dev.fargatedoctor.check.ecs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A message as ECS wrote it and as people paste it: quoted as JSON, with curly quotes, wrapped by a
 * terminal, or cut short. Patterns are matched against two readings of the same text: one where a
 * line break is a space (a wrapped sentence) and one where it is nothing (a word split by a
 * fixed-width wrap, as {@code copilot svc status} prints "reg / istry").
 */
record MessageText(String raw, String spaced, String joined, boolean truncated) {
  /**
   * The ECS agent cuts a container's reason at 255 bytes (EcsMaxReasonLength) without a marker; the
   * console and many tools add "...".
   */
  static final int AGENT_REASON_LIMIT = 255;

  private static final Pattern LINE_BREAK = Pattern.compile("[ \\t]*\\R[ \\t]*");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern ELLIPSIS = Pattern.compile("(\\.{3}|\u2026)\\s*$");

  static MessageText of(String raw) {
    String text = unescape(raw == null ? "" : raw);
    String spaced = WHITESPACE.matcher(LINE_BREAK.matcher(text).replaceAll(" ")).replaceAll(" ");
    String joined = WHITESPACE.matcher(LINE_BREAK.matcher(text).replaceAll("")).replaceAll(" ");
    boolean truncated =
        ELLIPSIS.matcher(spaced).find()
            || (raw != null
                && raw.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    == AGENT_REASON_LIMIT);
    return new MessageText(raw, spaced.strip(), joined.strip(), truncated);
  }

  /** Both readings, the spaced one first. */
  List<String> readings() {
    return spaced.equals(joined) ? List.of(spaced) : List.of(spaced, joined);
  }

  boolean isBlank() {
    return spaced.isBlank();
  }

  // JSON escapes survive copy and paste from `aws ... --output json`; typographic quotes come from
  // chat tools and word processors.
  private static String unescape(String s) {
    return s.replace("\\\"", "\"")
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\\\\", "\\")
        .replace('\u201c', '"')
        .replace('\u201d', '"')
        .replace('\u2018', '\'')
        .replace('\u2019', '\'')
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
  }
}
