package dev.fargatedoctor.snapshot;

import java.util.Locale;

/**
 * Makes text that came from AWS or from a file safe to show. Stop reasons, tags, descriptions,
 * policy condition values and CloudTrail fields are written by whoever can touch the account; on
 * the on-call engineer's terminal an escape sequence in them could clear the screen, retitle the
 * window or hide lines, and a bidi override could make a line read differently than it runs. Every
 * renderer passes such text through here.
 *
 * <p>Unsafe characters are shown, never dropped: each becomes a visible escape in the form bash's
 * {@code $'...'} quoting reads ({@code \x1b}, <code>&#92;u202e</code>, {@code \U000e0041}), so the
 * reader sees that something was there and a fix command quoted that way still names the exact
 * value.
 */
public final class SafeText {
  private SafeText() {}

  /**
   * True for the code points never written raw: C0 and C1 controls and DEL (escape sequences, bare
   * CR, backspace, and the line breaks only a renderer may make), format characters (bidi overrides
   * and isolates, zero-width characters, Unicode tags), line and paragraph separators, and
   * surrogates that are not part of a pair.
   */
  public static boolean isUnsafe(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE ->
          true;
      default -> false;
    };
  }

  /** True when the text holds nothing {@link #isUnsafe unsafe}. */
  public static boolean isSafe(CharSequence s) {
    return s.codePoints().noneMatch(SafeText::isUnsafe);
  }

  /**
   * The text with every unsafe character replaced by its visible escape; {@code null} stays null.
   * Idempotent: an escape is plain ASCII and passes unchanged.
   */
  public static String plain(String s) {
    if (s == null || isSafe(s)) return s;
    StringBuilder b = new StringBuilder(s.length() + 16);
    s.codePoints()
        .forEach(
            cp -> {
              if (isUnsafe(cp)) b.append(escape(cp));
              else b.appendCodePoint(cp);
            });
    return b.toString();
  }

  /** A value of any kind as safe text: {@code String.valueOf}, then {@link #plain}. */
  public static String plain(Object o) {
    return plain(String.valueOf(o));
  }

  /**
   * The escape bash's {@code $'...'} reads back as the same character: {@code \xHH} below 0x80,
   * <code>&#92;uHHHH</code> in the basic plane, {@code \UHHHHHHHH} above it.
   */
  public static String escape(int codePoint) {
    if (codePoint < 0x80) return String.format(Locale.ROOT, "\\x%02x", codePoint);
    if (codePoint <= 0xFFFF) return String.format(Locale.ROOT, "\\u%04x", codePoint);
    return String.format(Locale.ROOT, "\\U%08x", codePoint);
  }

  /**
   * Text for Markdown outside code: {@link #plain}, then the characters HTML gives meaning to as
   * entities (no {@code <script>}, {@code <img onerror>} or autolink survives) and Markdown's own
   * punctuation behind a backslash (no link, image, emphasis, code span or table cell opens). A
   * line-start marker (heading, list, quote, rule) cannot form: line breaks are already escaped and
   * a leading marker character is escaped too.
   */
  public static String markdown(String s) {
    if (s == null) return null;
    String p = plain(s);
    StringBuilder b = new StringBuilder(p.length() + 16);
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        // with [ and ] escaped no link or image opens, so ( ) ! need nothing
        case '\\', '`', '*', '_', '[', ']', '#', '|', '~' -> b.append('\\').append(c);
        case '-', '+', '=' -> {
          // list items, setext underlines and rules only start a line
          if (i == 0) b.append('\\');
          b.append(c);
        }
        case '.', ')' -> {
          // "1. text" or "1) text" would start an ordered list
          boolean item =
              i > 0
                  && b.chars().allMatch(Character::isDigit)
                  && (i + 1 == p.length() || p.charAt(i + 1) == ' ');
          if (item) b.append('\\');
          b.append(c);
        }
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A Markdown code span holding the text: fenced by more backticks than any run inside it, padded
   * when it starts or ends with one, so nothing inside can close it early.
   */
  public static String markdownCode(String s) {
    String p = plain(s == null ? "" : s);
    String fence = "`".repeat(longestRun(p, '`') + 1);
    String pad = p.startsWith("`") || p.endsWith("`") ? " " : "";
    return fence + pad + p + pad + fence;
  }

  /**
   * The fence for a Markdown code block holding these lines: at least three backticks, more than
   * any run inside, so no line of the block can close it.
   */
  public static String markdownFence(Iterable<String> lines) {
    int longest = 0;
    for (String l : lines) longest = Math.max(longest, longestRun(l, '`'));
    return "`".repeat(Math.max(3, longest + 1));
  }

  /**
   * Text for HTML element content or a quoted attribute value: {@link #plain}, then the markup
   * characters as entities.
   */
  public static String html(String s) {
    if (s == null) return null;
    String p = plain(s);
    StringBuilder b = new StringBuilder(p.length() + 16);
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static int longestRun(String s, char c) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == c ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
