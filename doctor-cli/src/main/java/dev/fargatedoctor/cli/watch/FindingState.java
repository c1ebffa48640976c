package dev.fargatedoctor.cli.watch;

import dev.fargatedoctor.check.Finding;

/**
 * A finding as watch remembers it between cycles: enough to say it appeared, changed or cleared.
 */
record FindingState(
    String checkId,
    String severity,
    String status,
    String region,
    String resourceType,
    String resourceId,
    String title) {
  static FindingState of(Finding f) {
    return new FindingState(
        f.checkId(),
        f.severity().name(),
        f.status().name(),
        f.region(),
        f.resource().type(),
        f.resource().id(),
        f.title());
  }

  String key() {
    return checkId
        + " "
        + (resourceType.startsWith("iam-") ? "" : region + " ")
        + resourceType
        + " "
        + resourceId;
  }

  String summary() {
    return status + " " + severity + ": " + title;
  }
}
