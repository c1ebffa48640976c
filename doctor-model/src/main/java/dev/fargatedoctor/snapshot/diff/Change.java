package dev.fargatedoctor.snapshot.diff;

/**
 * One difference between two snapshots: what kind of resource, which one, which aspect, and the
 * value before and after (null when the thing did not exist on that side).
 */
public record Change(Kind kind, String region, String resource, String aspect, String before, String after) {

  /** The groups a diff is shown in. */
  public enum Kind {
    ROUTE("routes"), NACL_ENTRY("network ACL entries"), SECURITY_GROUP_RULE("security-group rules"),
    TRUST_POLICY("trust policies"), NAT_GATEWAY("NAT gateways"), SERVICE("services"), QUOTA("quotas");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public String verb() {
    if (before == null) return "added";
    if (after == null) return "removed";
    return "changed";
  }
}
