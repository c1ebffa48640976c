package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.CatalogueJson;
import dev.fargatedoctor.check.CatalogueMarkdown;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.ecs.MessagesMarkdown;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "checks",
    mixinStandardHelpOptions = true,
    description =
        "List the check catalogue: id, default severity, the law it serves, and what it finds.")
final class ChecksCommand implements Callable<Integer> {
  enum Format {
    text,
    json,
    markdown
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "text (a table), json (fargate-doctor/checks/v1, with each check's documentation: "
              + "docs/schemas/checks.schema.json) or markdown (docs/checks.md) (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(
      names = "--markdown",
      description =
          "Print the full catalogue with each check's documentation " + "(this is docs/checks.md).")
  boolean markdown;

  @Option(
      names = "--messages",
      description =
          "Print the catalogue of ECS messages the checks read: causes, fixes, and the documented "
              + "and real-world messages behind them (this is docs/messages.md).")
  boolean messages;

  @Mixin RenderOptions render;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    render.check();
    java.io.StringWriter buffer = new java.io.StringWriter();
    PrintWriter out = new PrintWriter(buffer);
    if (messages) {
      out.print(MessagesMarkdown.render());
    } else if (markdown || format == Format.markdown) {
      out.print(CatalogueMarkdown.render());
    } else if (format == Format.json) {
      out.println(CatalogueJson.render().toPrettyString());
    } else {
      // Size the id column to the longest id so the table stays aligned as the catalogue grows.
      int width =
          CheckRegistry.all().stream().mapToInt(c -> c.info().id().length()).max().orElse(2);
      String row = "%-" + width + "s  %-9s %-20s %s";
      out.println(String.format(Locale.ROOT, row, "ID", "SEVERITY", "LAW", "TITLE"));
      for (Check c : CheckRegistry.all()) {
        CheckInfo i = c.info();
        out.println(
            String.format(Locale.ROOT, row, i.id(), i.severity(), i.law().label(), i.title()));
      }
    }
    out.flush();
    render.write(buffer.toString(), spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
