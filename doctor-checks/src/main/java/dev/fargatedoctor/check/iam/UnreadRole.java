package dev.fargatedoctor.check.iam;

import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why a role a task definition references is not in the snapshot, and who depends on it: the IAM
 * reads that failed (the account-wide one and the role's own), and the services whose task
 * definitions use the role. An UNKNOWN about a role says all of it.
 */
final class UnreadRole {
  static final String FIX =
      "Allow iam:GetAccountAuthorizationDetails for the identity that scans, or, where that is too"
          + " broad, the role-by-role reads iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy,"
          + " iam:ListAttachedRolePolicies, iam:GetPolicy and iam:GetPolicyVersion (docs/iam-policy.json"
          + " lists both), and scan again.";

  private UnreadRole() {}

  /** Each IAM read that should have delivered the role, with its outcome; in the order tried. */
  static Map<String, String> reads(RegionView region, String ref) {
    String name = Arns.lastSegment(ref);
    Map<String, String> out = new LinkedHashMap<>();
    for (String action : Input.IAM_ROLES.actions()) {
      for (Coverage c : region.coverage(action)) {
        if (c.collected() || (c.resource() != null && !c.resource().equals(name))) continue;
        out.put(
            action + (c.resource() == null ? "" : " (" + c.resource() + ")"),
            c.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (c.message() == null ? "" : ": " + c.message()));
      }
    }
    if (out.isEmpty()) out.put(Input.IAM_ROLES.actions().get(0), "not collected");
    return out;
  }

  /** "iam:GetAccountAuthorizationDetails denied, iam:GetRole denied": the reads, briefly. */
  static String summary(Map<String, String> reads) {
    List<String> parts = new ArrayList<>();
    reads.forEach((action, why) -> parts.add(action.split(" ")[0] + " " + why.split(":")[0]));
    return String.join(", ", parts);
  }

  /** Services of the region whose task definition names the role, as execution or task role. */
  static List<String> servicesUsing(RegionView region, String roleRef) {
    List<String> out = new ArrayList<>();
    for (Service s : region.services()) {
      region
          .taskDefinition(s.taskDefinition())
          .ifPresent(
              td -> {
                if (roleRef.equals(td.executionRoleArn()) || roleRef.equals(td.taskRoleArn()))
                  out.add(s.serviceName());
              });
    }
    return out;
  }
}
