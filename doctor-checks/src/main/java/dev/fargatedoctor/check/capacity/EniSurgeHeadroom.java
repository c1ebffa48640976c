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
import dev.fargatedoctor.snapshot.ServiceQuota;
import java.util.List;

/**
 * Interfaces left under the Region quota against what rolling deployments of the region's services
 * add: each deployment may run up to desired × maximumPercent / 100 tasks, every extra task an
 * extra interface. A deployment that meets the quota leaves its new tasks PENDING and hangs.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "ENI-SURGE",
    title = "Deployment surge does not fit under the ENI quota",
    law = Law.WONT_START,
    severity = Severity.HIGH,
    needs = {Input.NETWORK_INTERFACES, Input.ECS_SERVICES})
public final class EniSurgeHeadroom implements Check {
  private static final int SHOWN = 5;

  @Override
  public List<Finding> run(CheckContext ctx) {
    CapacityModel model = CapacityModel.current(ctx.region());
    EniDemand eni = model.networkInterfaces();
    String region = ctx.region().name();
    String account = ctx.region().accountId();
    FindingBuilder f =
        ctx.finding(
            new Resource(
                "region",
                region,
                account == null
                    ? null
                    : "arn:aws:servicequotas:"
                        + region
                        + ":"
                        + account
                        + ":vpc/"
                        + ServiceQuota.NETWORK_INTERFACES_CODE));
    List<ServiceDemand> contributors = eni.contributors();
    f.evidence("network interfaces in use", eni.inUse())
        .evidence(
            "quota",
            eni.quota()
                .map(q -> Fact.noted(q.value(), q.quotaName() + ", " + q.source()))
                .orElse(null))
        .evidence("headroom", eni.headroom().orElse(null))
        .evidence(
            "added by deployments",
            Fact.noted(
                eni.additional(),
                eni.scaleOut() > 0
                    ? eni.scaleOut() + " of them tasks still missing from the desired counts"
                    : null))
        .fact("tasksMissingFromDesired", eni.scaleOut())
        .evidence(
            "biggest surges",
            contributors.stream().limit(SHOWN).map(EniSurgeHeadroom::surge).toList());

    if (eni.quota().isEmpty()) {
      return List.of(
          f.unknown(
                  "ENI quota not readable: cannot tell whether deployments adding "
                      + eni.additional()
                      + " interfaces fit")
              .fix(
                  "Allow servicequotas:GetServiceQuota and scan again, or look the quota up yourself:",
                  AwsCommand.of("service-quotas", "get-service-quota")
                      .opt("--service-code", "vpc")
                      .opt("--quota-code", ServiceQuota.NETWORK_INTERFACES_CODE)
                      .region(region))
              .build());
    }
    long headroom = eni.headroom().get();
    if (eni.additional() == 0) {
      return List.of(
          f.pass(
                  "no service adds interfaces in a deployment; "
                      + headroom
                      + " left under the quota")
              .build());
    }
    if (headroom >= eni.additional()) {
      return List.of(
          f.pass(
                  "deployments of every service add "
                      + eni.additional()
                      + " interfaces; "
                      + headroom
                      + " left under the quota")
              .build());
    }
    ServiceDemand biggest = contributors.get(0);
    f.fail(
        "deployments need "
            + eni.additional()
            + " more network interfaces, only "
            + Math.max(0, headroom)
            + " left under the quota"
            + (biggest.additional() > headroom
                ? ": even " + biggest.name() + " alone (+" + biggest.additional() + ") does not fit"
                : ""));
    long target = roundUp((eni.inUse() + eni.additional()) * 1.2, 100);
    f.fix(
        "New tasks of a deployment beyond the quota stay PENDING and the deployment hangs. Raise the quota before "
            + "deploying (the value below covers every surge with 20 % to spare), deploy the big services one at a "
            + "time, or lower their maximumPercent.",
        AwsCommand.of("service-quotas", "request-service-quota-increase")
            .opt("--service-code", "vpc")
            .opt("--quota-code", ServiceQuota.NETWORK_INTERFACES_CODE)
            .opt(
                "--desired-value",
                Math.max(target, (long) Math.floor(eni.quota().get().value()) + 100))
            .region(region));
    return List.of(f.build());
  }

  private static Fact surge(ServiceDemand s) {
    return Fact.line(
        describe(s),
        "service",
        s.name(),
        "additional",
        s.additional(),
        "desired",
        s.planned(),
        "peak",
        s.peak(),
        "maximumPercent",
        s.maximumPercent());
  }

  private static String describe(ServiceDemand s) {
    return s.name()
        + ": +"
        + s.additional()
        + " ("
        + s.planned()
        + " desired, peak "
        + s.peak()
        + " at "
        + s.maximumPercent()
        + " %)";
  }

  private static long roundUp(double v, long step) {
    return (long) Math.ceil(v / step) * step;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
