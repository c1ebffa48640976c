package dev.fargatedoctor.check.capacity;

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
import dev.fargatedoctor.check.Quantity;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fargate vCPU in use against the account's quotas: On-Demand (fargate/L-3032A538) and Spot
 * (fargate/L-36FBB829). At the quota ECS reports "You've reached the limit on the number of vCPUs
 * you can run concurrently" and new tasks do not start. New accounts can have as little as 6 vCPU,
 * so an unreadable quota is UNKNOWN, never a guessed pass.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "FARGATE-VCPU-QUOTA",
    title = "Fargate vCPU near its quota",
    law = Law.WONT_START,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES, Input.TASK_DEFINITIONS, Input.TASKS})
public final class FargateVcpuQuota implements Check {

  @Override
  public List<Finding> run(CheckContext ctx) {
    CapacityModel model = CapacityModel.current(ctx.region());
    return ctx.each(
        List.of(FargatePool.values()),
        p -> Resource.of("fargate-vcpu-quota", p.label()),
        pool -> judgePool(ctx, pool, model));
  }

  private static List<Finding> judgePool(CheckContext ctx, FargatePool pool, CapacityModel model) {
    VcpuDemand d = model.vcpu(pool);
    if (!d.hasDemand() && (pool == FargatePool.SPOT || d.quota().isEmpty())) return List.of();
    return List.of(evaluate(ctx, d));
  }

  private static Finding evaluate(CheckContext ctx, VcpuDemand d) {
    String region = ctx.region().name();
    String account = ctx.region().accountId();
    FargatePool pool = d.pool();
    FindingBuilder f =
        ctx.finding(
            new Resource(
                "fargate-vcpu-quota",
                pool.label(),
                account == null
                    ? null
                    : "arn:aws:servicequotas:"
                        + region
                        + ":"
                        + account
                        + ":fargate/"
                        + pool.quotaCode()));
    Optional<ServiceDemand> biggest = d.largestSurge();
    f.evidence("vCPU in use", "inUseVcpu", Fact.of(vcpu(d.inUse()), d.inUse()))
        .evidence("counted from", d.usageSource())
        .evidence(
            "quota",
            "quotaVcpu",
            d.quota()
                .map(
                    q ->
                        Fact.noted(
                            Fact.of(vcpu(q.value()), q.value()), q.quotaName() + ", " + q.source()))
                .orElse(null))
        .evidence(
            "largest deployment surge",
            biggest
                .map(
                    s ->
                        Fact.line(
                            s.name()
                                + ": +"
                                + vcpu(d.surgeOf(s))
                                + " vCPU ("
                                + s.surge(pool)
                                + " tasks of "
                                + vcpu(s.vcpuPerTask())
                                + ")",
                            "service",
                            s.name(),
                            "addedVcpu",
                            d.surgeOf(s),
                            "tasks",
                            s.surge(pool),
                            "vcpuPerTask",
                            s.vcpuPerTask()))
                .orElse(null))
        .evidence(
            "tasks of unknown size (not counted)",
            d.tasksOfUnknownSize() == 0 ? null : d.tasksOfUnknownSize())
        .evidence(
            "assumption",
            d.assumedPools()
                ? "services without launch type or strategy were taken as "
                    + "Fargate On-Demand (the cluster's default strategy is not in the snapshot)"
                : null);
    if (d.quota().isEmpty()) {
      return f.unknown(
              "Fargate "
                  + pool.label()
                  + " vCPU quota not readable: "
                  + vcpu(d.inUse())
                  + " vCPU in use; servicequotas:GetServiceQuota gave no value for fargate/"
                  + pool.quotaCode())
          .fix(
              "New accounts may have as little as 6 vCPU. Allow servicequotas:GetServiceQuota (and "
                  + "ListServiceQuotas, ListAWSDefaultServiceQuotas) and scan again, or look the quota up yourself:",
              AwsCommand.of("service-quotas", "get-service-quota")
                  .opt("--service-code", "fargate")
                  .opt("--quota-code", pool.quotaCode())
                  .region(region))
          .build();
    }
    double quota = d.quota().get().value();
    double percent = quota <= 0 ? 100 : 100 * d.inUse() / quota;
    double surge = biggest.map(d::surgeOf).orElse(0.0);
    f.evidence("utilisation", Quantity.percent(percent));
    String share =
        vcpu(d.inUse())
            + " of "
            + vcpu(quota)
            + " Fargate "
            + pool.label()
            + " vCPU in use ("
            + String.format(Locale.ROOT, "%.0f", percent)
            + " %)";
    if (percent >= ctx.thresholds().vcpuCriticalPercent()) {
      remedy(
          f.fail(share + ": new tasks are about to be refused"),
          region,
          pool,
          quota,
          d.inUse() + surge);
    } else if (d.inUse() + surge > quota) {
      remedy(
          f.fail(
              share
                  + ": a deployment of "
                  + biggest.get().name()
                  + " (+"
                  + vcpu(surge)
                  + " vCPU) would "
                  + "exceed the quota"),
          region,
          pool,
          quota,
          d.inUse() + surge);
    } else if (percent >= ctx.thresholds().vcpuWarnPercent()) {
      remedy(
          f.warn(share + ": approaching the quota").severity(Severity.MEDIUM),
          region,
          pool,
          quota,
          d.inUse() + surge);
    } else {
      f.pass(share);
    }
    return f.build();
  }

  private static void remedy(
      FindingBuilder f, String region, FargatePool pool, double quota, double needed) {
    long target = (long) Math.ceil(Math.max(quota * 2, needed * 1.25) / 10) * 10;
    f.fix(
        "The quota counts the vCPU of every running Fargate task of the account in the Region, across "
            + "clusters. Request an increase before the next scale-out or deployment:",
        AwsCommand.of("service-quotas", "request-service-quota-increase")
            .opt("--service-code", "fargate")
            .opt("--quota-code", pool.quotaCode())
            .opt("--desired-value", target)
            .region(region));
  }

  static String vcpu(double v) {
    return v == Math.rint(v)
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
  }
}
