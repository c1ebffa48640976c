package dev.fargatedoctor.check.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.iam.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The shared work of the execution-role and task-role trust checks: find every role the region's
 * task definitions reference, evaluate its trust policy for ecs-tasks.amazonaws.com, and build the
 * fix that adds the missing statement while keeping the statements other teams rely on.
 */
final class RoleTrustReview {
  static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

  private final String roleKind;
  private final Function<TaskDefinition, String> roleOf;
  private final String consequence;

  RoleTrustReview(String roleKind, Function<TaskDefinition, String> roleOf, String consequence) {
    this.roleKind = roleKind;
    this.roleOf = roleOf;
    this.consequence = consequence;
  }

  List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    Map<String, Set<String>> users = new LinkedHashMap<>();
    for (TaskDefinition td : region.data().ecs().taskDefinitions()) {
      String role = roleOf.apply(td);
      if (role == null || role.isBlank()) continue;
      users
          .computeIfAbsent(role, k -> new LinkedHashSet<>())
          .add(td.family() + ":" + td.revision());
    }
    return ctx.each(
        users.entrySet(),
        e -> roleResource(e.getKey()),
        e -> List.of(judgeRole(ctx, e.getKey(), e.getValue())));
  }

  private Finding judgeRole(CheckContext ctx, String ref, Set<String> taskDefinitions) {
    RegionView region = ctx.region();
    List<String> services = UnreadRole.servicesUsing(region, ref);
    if (region.iam().isMissing(ref)) {
      return ctx.finding(roleResource(ref))
          .fail(roleKind + " " + Arns.lastSegment(ref) + " does not exist")
          .evidence("task definitions", List.copyOf(taskDefinitions))
          .evidence("services", services)
          .fix(
              "Recreate the role with a trust policy for "
                  + ECS_TASKS
                  + ", or point the task definition at a "
                  + "role that exists. "
                  + consequence)
          .build();
    }
    var role = region.iam().role(ref);
    return role.isPresent()
        ? review(ctx, role.get(), taskDefinitions, services)
        : unreadable(ctx, ref, taskDefinitions, services);
  }

  static Resource roleResource(String ref) {
    return new Resource("iam-role", Arns.lastSegment(ref), ref.startsWith("arn:") ? ref : null);
  }

  // Neither read nor known missing: say which call failed, never call the role fine.
  private Finding unreadable(
      CheckContext ctx, String ref, Set<String> taskDefinitions, List<String> services) {
    String name = Arns.lastSegment(ref);
    Map<String, String> reads = UnreadRole.reads(ctx.region(), ref);
    FindingBuilder f =
        ctx.finding(roleResource(ref))
            .unknown(
                roleKind + " " + name + " could not be read (" + UnreadRole.summary(reads) + ")")
            .evidence("task definitions", List.copyOf(taskDefinitions))
            .evidence("services", services);
    reads.forEach(f::evidence);
    return f.fix(UnreadRole.FIX).build();
  }

  private Finding review(
      CheckContext ctx, Role role, Set<String> taskDefinitions, List<String> services) {
    String region = ctx.region().name();
    TrustPolicy.Verdict v =
        TrustPolicy.evaluate(
            role.assumeRolePolicyDocument(), ECS_TASKS, ctx.region().accountId(), region);
    FindingBuilder f =
        ctx.finding(new Resource("iam-role", role.roleName(), role.arn()))
            .evidence("task definitions", List.copyOf(taskDefinitions))
            .evidence("services", services)
            .evidence("trust policy", v.reason())
            .evidence(
                "trusted principals",
                v.trustedPrincipals().isEmpty() ? null : v.trustedPrincipals());
    String name = role.roleName();
    switch (v.outcome()) {
      case TRUSTED -> {
        return f.pass(roleKind + " " + name + " trusts " + ECS_TASKS).build();
      }
      case TRUSTS_ANYONE -> {
        return f.warn(roleKind + " " + name + " can be assumed by any principal (\"*\")")
            .severity(Severity.HIGH)
            .fix(
                "A trust policy with Principal \"*\" lets any AWS account assume the role. Trust "
                    + ECS_TASKS
                    + " only, with aws:SourceAccount and aws:SourceArn conditions.",
                updateCommand(name, fixedDocument(role, ctx.region().accountId(), true), region))
            .build();
      }
      case CONDITIONAL -> {
        return f.warn(
                roleKind
                    + " "
                    + name
                    + ": whether "
                    + ECS_TASKS
                    + " may assume it depends on a condition "
                    + "this scan cannot evaluate")
            .severity(Severity.LOW)
            .fix(
                "Review the condition; ECS sends aws:SourceAccount and aws:SourceArn (the task's ARN).")
            .build();
      }
      default -> {
        String title =
            switch (v.outcome()) {
              case DENIED -> roleKind + " " + name + " denies " + ECS_TASKS + " sts:AssumeRole";
              case MALFORMED -> roleKind + " " + name + " has an unusable trust policy";
              default -> roleKind + " " + name + " does not trust " + ECS_TASKS;
            };
        f.fail(title)
            .fix(
                consequence
                    + " Add a statement that lets "
                    + ECS_TASKS
                    + " call sts:AssumeRole"
                    + (v.outcome() == TrustPolicy.Outcome.DENIED
                        ? ", and remove the Deny statement,"
                        : "")
                    + " keeping the statements other services rely on:",
                updateCommand(name, fixedDocument(role, ctx.region().accountId(), false), region));
        return f.build();
      }
    }
  }

  private static String updateCommand(String roleName, String document, String region) {
    // IAM is global; the region flag is harmless and keeps every printed command uniform.
    return AwsCommand.of("iam", "update-assume-role-policy")
        .opt("--role-name", roleName)
        .opt("--policy-document", document)
        .region(region);
  }

  /**
   * The current statements (when the document was readable) minus those that would still block or
   * over-grant, plus an Allow for ecs-tasks.amazonaws.com with the confused-deputy conditions.
   */
  static String fixedDocument(Role role, String accountId, boolean dropEveryone) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("Version", "2012-10-17");
    ArrayNode statements = doc.putArray("Statement");
    JsonNode current = role.assumeRolePolicyDocument();
    if (current != null && current.isObject()) {
      JsonNode st = current.get("Statement");
      List<JsonNode> existing = new ArrayList<>();
      if (st != null && st.isArray()) st.forEach(existing::add);
      else if (st != null && st.isObject()) existing.add(st);
      for (JsonNode s : existing) {
        if (mentionsEcsTasks(s) || (dropEveryone && principalIsEveryone(s))) continue;
        statements.add(s);
      }
    }
    ObjectNode allow = statements.addObject();
    allow.put("Effect", "Allow");
    allow.putObject("Principal").put("Service", ECS_TASKS);
    allow.put("Action", "sts:AssumeRole");
    if (accountId != null) {
      ObjectNode cond = allow.putObject("Condition");
      cond.putObject("StringEquals").put("aws:SourceAccount", accountId);
      String partition = role.arn() == null ? "aws" : role.arn().split(":")[1];
      cond.putObject("ArnLike")
          .put("aws:SourceArn", "arn:" + partition + ":ecs:*:" + accountId + ":*");
    }
    return doc.toString();
  }

  private static boolean mentionsEcsTasks(JsonNode statement) {
    return statement.toString().contains(ECS_TASKS);
  }

  private static boolean principalIsEveryone(JsonNode statement) {
    JsonNode p = statement.get("Principal");
    if (p == null) return false;
    if (p.isTextual()) return "*".equals(p.asText());
    JsonNode aws = p.get("AWS");
    return aws != null
        && (("*".equals(aws.asText())) || (aws.isArray() && aws.toString().contains("\"*\"")));
  }
}
