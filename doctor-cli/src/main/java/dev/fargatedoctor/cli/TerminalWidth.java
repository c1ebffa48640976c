package dev.fargatedoctor.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The width of the terminal text is printed to: COLUMNS when the shell exports it, else what {@code
 * stty size} says of the controlling terminal, else 100 (a pipe, a file, a CI log).
 */
final class TerminalWidth {
  static final int DEFAULT = 100;
  // Narrower than this, wrapped evidence would be a column of single words.
  static final int MIN = 40;
  static final int MAX = 240;

  private TerminalWidth() {}

  static int of(Map<String, String> env, boolean terminal) {
    Integer columns = parse(env.get("COLUMNS"));
    if (columns != null) return clamp(columns);
    if (!terminal) return DEFAULT;
    Integer stty = stty();
    return stty == null ? DEFAULT : clamp(stty);
  }

  private static int clamp(int columns) {
    return Math.max(MIN, Math.min(MAX, columns));
  }

  private static Integer parse(String value) {
    if (value == null) return null;
    try {
      int n = Integer.parseInt(value.trim());
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // bash does not export COLUMNS; the terminal itself knows its size ("ROWS COLUMNS").
  private static Integer stty() {
    File tty = new File("/dev/tty");
    if (!tty.canRead()) return null;
    try {
      Process p =
          new ProcessBuilder("stty", "size")
              .redirectInput(tty)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String[] parts =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
              .trim()
              .split(" ");
      return parts.length == 2 ? parse(parts[1]) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
