package dev.fargatedoctor.check.ecs;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.List;

/**
 * A rolling update must be able to stop an old task or start a new one. ECS rounds
 * minimumHealthyPercent up and maximumPercent down, so with few tasks both can round to the desired
 * count: desired 2 at 75 %/125 % keeps 2 healthy and runs at most 2, and no deployment can move.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "DEPLOY-CONFIG-BLOCKED",
    title = "Deployment configuration cannot make progress",
    law = Law.DEPLOY_HANGS,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES})
public final class DeploymentConfigBlocked implements Check {
  @Override
  public List<Finding> run(CheckContext ctx) {
    return ctx.each(ctx.region().services(), Resource::service, s -> judge(ctx, s));
  }

  private static List<Finding> judge(CheckContext ctx, Service s) {
    int desired = s.desiredCount() == null ? 0 : s.desiredCount();
    if (!DeploymentSettings.isRolling(s) || desired == 0) return List.of();
    DeploymentSettings d = DeploymentSettings.of(s);
    int keep = d.minimumHealthyTasks(desired);
    int most = d.maximumTasks(desired);
    FindingBuilder f =
        ctx.finding(Resource.service(s))
            .evidence("desired", desired)
            .evidence(
                "minimumHealthyPercent",
                Fact.of(
                    d.minimumHealthyPercent() + " % → at least " + keep + " healthy (rounded up)",
                    d.minimumHealthyPercent()))
            .fact("tasksKeptHealthy", keep)
            .evidence(
                "maximumPercent",
                Fact.of(
                    d.maximumPercent() + " % → at most " + most + " running (rounded down)",
                    d.maximumPercent()))
            .fact("tasksRunningAtMost", most);
    if (most > keep) {
      return List.of(
          f.pass(
                  s.serviceName()
                      + ": a deployment can replace "
                      + (most - keep)
                      + " task"
                      + (most - keep == 1 ? "" : "s")
                      + " at a time")
              .build());
    }
    boolean deploying =
        s.deployments().size() > 1
            || s.primaryDeployment().map(p -> "IN_PROGRESS".equals(p.rolloutState())).orElse(false);
    // Prefer surging (no capacity lost); services that must not surge can drop below desired
    // instead.
    int maximum = Math.max(d.maximumPercent(), (int) Math.ceil((keep + 1) * 100.0 / desired));
    return List.of(
        f.fail(
                s.serviceName()
                    + ": with "
                    + desired
                    + " desired, a deployment may neither stop a task "
                    + "(at least "
                    + keep
                    + " must stay healthy) nor start one (at most "
                    + most
                    + " may run)")
            .severity(deploying ? Severity.HIGH : Severity.MEDIUM)
            .evidence(
                "deployment in progress",
                Fact.flag(deploying, "yes: it cannot finish", "no: the next one will hang"))
            .fix(
                "Allow one extra task during deployments (raise maximumPercent), or let one task go (lower "
                    + "minimumHealthyPercent). ECS reports this as \"unable to stop or start tasks during a deployment "
                    + "because of the service deployment configuration\".",
                AwsCommand.of("ecs", "update-service")
                    .opt("--cluster", s.clusterName())
                    .opt("--service", s.serviceName())
                    .opt(
                        "--deployment-configuration",
                        DeploymentSettings.shorthand(
                            d.minimumHealthyPercent(), maximum, d.circuitBreaker(), d.rollback()))
                    .region(ctx.region().name()))
            .build());
  }
}
