package dev.fargatedoctor.cli.watch;

/**
 * One difference between two cycles, printed as one JSON line.
 *
 * @param kind route, route-association, nacl-entry, security-group-rule, trust-policy, nat-gateway,
 *     quota, finding, task-stopped
 * @param change added, removed, modified (findings: appeared, cleared, modified)
 * @param resource what changed, e.g. "rtb-0a1 0.0.0.0/0" or a role name
 * @param before the old value, or null (a finding's status)
 * @param after the new value, or null (a finding's status)
 * @param finding for a finding, its fields (check, severity, account, resource, fingerprint)
 */
public record Change(
    String kind,
    String change,
    String region,
    String resource,
    Object before,
    Object after,
    FindingEvent finding) {
  public Change(
      String kind, String change, String region, String resource, Object before, Object after) {
    this(kind, change, region, resource, before, after, null);
  }
}
