package dev.fargatedoctor.check;

import java.util.List;

/**
 * Why and how to fix: a sentence or two, then copy-paste commands filled from the finding's own
 * ids.
 */
public record Remediation(String text, List<String> commands) {
  public static final Remediation NONE = new Remediation(null, List.of());

  public Remediation {
    commands = commands == null ? List.of() : List.copyOf(commands);
  }
}
