package dev.fargatedoctor.snapshot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files the build generates and keeps in the repository (golden reports, docs/checks.md, the
 * README's check table): a test compares them with what the code renders today, and one flag,
 * {@code -Dgolden.update=true}, rewrites every one of them for review in the diff.
 */
public final class Golden {
  public static final String FLAG = "golden.update";
  private static final String HINT =
      "is stale: run `mvn -B test -Dgolden.update=true` (or only this module's tests) and review the"
          + " diff";

  private Golden() {}

  /** The whole file is {@code rendered}. */
  public static void matches(Path file, String rendered) {
    try {
      if (Boolean.getBoolean(FLAG)) Files.writeString(file, rendered, StandardCharsets.UTF_8);
      assertThat(file).as(file + " " + HINT).exists();
      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .as(file + " " + HINT)
          .isEqualTo(rendered);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines between {@code begin} and {@code end} (both kept) are {@code rendered}. */
  public static void sectionMatches(Path file, String begin, String end, String rendered) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int from = text.indexOf(begin + "\n");
      int to = text.indexOf(end, from);
      assertThat(from).as(file + " has no line " + begin).isNotNegative();
      assertThat(to).as(file + " has no line " + end + " after " + begin).isPositive();
      String current = text.substring(from + begin.length() + 1, to);
      if (Boolean.getBoolean(FLAG) && !current.equals(rendered)) {
        text = text.substring(0, from + begin.length() + 1) + rendered + text.substring(to);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        current = rendered;
      }
      assertThat(current)
          .as(file + " between " + begin + " and " + end + " " + HINT)
          .isEqualTo(rendered);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
