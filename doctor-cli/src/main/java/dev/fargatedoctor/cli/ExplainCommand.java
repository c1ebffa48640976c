package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.CheckRegistry;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Print a check's documentation: what it detects, why it matters (the incident it prevents), "
            + "how it decides, how to fix.",
    footer = ExitCodes.LOCAL)
final class ExplainCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "CHECK-ID",
      description = "A check id, e.g. ENI-QUOTA (see `fargate-doctor checks`).")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Check check =
        CheckRegistry.byId(id)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown check id '"
                            + id
                            + "'; known: "
                            + String.join(
                                ", ",
                                CheckRegistry.all().stream().map(c -> c.info().id()).toList())));
    CheckInfo info = check.info();
    PrintWriter out = spec.commandLine().getOut();
    out.println(CheckRegistry.documentation(info.id()).orElseThrow().stripTrailing());
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "Law: %s (%s). Default severity: %s. Reads: %s.",
            info.law().label(),
            info.law().where(),
            info.severity(),
            String.join(
                ", ",
                java.util.Arrays.stream(info.needs())
                    .flatMap(n -> n.actions().stream())
                    .distinct()
                    .toList())));
    out.flush();
    return ExitCodes.OK;
  }
}
