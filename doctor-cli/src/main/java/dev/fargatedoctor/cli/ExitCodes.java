package dev.fargatedoctor.cli;

/** The exit codes, declared once and shown in every command's help. */
final class ExitCodes {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int BAD_INPUT = 2;
  static final int NOTHING_COLLECTED = 3;

  static final String HELP =
      "%nExit codes:%n"
          + "  0  nothing at or above --fail-on%n"
          + "  1  findings at or above --fail-on%n"
          + "  2  bad usage or bad input (the message names the file and position)%n"
          + "  3  nothing could be collected (no credentials, no endpoint)%n";

  private ExitCodes() {}
}
