package dev.fargatedoctor.cli;

/**
 * The exit codes, declared once. Each command's help lists the ones it can return: the lines below
 * are put together per command (annotation values must be constants).
 */
final class ExitCodes {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int BAD_INPUT = 2;
  static final int NOTHING_COLLECTED = 3;
  static final int INCOMPLETE = 4;
  static final int INTERNAL_ERROR = 5;

  // Footer lines, wrapped by hand to fit an 80-column terminal.
  static final String HEADING = "%nExit codes:%n";
  static final String GATE_OK = "  0  nothing at or above --fail-on%n";
  static final String GATE_FINDINGS =
      "  1  findings at or above --fail-on (or a score below --min-score)%n";
  static final String BAD =
      "  2  bad usage or bad input: the message names the file and position, the%n"
          + "     JSON path, or the --out that cannot be written%n";
  static final String NOTHING =
      "  3  nothing could be collected (no credentials, no endpoint): the message%n"
          + "     says what to do%n";
  static final String GATE_INCOMPLETE =
      "  4  incomplete: nothing failed at or above --fail-on, but checks of that%n"
          + "     severity could not be evaluated (UNKNOWN); --allow-incomplete makes%n"
          + "     this 0%n";
  static final String BUG =
      "  5  internal error (a bug): run again with --debug and report the output%n";

  /** Every code, for the top-level help. */
  static final String HELP =
      HEADING + GATE_OK + GATE_FINDINGS + BAD + NOTHING + GATE_INCOMPLETE + BUG;

  /** scan: everything. */
  static final String SCAN = HELP;

  /** demo: the bundled snapshot needs no collection. */
  static final String DEMO = HEADING + GATE_OK + GATE_FINDINGS + BAD + GATE_INCOMPLETE + BUG;

  /** Commands that collect and write, without a verdict (alarms, snapshot save). */
  static final String COLLECT = HEADING + "  0  written%n" + BAD + NOTHING + BUG;

  /** Commands that only read local input (checks, explain, snapshot diff has its own line 1). */
  static final String LOCAL = HEADING + "  0  done%n" + BAD + BUG;

  private ExitCodes() {}
}
