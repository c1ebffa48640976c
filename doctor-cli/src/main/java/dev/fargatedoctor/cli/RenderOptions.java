package dev.fargatedoctor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where and how a rendered result goes, the same on every command that prints one: --out, --quiet,
 * --no-color, and the width text is wrapped to.
 */
final class RenderOptions {
  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the output to FILE (written whole or not at all).")
  Path out;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "Print nothing on stdout: only the exit code tells (errors still go to stderr).")
  boolean quiet;

  @Option(
      names = "--no-color",
      description = "No ANSI colours (also off when NO_COLOR is set or output is not a terminal).")
  boolean noColor;

  /** Fails on an --out that cannot be written, before any work. */
  void check() {
    OutputFile.check(out, "--out");
  }

  boolean color() {
    return out == null && !noColor && System.getenv("NO_COLOR") == null && System.console() != null;
  }

  /** The columns text output is wrapped to: the terminal's, or 100 into a file or a pipe. */
  int width() {
    return out != null
        ? TerminalWidth.DEFAULT
        : TerminalWidth.of(System.getenv(), System.console() != null);
  }

  /** Writes the rendered text to --out, or to stdout unless --quiet. */
  void write(String text, PrintWriter stdout) {
    if (out != null) TextOut.write(text, out, stdout);
    else if (!quiet) TextOut.write(text, null, stdout);
  }
}
