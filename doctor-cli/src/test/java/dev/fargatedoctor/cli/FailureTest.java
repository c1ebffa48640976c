package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.collect.ApiCallRecorder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A bug is exit 5 and one line that says how to report it; every command documents its codes. */
class FailureTest {
  /** A clock that breaks: whatever reads it meets an unexpected exception, as a bug would. */
  private static final class BrokenClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      throw new IllegalStateException("the clock broke");
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        FargateDoctor.commandLine(
            new Context(
                new BrokenClock(),
                new ApiCallRecorder(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void aBugIsExitFiveWithOneLineAndNoTrace() {
    Run r = run("demo");

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err())
        .contains(
            "internal error (a bug): java.lang.IllegalStateException: the clock broke", "--debug")
        .doesNotContain("\tat ");
  }

  @Test
  void withDebugTheTraceFollows() {
    Run r = run("demo", "--debug");

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("the clock broke", "\tat ", "BrokenClock.instant");
  }

  @Test
  void everyCommandsHelpListsItsExitCodesAndBugsAreFive() {
    CommandLine cli = FargateDoctor.commandLine(Context.system());
    List<CommandLine> all = new java.util.ArrayList<>();
    collect(cli, all);
    for (CommandLine c : all) {
      if (c.getCommandSpec().name().equals("help")) continue;
      String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertThat(help)
          .as(c.getCommandSpec().qualifiedName())
          .contains("Exit codes:", "  0  ", "  2  ", "  5  internal error");
    }
    for (String gate : List.of("scan", "demo", "triage", "path", "preflight")) {
      assertThat(cli.getSubcommands().get(gate).getUsageMessage(CommandLine.Help.Ansi.OFF))
          .as(gate)
          .contains("  1  ", "  4  incomplete", "--allow-incomplete");
    }
    assertThat(cli.getSubcommands().get("demo").getUsageMessage(CommandLine.Help.Ansi.OFF))
        .doesNotContain("  3  ");
    assertThat(cli.getSubcommands().get("scan").getUsageMessage(CommandLine.Help.Ansi.OFF))
        .contains("  3  nothing could be collected", "--debug");
  }

  private static void collect(CommandLine c, List<CommandLine> into) {
    into.add(c);
    c.getSubcommands().values().forEach(s -> collect(s, into));
  }
}
