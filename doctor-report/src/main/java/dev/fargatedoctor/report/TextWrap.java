package dev.fargatedoctor.report;

import java.util.ArrayList;
import java.util.List;

/** Wraps prose at word boundaries and shell commands at option boundaries, for a fixed width. */
final class TextWrap {
  private TextWrap() {}

  /**
   * Lines of at most width characters (a single longer word stands alone rather than being cut).
   */
  static List<String> words(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (word.isEmpty()) continue;
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(word);
    }
    if (line.length() > 0) lines.add(line.toString());
    return lines;
  }

  /**
   * A command split before its options with shell line continuations, so it still pastes as one
   * command. Quoted arguments are never split.
   */
  static List<String> command(String command, int width, String continuationIndent) {
    List<String> tokens = shellTokens(command);
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      // keep an option and its value together
      String unit =
          t.startsWith("--") && i + 1 < tokens.size() && !tokens.get(i + 1).startsWith("--")
              ? t + " " + tokens.get(++i)
              : t;
      if (line.length() > 0 && line.length() + 1 + unit.length() + 2 > width) {
        lines.add(line + " \\");
        line.setLength(0);
        line.append(continuationIndent);
      } else if (line.length() > 0) {
        line.append(' ');
      }
      line.append(unit);
    }
    if (line.length() > 0) lines.add(line.toString());
    return lines;
  }

  private static List<String> shellTokens(String command) {
    List<String> tokens = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        cur.append(c);
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
        cur.append(c);
      } else if (c == ' ' && cur.length() > 0) {
        tokens.add(cur.toString());
        cur.setLength(0);
      } else if (c != ' ') {
        cur.append(c);
      }
    }
    if (cur.length() > 0) tokens.add(cur.toString());
    return tokens;
  }
}
