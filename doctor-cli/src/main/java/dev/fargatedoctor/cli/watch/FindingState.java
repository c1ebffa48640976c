package dev.fargatedoctor.cli.watch;

import dev.fargatedoctor.check.Finding;

/**
 * A finding as watch remembers it between cycles: enough to say it appeared, changed or cleared,
 * and to notify about it. State files written before the fingerprint existed read back with a null
 * account and fingerprint; such findings compare by their check, Region and resource.
 */
record FindingState(
    String checkId,
    String severity,
    String status,
    String account,
    String region,
    String resourceType,
    String resourceId,
    String title,
    String fingerprint) {
  static FindingState of(Finding f) {
    return new FindingState(
        f.checkId(),
        f.severity().name(),
        f.status().name(),
        f.account(),
        f.region(),
        f.resource().type(),
        f.resource().id(),
        f.title(),
        f.fingerprint());
  }

  /** What a finding is compared by from one cycle to the next. */
  String key() {
    return fingerprint != null ? fingerprint : label();
  }

  /** The finding for people: "CHECK REGION TYPE ID" (no Region for global IAM resources). */
  String label() {
    return checkId
        + " "
        + (resourceType.startsWith("iam-") ? "" : region + " ")
        + resourceType
        + " "
        + resourceId;
  }

  /** FAIL or WARN: what watch notifies about. */
  boolean isProblem() {
    return "FAIL".equals(status) || "WARN".equals(status);
  }
}
