package dev.fargatedoctor.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The organisation options on a command that works in one account (triage, watch): refused with the
 * reason and what to do instead, rather than as unknown options or, worse, ignored.
 */
final class OneAccountOnly {
  @Option(names = "--org", hidden = true)
  boolean org;

  @Option(names = "--accounts", hidden = true, split = ",")
  List<String> accounts = new ArrayList<>();

  void check(String command, String why) {
    if (org || !accounts.isEmpty()) {
      throw new IllegalArgumentException(
          command
              + " works in one account ("
              + why
              + "): give --account ID (with --role-name), once per account; `scan --org` and"
              + " `preflight --org` cover an organisation");
    }
  }
}
