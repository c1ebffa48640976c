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
import dev.fargatedoctor.check.Thresholds;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, SubnetUse> uses = new HashMap<>();
    SubnetUse.of(ctx.region()).forEach(u -> uses.put(u.subnetId(), u));
    return ctx.each(
        model.subnets(),
        d -> Resource.of("subnet", d.subnetId()),
        d -> {
          SubnetUse use = uses.get(d.subnetId());
          if (use == null || !use.shared()) return judgeSubnet(ctx, d, model, reserve);
          SharedSubnet alone = new SharedSubnet(ctx.region().name(), d.subnetId(), List.of(use));
          FindingBuilder f =
              judgeShared(
                  ctx.finding(new Resource("subnet", d.subnetId(), null)),
                  alone,
                  ctx.region().accountId(),
                  reserve);
          Finding judged = f.build();
          if (judged.status().isProblem()) {
            remedy(f, ctx, model, d, reserve);
            f.note(ownerNote(alone, ctx.region().accountId()));
          }
          return List.of(f.build());
        });
  }

  /**
   * SUBNET-IPS for one account on a subnet others take part in, judged on what every scanned
   * account sees of it: the organisation scan's verdict, with every account's services at their
   * peak. The same arithmetic as for one account; what no scan saw is bounded, or UNKNOWN.
   */
  public static Finding judge(SharedSubnet subnet, String account, Thresholds thresholds) {
    int reserve = thresholds.subnetIpReserve();
    FindingBuilder f =
        judgeShared(
            FindingBuilder.of(
                SubnetIpHeadroom.class,
                account,
                subnet.region(),
                new Resource("subnet", subnet.subnetId(), null)),
            subnet,
            account,
            reserve);
    if (f.build().status().isProblem()) sharedRemedy(f, subnet, account);
    return f.build();
  }

  private static FindingBuilder judgeShared(
      FindingBuilder f, SharedSubnet s, String account, int reserve) {
    String owner = s.owner();
    boolean several = s.scanned().size() > 1;
    f.evidence("AZ", s.availabilityZone())
        .evidence("CIDR", s.cidrBlock())
        .evidence(
            "owner",
            "ownerAccount",
            owner == null
                ? null
                : owner.equals(account)
                    ? owner + " (this account)"
                    : owner + " (shared with this account)")
        .evidence("free IPs", s.freeIps())
        .evidence("accounts using it (interfaces)", "accounts", accounts(s))
        .evidence("services (tasks now -> at peak)", "services", shares(s, several))
        .evidence("new IPs at the peak", s.additional())
        .evidence("reserve for other consumers", reserve);
    String where = s.subnetId() + " (" + s.availabilityZone() + ")";
    Integer free = s.freeIps();
    if (free == null) {
      return f.unknown(
          "free IPs of " + s.subnetId() + " not reported: EC2 gave no AvailableIpAddressCount");
    }
    int margin = s.margin();
    f.evidence("free IPs left at the peak", margin);
    Integer unseen = s.unseen();
    if (unseen != null && unseen > 0) {
      f.evidence("addresses held by accounts not scanned", "unseenAddresses", unseen)
          .evidence(
              "view",
              "partial: each account sees only its own interfaces and services in a shared subnet;"
                  + " these addresses belong to accounts whose deployments no scan here saw"
                  + (s.unscanned().isEmpty() ? "" : " (" + String.join(", ", s.unscanned()) + ")"));
    }
    String whose =
        several
            ? "the peak of the tasks of " + s.scanned().size() + " accounts"
            : "its tasks' peak";
    if (margin < 0) {
      return f.fail(
          where
              + " has "
              + free
              + " free IPs; "
              + whose
              + " need "
              + s.additional()
              + ": "
              + (-margin)
              + " task(s) would fail to start");
    }
    if (margin < reserve) {
      return f.warn(
              where
                  + " keeps only "
                  + margin
                  + " free IPs at "
                  + whose
                  + " (reserve "
                  + reserve
                  + ")")
          .severity(Severity.MEDIUM);
    }
    if (unseen == null) {
      return f.unknown(
          where
              + " is shared, and its CIDR "
              + s.cidrBlock()
              + " does not say how many addresses other accounts hold: "
              + whose
              + " fits (+"
              + s.additional()
              + "), theirs cannot be judged");
    }
    int worst = s.unseenSurge();
    if (unseen > 0 && margin - worst < reserve) {
      return f.unknown(
              where
                  + (owner != null && !owner.equals(account) ? ", owned by " + owner + "," : "")
                  + " holds "
                  + whose
                  + " (+"
                  + s.additional()
                  + " of "
                  + free
                  + " free), but "
                  + unseen
                  + " addresses are held by accounts whose deployments this scan cannot see")
          .fix(
              "In a subnet shared through AWS RAM each participant sees only its own interfaces and services,"
                  + " and the owner sees every interface but no participant's services. Scan the owner and the"
                  + " accounts using the subnet in one run, which adds all their peaks up (`fargate-doctor scan"
                  + " --accounts "
                  + String.join(",", accountsToScan(s, account))
                  + " --region "
                  + s.region()
                  + "`, or `--org`); the owner can list who holds the addresses:",
              holders(s));
    }
    return f.pass(
        where
            + " holds "
            + whose
            + " (+"
            + s.additional()
            + ") with "
            + margin
            + " IPs to spare"
            + (unseen > 0
                ? ", even if the "
                    + unseen
                    + (unseen == 1 ? " address" : " addresses")
                    + " of accounts not scanned were tasks deploying at "
                    + SharedSubnet.UNSEEN_MAXIMUM_PERCENT
                    + " %"
                : ""));
  }

  private static List<String> accountsToScan(SharedSubnet s, String account) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>(s.users());
    if (s.owner() != null) out.add(s.owner());
    if (account != null) out.add(account);
    return List.copyOf(out);
  }

  private static String holders(SharedSubnet s) {
    return AwsCommand.of("ec2", "describe-network-interfaces")
        .opt("--filters", "Name=subnet-id,Values=" + s.subnetId())
        .opt("--query", "NetworkInterfaces[].[OwnerId,InterfaceType,Description]")
        .opt("--output", "table")
        .region(s.region());
  }

  private static String ownerNote(SharedSubnet s, String account) {
    String owner = s.owner();
    if (owner == null || owner.equals(account))
      return "Other accounts use this subnet too: their deployments draw on the same free IPs.";
    return "The subnet belongs to account "
        + owner
        + " (shared through AWS RAM): a larger subnet, or another shared subnet in the AZ, comes from its owner.";
  }

  private static void sharedRemedy(FindingBuilder f, SharedSubnet s, String account) {
    String owner = s.owner();
    f.fix(
        "Every account's deployments draw on the subnet's free IPs at once. "
            + (owner == null || owner.equals(account)
                ? "Give the services more room: add a larger subnet in the AZ and share it with the accounts"
                    + " that use this one"
                : "Ask the owner, account "
                    + owner
                    + ", for more room (a larger subnet in the AZ, shared with the accounts using this one)")
            + ", free addresses held by interfaces attached to nothing, or lower the maximumPercent of the"
            + " services with the biggest peaks (the evidence lists every account's). From the owner's account:",
        holders(s));
  }

  private static List<Fact> accounts(SharedSubnet s) {
    Map<String, Integer> interfaces = s.interfacesByAccount();
    java.util.Set<String> scanned = s.scanned();
    java.util.TreeSet<String> all = new java.util.TreeSet<>(s.users());
    return all.stream()
        .map(
            a ->
                Fact.line(
                    a
                        + ": "
                        + interfaces.getOrDefault(a, 0)
                        + (a.equals(s.owner()) ? " (owner)" : "")
                        + (scanned.contains(a) ? "" : " (not scanned)"),
                    "account",
                    a,
                    "interfaces",
                    interfaces.getOrDefault(a, 0),
                    "scanned",
                    scanned.contains(a)))
        .toList();
  }

  private static List<Fact> shares(SharedSubnet s, boolean withAccount) {
    return s.services().stream()
        .map(
            t ->
                Fact.line(
                    (withAccount ? t.account() + " " : "")
                        + t.service()
                        + ": "
                        + t.live()
                        + " -> "
                        + t.peak(),
                    "account",
                    t.account(),
                    "service",
                    t.service(),
                    "tasksNow",
                    t.live(),
                    "tasksAtPeak",
                    t.peak()))
        .toList();
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
