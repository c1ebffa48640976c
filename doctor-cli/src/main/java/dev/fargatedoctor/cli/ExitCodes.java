package dev.fargatedoctor.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exit codes, declared once, and the one table of which codes each command can return and what
 * each means there: every command's --help footer is built from it (see {@link
 * FargateDoctor#commandLine}), and a test holds the table to what the commands' options imply.
 */
final class ExitCodes {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int BAD_INPUT = 2;
  static final int NOTHING_COLLECTED = 3;
  static final int INCOMPLETE = 4;
  static final int INTERNAL_ERROR = 5;

  /** One line of a footer: a code and what it means for that command (wrapped for 80 columns). */
  record Line(int code, String meaning) {
    String render() {
      return String.format("  %d  %s%n", code, meaning.replace("\n", "%n     "));
    }
  }

  private static final Line GATE_OK = new Line(OK, "nothing at or above --fail-on");
  private static final Line GATE_FINDINGS =
      new Line(FINDINGS, "findings at or above --fail-on (or a score below --min-score)");
  private static final Line BAD =
      new Line(
          BAD_INPUT,
          "bad usage or bad input: the message names the file and position, the\n"
              + "JSON path, or the option at fault");
  private static final Line NOTHING =
      new Line(
          NOTHING_COLLECTED,
          "nothing could be collected (no credentials, no endpoint): the message\nsays what to do");
  private static final Line GATE_INCOMPLETE =
      new Line(
          INCOMPLETE,
          "incomplete: nothing failed at or above --fail-on, but checks of that\n"
              + "severity could not be evaluated (UNKNOWN); --allow-incomplete makes\nthis 0");
  private static final Line BUG =
      new Line(
          INTERNAL_ERROR, "internal error (a bug): run again with --debug and report the output");
  private static final Line DONE = new Line(OK, "done");
  private static final Line WRITTEN = new Line(OK, "written");

  private static final Map<String, List<Line>> BY_COMMAND = new LinkedHashMap<>();

  static {
    List<Line> gate = List.of(GATE_OK, GATE_FINDINGS, BAD, NOTHING, GATE_INCOMPLETE, BUG);
    List<Line> local = List.of(DONE, BAD, BUG);
    List<Line> collect = List.of(WRITTEN, BAD, NOTHING, BUG);
    BY_COMMAND.put("", gate);
    BY_COMMAND.put("scan", gate);
    BY_COMMAND.put("flows", gate);
    // the bundled snapshot needs no collection
    BY_COMMAND.put("demo", List.of(GATE_OK, GATE_FINDINGS, BAD, GATE_INCOMPLETE, BUG));
    BY_COMMAND.put(
        "triage",
        List.of(
            new Line(OK, "no step failed, and every step could be evaluated"),
            new Line(FINDINGS, "a step failed (the cause is named)"),
            BAD,
            NOTHING,
            new Line(
                INCOMPLETE,
                "incomplete: no step failed, but a step could not be evaluated\n"
                    + "(UNKNOWN); --allow-incomplete makes this 0"),
            BUG));
    BY_COMMAND.put(
        "path",
        List.of(
            new Line(OK, "every path is reachable"),
            new Line(FINDINGS, "a path is blocked"),
            new Line(
                BAD_INPUT,
                "bad usage or bad input (unknown service or destination, broken\nsnapshot)"),
            NOTHING,
            new Line(
                INCOMPLETE,
                "incomplete: nothing is blocked, but a path could not be evaluated\n"
                    + "(it leaves the VPC, or data is missing); --allow-incomplete makes\n"
                    + "this 0"),
            BUG));
    BY_COMMAND.put(
        "preflight",
        List.of(
            new Line(OK, "the plan fits"),
            new Line(FINDINGS, "the plan does not fit"),
            new Line(
                BAD_INPUT,
                "bad usage or bad input (an unknown service, a malformed factor, a\n"
                    + "broken snapshot)"),
            NOTHING,
            new Line(
                INCOMPLETE,
                "incomplete: nothing is known not to fit, but a limit could not be\n"
                    + "read (UNKNOWN); --allow-incomplete makes this 0"),
            BUG));
    // a collection that fails is a failed cycle, not the end of the watch
    BY_COMMAND.put(
        "watch",
        List.of(
            new Line(OK, "stopped (SIGTERM, or --cycles reached) and the last cycle succeeded"),
            new Line(FINDINGS, "stopped and the last cycle failed"),
            new Line(
                BAD_INPUT,
                "bad usage or bad input: a state directory that is not one, or a cycle\n"
                    + "that failed for a reason the next cycle would meet again (a broken\n"
                    + "snapshot); such a cycle ends the watch"),
            BUG));
    BY_COMMAND.put(
        "alarms",
        List.of(
            WRITTEN,
            BAD,
            NOTHING,
            new Line(
                INCOMPLETE,
                "incomplete (--org, --accounts): an account could not be read and got no\n"
                    + "alarms (named on stderr); --allow-incomplete makes this 0"),
            BUG));
    BY_COMMAND.put("deploy", collect);
    BY_COMMAND.put("snapshot", local);
    BY_COMMAND.put(
        "snapshot diff",
        List.of(new Line(OK, "no change"), new Line(FINDINGS, "changes"), BAD, BUG));
    BY_COMMAND.put("snapshot stats", List.of(new Line(OK, "read"), BAD, BUG));
    BY_COMMAND.put("snapshot save", collect);
    BY_COMMAND.put("checks", local);
    BY_COMMAND.put("explain", local);
    BY_COMMAND.put("agent", local);
    BY_COMMAND.put("agent task-definition", local);
    BY_COMMAND.put("generate-completion", local);
    BY_COMMAND.put("report", local);
    BY_COMMAND.put("report merge", local);
  }

  /** The codes a command (its name under fargate-doctor, "" for the root) can return. */
  static List<Line> of(String command) {
    List<Line> lines = BY_COMMAND.get(command);
    if (lines == null)
      throw new IllegalStateException("no exit codes for command '" + command + "'");
    return lines;
  }

  static java.util.Set<String> commands() {
    return BY_COMMAND.keySet();
  }

  /** The --help footer of a command: its codes and their meanings. */
  static String footer(String command) {
    StringBuilder footer = new StringBuilder("%nExit codes:%n");
    of(command).forEach(l -> footer.append(l.render()));
    return footer.toString();
  }

  /**
   * Puts the footers on the whole command tree once picocli has built it, however it is built (by
   * the CLI, by the man-page generator).
   */
  static final class Footers implements picocli.CommandLine.IModelTransformer {
    @Override
    public picocli.CommandLine.Model.CommandSpec transform(
        picocli.CommandLine.Model.CommandSpec root) {
      apply(root, "");
      return root;
    }

    private static void apply(picocli.CommandLine.Model.CommandSpec spec, String name) {
      if (spec.userObject() instanceof picocli.CommandLine.HelpCommand) return;
      spec.usageMessage().footer(footer(name));
      spec.subcommands()
          .forEach(
              (sub, child) -> {
                // an alias maps to the same command: its own name is the key
                if (sub.equals(child.getCommandName())) {
                  apply(child.getCommandSpec(), name.isEmpty() ? sub : name + " " + sub);
                }
              });
    }
  }

  private ExitCodes() {}
}
