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
 * A rolling-update service without the deployment circuit breaker (or with it, but without
 * rollback): a deployment whose tasks never start keeps retrying for hours instead of failing and
 * returning to the last working revision.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "DEPLOY-NO-CIRCUIT-BREAKER",
    title = "Deployment circuit breaker with rollback is off",
    law = Law.DEPLOY_HANGS,
    severity = Severity.LOW,
    needs = {Input.ECS_SERVICES})
public final class NoCircuitBreaker implements Check {
  @Override
  public List<Finding> run(CheckContext ctx) {
    return ctx.each(ctx.region().services(), Resource::service, s -> judge(ctx, s));
  }

  private static List<Finding> judge(CheckContext ctx, Service s) {
    if (!DeploymentSettings.isRolling(s))
      return List.of(); // CodeDeploy and external controllers roll back their own way
    DeploymentSettings d = DeploymentSettings.of(s);
    FindingBuilder f =
        ctx.finding(Resource.service(s))
            .evidence("circuit breaker", Fact.flag(d.circuitBreaker(), "enabled", "disabled"))
            .evidence("rollback", Fact.flag(d.rollback(), "enabled", "disabled"));
    if (d.circuitBreaker() && d.rollback()) {
      return List.of(f.pass(s.serviceName() + ": failed deployments roll back").build());
    }
    String title =
        d.circuitBreaker()
            ? s.serviceName()
                + ": the circuit breaker fails deployments but does not roll them back"
            : s.serviceName()
                + ": no deployment circuit breaker: a deployment whose tasks never start retries for ever";
    return List.of(
        f.warn(title)
            .fix(
                "Turn on the circuit breaker with rollback: after failed launches (half the desired count, between 10 "
                    + "and 200 tasks) ECS marks the deployment FAILED and returns to the last completed one. The "
                    + "command keeps the service's current percentages.",
                AwsCommand.of("ecs", "update-service")
                    .opt("--cluster", s.clusterName())
                    .opt("--service", s.serviceName())
                    .opt(
                        "--deployment-configuration",
                        DeploymentSettings.shorthand(
                            d.minimumHealthyPercent(), d.maximumPercent(), true, true))
                    .region(ctx.region().name()))
            .build());
  }
}
