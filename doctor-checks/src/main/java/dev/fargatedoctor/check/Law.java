package dev.fargatedoctor.check;

/**
 * The "Universal Laws of Fargate Debugging" from the incident write-up: for each symptom, where to
 * look. Every check serves one law, and each law becomes a triage playbook.
 */
public enum Law {
  WONT_START("won't start", "ENI limits, security groups, IAM roles, in that order"),
  SLOW("slow", "routes, NAT gateways, DNS"),
  MEMORY_CLIMBS("memory climbs", "trends, OOM kills, connections"),
  DEPLOY_HANGS("deploy hangs", "service events, not deployment logs"),
  ONE_PERCENT_FAIL("1 % fail", "load balancer and cross-AZ"),
  NOTHING_MAKES_SENSE("nothing makes sense", "flow logs and ECS Exec"),
  HYGIENE("hygiene", "configuration that will hurt later");

  private final String label;
  private final String where;

  Law(String label, String where) {
    this.label = label;
    this.where = where;
  }

  public String label() {
    return label;
  }

  public String where() {
    return where;
  }
}
