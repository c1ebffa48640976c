package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help lists the exit codes it can return, and only those: the footers come from
 * ExitCodes' one table, and the table agrees with what each command's options make possible.
 */
class ExitCodeFootersTest {
  private static Map<String, CommandLine> tree(CommandLine cli) {
    Map<String, CommandLine> all = new LinkedHashMap<>();
    walk(cli, "", all);
    return all;
  }

  private static void walk(CommandLine cli, String name, Map<String, CommandLine> all) {
    if (cli.getCommand() instanceof CommandLine.HelpCommand) return;
    all.put(name, cli);
    cli.getSubcommands()
        .forEach(
            (sub, child) -> {
              if (sub.equals(child.getCommandName()))
                walk(child, name.isEmpty() ? sub : name + " " + sub, all);
            });
  }

  private static Set<Integer> listed(String usage) {
    String footer = usage.substring(usage.indexOf("Exit codes:"));
    Set<Integer> codes = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^  (\\d)  ").matcher(footer);
    while (m.find()) codes.add(Integer.parseInt(m.group(1)));
    return codes;
  }

  private static Set<Integer> table(String command) {
    Set<Integer> codes = new TreeSet<>();
    ExitCodes.of(command).forEach(l -> codes.add(l.code()));
    return codes;
  }

  @Test
  void theTableHasExactlyTheCommandsThereAre() {
    assertThat(tree(FargateDoctor.commandLine(Context.system())).keySet())
        .containsExactlyInAnyOrderElementsOf(ExitCodes.commands());
  }

  @Test
  void everyHelpFooterListsTheCodesOfItsCommandInTheTable() {
    tree(FargateDoctor.commandLine(Context.system()))
        .forEach(
            (name, cli) -> {
              String usage = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
              assertThat(usage).as(name).contains("Exit codes:");
              assertThat(listed(usage)).as(name).isEqualTo(table(name));
            });
  }

  @Test
  void theTableAgreesWithWhatEachCommandCanDo() {
    tree(FargateDoctor.commandLine(Context.system()))
        .forEach(
            (name, cli) -> {
              var spec = cli.getCommandSpec();
              Set<Integer> codes = table(name);
              assertThat(codes).as(name).contains(0, 2, 5);
              if (name.isEmpty()) return; // the root lists every code of every command
              // 4 is the gate's answer to UNKNOWN: only where --allow-incomplete can turn it off
              assertThat(codes.contains(4))
                  .as(name + " lists 4")
                  .isEqualTo(spec.findOption("--allow-incomplete") != null);
              // 3 only where a live collection can fail the command (watch retries instead)
              boolean collects = spec.findOption("--profile") != null && !name.equals("watch");
              assertThat(codes.contains(3)).as(name + " lists 3").isEqualTo(collects);
              // 1 is a verdict: a gate, a blocked path, a plan that does not fit, a change
              boolean verdict =
                  spec.findOption("--fail-on") != null
                      || Set.of("triage", "path", "preflight", "watch", "snapshot diff")
                          .contains(name);
              assertThat(codes.contains(1)).as(name + " lists 1").isEqualTo(verdict);
            });
  }

  @Test
  void theManPageGeneratorGetsTheSameFooters() {
    // ManPageGenerator builds the commands with this factory, not with commandLine()
    CommandLine cli = new CommandLine(FargateDoctor.class, new FargateDoctor.SystemFactory());
    assertThat(listed(cli.getSubcommands().get("demo").getUsageMessage())).isEqualTo(table("demo"));
    assertThat(listed(cli.getSubcommands().get("checks").getUsageMessage()))
        .containsExactly(0, 2, 5);
  }
}
