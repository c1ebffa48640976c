package dev.fargatedoctor.check.iam;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.iam.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The execution role must allow what ECS does for the task before it starts: ECR pull for images in
 * ECR, CreateLogStream and PutLogEvents for awslogs (CreateLogGroup when the task definition asks
 * ECS to create the group), GetSecretValue or GetParameters for every referenced secret. AWS's
 * managed AmazonECSTaskExecutionRolePolicy grants the first two, not log-group creation, not
 * secrets.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "EXEC-ROLE-PERMS",
    title = "Execution role lacks what the task definition needs",
    law = Law.WONT_START,
    severity = Severity.HIGH,
    needs = {Input.TASK_DEFINITIONS, Input.IAM_ROLES})
public final class ExecutionRolePermissions implements Check {
  static final String SCP_NOTE = "service control policies are not visible from inside the account";

  @Override
  public List<Finding> run(CheckContext ctx) {
    return ctx.each(
        ctx.region().data().ecs().taskDefinitions(),
        Resource::taskDefinition,
        td -> judge(ctx, td));
  }

  private static List<Finding> judge(CheckContext ctx, TaskDefinition td) {
    List<Need> needs = ExecutionNeeds.of(td);
    if (needs.isEmpty()) return List.of();
    String ref = td.executionRoleArn();
    Resource resource = Resource.taskDefinition(td);
    FindingBuilder f = ctx.finding(resource);
    if (ref == null || ref.isBlank()) {
      return List.of(
          f.fail(
                  td.family()
                      + ":"
                      + td.revision()
                      + " has no execution role, but ECS needs one to "
                      + needs.get(0).why())
              .evidence(
                  "needs",
                  needs.stream().map(n -> n.action() + " on " + n.resource()).distinct().toList())
              .fix(
                  "Set executionRoleArn in a new task-definition revision to a role that trusts ecs-tasks.amazonaws.com "
                      + "and has AmazonECSTaskExecutionRolePolicy attached.")
              .build());
    }
    if (ctx.region().iam().isMissing(ref))
      return List.of(); // EXEC-ROLE-TRUST reports a deleted role
    Optional<Role> role = ctx.region().iam().role(ref);
    if (role.isEmpty()) {
      Map<String, String> reads = UnreadRole.reads(ctx.region(), ref);
      f.unknown(
              "execution role "
                  + Arns.lastSegment(ref)
                  + " of "
                  + resource.id()
                  + " could not be read ("
                  + UnreadRole.summary(reads)
                  + ")")
          .evidence("role", ref)
          .evidence("services", UnreadRole.servicesUsing(ctx.region(), ref));
      reads.forEach(f::evidence);
      return List.of(f.fix(UnreadRole.FIX).build());
    }
    return List.of(review(ctx, td, resource, role.get(), needs));
  }

  private static Finding review(
      CheckContext ctx, TaskDefinition td, Resource resource, Role role, List<Need> needs) {
    Permissions permissions = Permissions.of(role);
    List<Need> missing = new ArrayList<>();
    List<String> missingLines = new ArrayList<>();
    List<String> uncertain = new ArrayList<>();
    boolean boundary = false;
    for (Need n : needs) {
      Permissions.Verdict v = permissions.evaluate(n.action(), n.forms());
      boundary |= v.boundaryMayDeny();
      if (v.surelyMissing()) {
        missing.add(n);
        missingLines.add(
            n.action() + " on " + n.resource() + ", to " + n.why() + " (" + v.because() + ")");
      } else if (v.decision() != Permissions.Decision.ALLOWED) {
        uncertain.add(n.action() + " on " + n.resource() + ": " + v.because());
      }
    }
    String name = role.roleName();
    FindingBuilder f =
        ctx.finding(resource)
            .evidence("execution role", name)
            .evidence("policies", policyNames(role))
            .evidence("permissions checked", needs.size());
    List<String> limits = new ArrayList<>();
    if (boundary)
      limits.add(
          "permissions boundary "
              + role.permissionsBoundaryArn()
              + " is not evaluated: it may deny more");
    limits.add(SCP_NOTE);
    if (!missing.isEmpty()) {
      return f.fail(
              "execution role "
                  + name
                  + " cannot "
                  + missing.get(0).why()
                  + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : "")
                  + ": new tasks of "
                  + resource.id()
                  + " will not start")
          .evidence("missing", missingLines)
          .evidence("not certain", uncertain.isEmpty() ? null : uncertain)
          .evidence("not evaluated", limits)
          .fix(
              "Grant what is missing with an inline policy (a Deny named in the evidence must be removed from its "
                  + "policy as well). Secrets under a customer managed KMS key also need kms:Decrypt on that key.",
              AwsCommand.of("iam", "put-role-policy")
                  .opt("--role-name", name)
                  .opt("--policy-name", "fargate-doctor-" + td.family() + "-execution")
                  .opt("--policy-document", Need.policyDocument(missing))
                  .region(ctx.region().name()))
          .build();
    }
    if (!uncertain.isEmpty() || boundary) {
      return f.unknown(
              "execution role "
                  + name
                  + " of "
                  + resource.id()
                  + ": allowed only if "
                  + (uncertain.isEmpty()
                      ? "its permissions boundary allows it too"
                      : "conditions this scan cannot evaluate " + "hold"))
          .evidence("not certain", uncertain.isEmpty() ? null : uncertain)
          .evidence("not evaluated", limits)
          .fix(
              "Review the conditions and the boundary for the actions listed; ECS calls them from the task's "
                  + "subnet, with the execution role.")
          .build();
    }
    return f.pass(
            "execution role "
                + name
                + " allows everything "
                + resource.id()
                + " needs before it starts")
        .evidence("not evaluated", limits)
        .build();
  }

  private static List<String> policyNames(Role role) {
    List<String> out = new ArrayList<>();
    role.attachedPolicies().forEach(p -> out.add(p.policyName() + " (managed)"));
    role.inlinePolicies().forEach(p -> out.add(p.policyName() + " (inline)"));
    return out;
  }
}
