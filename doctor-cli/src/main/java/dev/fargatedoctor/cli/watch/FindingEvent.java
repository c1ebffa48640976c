package dev.fargatedoctor.cli.watch;

/**
 * A finding that appeared, changed or cleared, in fields rather than one sentence: what watch's
 * JSON lines and its notifications carry.
 *
 * @param change appeared, modified or cleared
 * @param statusBefore FAIL, WARN or UNKNOWN before the change; null when it appeared
 * @param statusAfter the status now; null when it cleared
 * @param severity the severity now, or the last one known when it cleared
 * @param severityBefore the severity before the change; null when it appeared
 */
public record FindingEvent(
    String change,
    String checkId,
    String severity,
    String severityBefore,
    String statusBefore,
    String statusAfter,
    String account,
    String region,
    String resourceType,
    String resourceId,
    String title,
    String fingerprint) {
  static FindingEvent of(String change, FindingState before, FindingState after) {
    FindingState now = after != null ? after : before;
    return new FindingEvent(
        change,
        now.checkId(),
        now.severity(),
        before == null ? null : before.severity(),
        before == null ? null : before.status(),
        after == null ? null : after.status(),
        now.account(),
        now.region(),
        now.resourceType(),
        now.resourceId(),
        now.title(),
        now.fingerprint());
  }
}
