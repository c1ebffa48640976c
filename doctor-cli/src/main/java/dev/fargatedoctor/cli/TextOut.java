package dev.fargatedoctor.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where a command's rendered output goes: stdout, or --out written whole or not at all. */
final class TextOut {
  private TextOut() {}

  static void write(String text, Path out, PrintWriter stdout) {
    if (out == null) {
      stdout.print(text);
      stdout.flush();
    } else {
      OutputFile.write(out, "--out", o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
