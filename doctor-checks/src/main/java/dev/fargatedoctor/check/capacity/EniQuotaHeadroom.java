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
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Network interfaces in use in a region against the account's quota ("Network interfaces per
 * Region", vpc/L-DF5E4CA3). Every Fargate task needs one; at the quota, tasks stay PENDING.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "ENI-QUOTA",
    title = "Network interfaces near the Region quota",
    law = Law.WONT_START,
    severity = Severity.CRITICAL,
    needs = {Input.NETWORK_INTERFACES})
public final class EniQuotaHeadroom implements Check {
  static final double AWS_DEFAULT_QUOTA = 5000;

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<NetworkInterface> enis = ctx.region().ownNetworkInterfaces();
    int others = ctx.region().data().ec2().networkInterfaces().size() - enis.size();
    EniClassifier classifier = new EniClassifier(ctx.region().data());
    Map<EniConsumer, Integer> byConsumer = new EnumMap<>(EniConsumer.class);
    long unattached = 0;
    for (NetworkInterface eni : enis) {
      byConsumer.merge(classifier.classify(eni), 1, Integer::sum);
      if ("available".equals(eni.status())) unattached++;
    }
    int inUse = enis.size();
    Optional<ServiceQuota> quota = ctx.region().quota("vpc", ServiceQuota.NETWORK_INTERFACES_CODE);
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

    double limit = quota.map(ServiceQuota::value).orElse(AWS_DEFAULT_QUOTA);
    double percent = limit <= 0 ? 100 : 100.0 * inUse / limit;
    f.evidence("network interfaces", inUse);
    f.evidence(
        "quota",
        quota
            .map(q -> Fact.noted(q.value(), q.quotaName() + ", " + q.source()))
            .orElse(
                Fact.of(
                    "not readable; AWS default "
                        + fmt(AWS_DEFAULT_QUOTA)
                        + " assumed for the numbers below",
                    null)));
    f.fact("quotaAssumed", quota.isEmpty());
    f.evidence("utilisation", Quantity.percent(percent));
    f.evidence("headroom", Math.max(0, (long) limit - inUse));
    f.evidence("by consumer", breakdown(byConsumer));
    if (unattached > 0) f.evidence("not attached (status available)", unattached);
    if (others > 0)
      f.evidence(
          "interfaces of other accounts in its shared subnets", "otherAccountsInterfaces", others);

    if (quota.isEmpty()) {
      return List.of(
          f.unknown(
                  "ENI quota not readable: "
                      + inUse
                      + " interfaces in use, "
                      + "servicequotas:GetServiceQuota gave no value")
              .fix(
                  "Allow servicequotas:GetServiceQuota (and ListServiceQuotas, ListAWSDefaultServiceQuotas) and scan "
                      + "again, or look the quota up yourself:",
                  quotaCommand(region))
              .build());
    }
    double warn = ctx.thresholds().eniWarnPercent();
    double critical = ctx.thresholds().eniCriticalPercent();
    String share =
        String.format(
            java.util.Locale.ROOT,
            "%d of %s network interfaces in use (%.0f %%)",
            inUse,
            fmt(limit),
            percent);
    if (percent >= critical) {
      return List.of(
          remedy(
                  f.fail(share + ": new tasks will fail to get an ENI").severity(Severity.CRITICAL),
                  region,
                  limit,
                  byConsumer,
                  unattached)
              .build());
    }
    if (percent >= warn) {
      return List.of(
          remedy(
                  f.warn(share + ": approaching the Region quota").severity(Severity.MEDIUM),
                  region,
                  limit,
                  byConsumer,
                  unattached)
              .build());
    }
    return List.of(f.pass(share).build());
  }

  private static FindingBuilder remedy(
      FindingBuilder f,
      String region,
      double limit,
      Map<EniConsumer, Integer> byConsumer,
      long unattached) {
    long target = Math.round(limit * 2);
    String text =
        "The quota is per Region and counts every interface (tasks, Lambda, load balancers, NAT, "
            + "endpoints). Request an increase before the next scale-out";
    if (unattached > 0)
      text += "; interfaces in status 'available' are attached to nothing and still count";
    f.fix(
        text + ".",
        AwsCommand.of("service-quotas", "request-service-quota-increase")
            .opt("--service-code", "vpc")
            .opt("--quota-code", ServiceQuota.NETWORK_INTERFACES_CODE)
            .opt("--desired-value", target)
            .region(region));
    if (unattached > 0) {
      f.command(
          AwsCommand.of("ec2", "describe-network-interfaces")
              .opt("--filters", "Name=status,Values=available")
              .opt("--query", "NetworkInterfaces[].[NetworkInterfaceId,Description,RequesterId]")
              .opt("--output", "table")
              .region(region));
    }
    return f;
  }

  private static String quotaCommand(String region) {
    return AwsCommand.of("service-quotas", "get-service-quota")
        .opt("--service-code", "vpc")
        .opt("--quota-code", ServiceQuota.NETWORK_INTERFACES_CODE)
        .region(region);
  }

  private static Map<String, Integer> breakdown(Map<EniConsumer, Integer> byConsumer) {
    Map<String, Integer> out = new LinkedHashMap<>();
    byConsumer.entrySet().stream()
        .sorted(Map.Entry.<EniConsumer, Integer>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey().label(), e.getValue()));
    return out;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
