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
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A task subnet whose free IP addresses cannot hold its share of the tasks at their peak: every
 * service placed there at its desired count while a rolling deployment runs at maximumPercent,
 * spread across each service's AZs. A task that finds no free address stops with TaskFailedToStart
 * ("Unexpected EC2 error while attempting to Create Network Interface").
 */
@AutoService(Check.class)
@CheckInfo(
    id = "SUBNET-IPS",
    title = "Task subnet too small for its tasks at their peak",
    law = Law.WONT_START,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES, Input.SUBNETS})
public final class SubnetIpHeadroom implements Check {

  @Override
  public List<Finding> run(CheckContext ctx) {
    CapacityModel model = CapacityModel.current(ctx.region());
    int reserve = ctx.thresholds().subnetIpReserve();
    return ctx.each(
        model.subnets(),
        d -> Resource.of("subnet", d.subnetId()),
        d -> judgeSubnet(ctx, d, model, reserve));
  }

  private static List<Finding> judgeSubnet(
      CheckContext ctx, SubnetDemand d, CapacityModel model, int reserve) {
    FindingBuilder f =
        ctx.finding(new Resource("subnet", d.subnetId(), null))
            .evidence("AZ", d.availabilityZone())
            .evidence("CIDR", d.subnet().cidrBlock())
            .evidence("free IPs", d.freeIps())
            .evidence("services (tasks now -> at peak)", "services", shares(d))
            .evidence("new IPs at the peak", d.additional())
            .evidence("reserve for other consumers", reserve);
    if (d.freeIps() == null) {
      return List.of(
          f.unknown(
                  "free IPs of "
                      + d.subnetId()
                      + " not reported: EC2 gave no AvailableIpAddressCount")
              .build());
    }
    int margin = d.margin();
    f.evidence("free IPs left at the peak", margin);
    String where = d.subnetId() + " (" + d.availabilityZone() + ")";
    if (margin < 0) {
      f.fail(
          where
              + " has "
              + d.freeIps()
              + " free IPs; its tasks at their peak need "
              + d.additional()
              + ": "
              + (-margin)
              + " task(s) would fail to start");
      remedy(f, ctx, model, d, reserve);
    } else if (margin < reserve) {
      f.warn(
              where
                  + " keeps only "
                  + margin
                  + " free IPs at its tasks' peak (reserve "
                  + reserve
                  + ")")
          .severity(Severity.MEDIUM);
      remedy(f, ctx, model, d, reserve);
    } else {
      f.pass(
          where
              + " holds its tasks' peak (+"
              + d.additional()
              + ") with "
              + margin
              + " IPs to spare");
    }
    return List.of(f.build());
  }

  private static List<Fact> shares(SubnetDemand d) {
    return d.shares().stream()
        .map(
            s ->
                Fact.line(
                    s.service() + ": " + s.live() + " -> " + s.peak(),
                    "service",
                    s.service(),
                    "tasksNow",
                    s.live(),
                    "tasksAtPeak",
                    s.peak()))
        .toList();
  }

  private static void remedy(
      FindingBuilder f, CheckContext ctx, CapacityModel model, SubnetDemand d, int reserve) {
    String region = ctx.region().name();
    f.fix(
        "The peak assumes each service at its desired count with a rolling deployment at its maximumPercent, "
            + "spread evenly over its AZs. Give the services more room: add a larger subnet in "
            + d.availabilityZone()
            + " (or another AZ) to their network configuration, free addresses held by "
            + "interfaces attached to nothing, or deploy with a lower maximumPercent.",
        AwsCommand.of("ec2", "describe-network-interfaces")
            .opt(
                "--filters",
                "Name=subnet-id,Values=" + d.subnetId() + " Name=status,Values=available")
            .opt("--query", "NetworkInterfaces[].[NetworkInterfaceId,Description]")
            .opt("--output", "table")
            .region(region));
    Optional<ServiceDemand> biggest =
        model.networkedServices().stream()
            .filter(s -> s.peakBySubnet().containsKey(d.subnetId()) && s.surge() > 0)
            .max(Comparator.comparingInt(ServiceDemand::surge));
    if (biggest.isEmpty()) return;
    ServiceDemand s = biggest.get();
    int others =
        d.additional()
            - d.shares().stream()
                .filter(x -> x.service().equals(s.name()))
                .mapToInt(SubnetDemand.Share::additional)
                .sum();
    for (int percent = s.maximumPercent() - 5; percent >= 105; percent -= 5) {
      int peak = DeploymentSurge.peakTasks(s.planned(), percent);
      int share = model.peakShare(s, d.subnetId(), peak);
      int own = Math.max(0, share - s.liveBySubnet().getOrDefault(d.subnetId(), 0));
      if (others + own + reserve <= d.freeIps()) {
        Integer min =
            s.service().deploymentConfiguration() == null
                ? null
                : s.service().deploymentConfiguration().minimumHealthyPercent();
        f.note(
            "With maximumPercent "
                + percent
                + " the deployments of "
                + s.name()
                + " fit (slower rollouts).");
        f.command(
            AwsCommand.of("ecs", "update-service")
                .opt("--cluster", s.service().clusterName())
                .opt("--service", s.service().serviceName())
                .opt(
                    "--deployment-configuration",
                    "maximumPercent="
                        + percent
                        + ",minimumHealthyPercent="
                        + (min == null ? 100 : min))
                .region(region));
        return;
      }
    }
  }
}
