package dev.fargatedoctor.cli;

import picocli.CommandLine.Option;

/**
 * Whether a gate may pass on what it could not evaluate. By default it may not: exit 4, never a
 * false green.
 */
final class AllowIncomplete {
  @Option(
      names = "--allow-incomplete",
      description =
          "Exit 0 instead of 4 when nothing failed but some of it could not be evaluated (UNKNOWN).")
  boolean allowed;

  /** The exit code of a run that found no problem: 0, or 4 when something was not evaluated. */
  int whenClean(boolean somethingUnknown) {
    return somethingUnknown && !allowed ? ExitCodes.INCOMPLETE : ExitCodes.OK;
  }
}
