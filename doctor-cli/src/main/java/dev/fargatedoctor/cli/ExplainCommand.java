package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.report.TerminalMarkdown;
import dev.fargatedoctor.snapshot.SafeText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Print a check's documentation: what it detects, why it matters (the incident it prevents), "
            + "how it decides, how to fix.")
final class ExplainCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "CHECK-ID",
      description = "A check id, e.g. ENI-QUOTA (see `fargate-doctor checks`).")
  String id;

  enum Format {
    text,
    markdown
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "text (the document laid out for the terminal) or markdown (as written, for a wiki or "
              + "a ticket) (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Mixin RenderOptions render;

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
    render.check();
    CheckInfo info = check.info();
    StringWriter buffer = new StringWriter();
    PrintWriter out = new PrintWriter(buffer);
    String doc = CheckRegistry.documentation(info.id()).orElseThrow().stripTrailing();
    String facts =
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
                    .toList()));
    if (format == Format.markdown) {
      out.println(doc);
      out.println();
      out.println(facts);
    } else { // the facts line is text, not Markdown: escaped so that no * or _ in it is markup
      new TerminalMarkdown(render.color(), render.width())
          .render(doc + "\n\n" + SafeText.markdown(facts), out);
    }
    out.flush();
    render.write(buffer.toString(), spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
