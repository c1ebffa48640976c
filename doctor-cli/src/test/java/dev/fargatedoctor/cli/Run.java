package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.ApiCallRecorder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import picocli.CommandLine;

/**
 * Runs the real command line in-process, as a user would from a shell, and keeps what it printed.
 */
record Run(int exitCode, String out, String err) {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  static Run of(String... args) {
    return with(new ApiCallRecorder(), args);
  }

  /**
   * A live scan against an emulator: the real clock, since the emulator stamps resources with it.
   */
  static Run live(ApiCallRecorder recorder, String... args) {
    return execute(Clock.systemUTC(), recorder, args);
  }

  static Run with(ApiCallRecorder recorder, String... args) {
    return execute(CLOCK, recorder, args);
  }

  private static Run execute(Clock clock, ApiCallRecorder recorder, String... args) {
    StringWriter out = new StringWriter();
    StringWriter errText = new StringWriter();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    CommandLine cli =
        FargateDoctor.commandLine(
            new Context(clock, recorder, new PrintStream(progress, true, StandardCharsets.UTF_8)));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(errText, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), errText.toString());
  }
}
