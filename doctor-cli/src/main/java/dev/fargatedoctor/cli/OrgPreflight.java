package dev.fargatedoctor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.check.capacity.PeakPlan;
import dev.fargatedoctor.check.capacity.Preflight;
import dev.fargatedoctor.check.capacity.ScaleRequest;
import dev.fargatedoctor.check.capacity.SharedSubnet;
import dev.fargatedoctor.check.capacity.SharedSubnetPlan;
import dev.fargatedoctor.check.capacity.SubnetUse;
import dev.fargatedoctor.collect.org.Account;
import dev.fargatedoctor.report.PreflightReport;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.SafeText;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * preflight over many accounts: headroom (the ENI and Fargate vCPU quotas, subnet IPs) is per
 * account and Region, so each account is planned on its own, for the planned services it runs, and
 * reported on its own; but a subnet several scanned accounts share (a VPC shared through AWS RAM)
 * is judged on all their views, every account's services at the planned peak, as an organisation
 * scan judges it. An account that could not be scanned is UNKNOWN: the plan is not taken as fitting
 * there.
 */
final class OrgPreflight {
  static final String SCHEMA = "fargate-doctor/preflight-org/v1";

  /**
   * One account's part: its plan, or why there is none, and what its services take of each subnet
   * at the planned peak.
   */
  record AccountPlan(
      Account account, PeakPlan plan, List<Coverage> notScanned, List<SubnetUse> subnets) {
    boolean scanned() {
      return plan != null || notScanned.stream().noneMatch(OrgPreflight::accountGap);
    }
  }

  private final List<ScaleRequest> requests;
  private final boolean deployDuringPeak;
  private final Clock clock;
  private final Preflight preflight;
  private final Thresholds thresholds;
  private final List<AccountPlan> accounts = new ArrayList<>();
  private List<SharedSubnet> shared = List.of();

  OrgPreflight(
      Configuration configuration,
      Clock clock,
      List<ScaleRequest> requests,
      boolean deployDuringPeak) {
    this.requests = requests;
    this.deployDuringPeak = deployDuringPeak;
    this.clock = clock;
    this.preflight = new Preflight(configuration.thresholds(), clock);
    this.thresholds = configuration.thresholds();
  }

  /** Plans one account (called once per account; its snapshot is not kept). */
  void add(Account account, dev.fargatedoctor.snapshot.Snapshot snapshot, List<Coverage> gaps) {
    if (snapshot == null) {
      accounts.add(new AccountPlan(account, null, gaps, List.of()));
      return;
    }
    List<ScaleRequest> here = Preflight.present(snapshot, requests);
    accounts.add(
        new AccountPlan(
            account,
            here.isEmpty() ? null : preflight.plan(snapshot, here, deployDuringPeak),
            gaps,
            preflight.subnetUses(snapshot, here, deployDuringPeak)));
  }

  /**
   * Once every account is in: judges each planned subnet that several scanned accounts take part in
   * on all their views, and each account's plan with it.
   */
  void joinSharedSubnets() {
    List<SharedSubnet> joined =
        SharedSubnet.joinedAcrossScans(
            accounts.stream().flatMap(a -> a.subnets().stream()).toList());
    List<AccountPlan> revised = new ArrayList<>();
    for (AccountPlan a : accounts) {
      revised.add(
          a.plan() == null
              ? a
              : new AccountPlan(
                  a.account(),
                  SharedSubnetPlan.revise(
                      a.plan(), a.account().id(), joined, a.subnets(), thresholds),
                  a.notScanned(),
                  a.subnets()));
    }
    accounts.clear();
    accounts.addAll(revised);
    shared = joined.stream().filter(this::planned).toList();
  }

  /** True when some account's plan places tasks in the subnet. */
  private boolean planned(SharedSubnet s) {
    return accounts.stream()
        .filter(a -> a.plan() != null)
        .flatMap(a -> a.plan().regions().stream())
        .filter(r -> r.region().equals(s.region()))
        .flatMap(r -> r.resources().stream())
        .anyMatch(r -> "subnet IPs".equals(r.kind()) && r.id().equals(s.subnetId()));
  }

  /**
   * A planned service that no account runs is bad input when every account was read; with an
   * account unread it may run there, and the run is incomplete instead.
   */
  void requireEveryServiceSomewhere() {
    if (accounts.stream().anyMatch(a -> !a.scanned())) return;
    for (ScaleRequest r : requests) {
      boolean somewhere =
          accounts.stream()
              .filter(a -> a.plan() != null)
              .anyMatch(a -> a.plan().requests().contains(r.toString()));
      if (!somewhere) {
        throw new IllegalArgumentException(
            "--scale " + r.text() + ": no scanned account runs " + r.service());
      }
    }
  }

  long count(PeakPlan.Verdict verdict) {
    return accounts.stream()
        .filter(a -> a.plan() != null)
        .flatMap(a -> a.plan().regions().stream())
        .flatMap(r -> r.resources().stream())
        .filter(r -> r.verdict() == verdict && !"AZ IPs".equals(r.kind()))
        .count();
  }

  long unscanned() {
    return accounts.stream().filter(a -> !a.scanned()).count();
  }

  boolean fits() {
    return unscanned() == 0
        && accounts.stream().filter(a -> a.plan() != null).allMatch(a -> a.plan().fits());
  }

  void text(PreflightReport report, PrintWriter out) {
    long planned = accounts.stream().filter(a -> a.plan() != null).count();
    out.println(
        "Fargate Doctor preflight — "
            + accounts.size()
            + " account(s), "
            + planned
            + " running a planned service · plan "
            + SafeText.plain(String.join(" ", requests.stream().map(ScaleRequest::text).toList())));
    long shortOf = count(PeakPlan.Verdict.DOES_NOT_FIT);
    long unknown = count(PeakPlan.Verdict.UNKNOWN);
    out.println(
        fits()
            ? "The plan fits in every account."
            : shortOf > 0
                ? "The plan does not fit: "
                    + shortOf
                    + " resource(s) short"
                    + (unknown + unscanned() > 0 ? ", and some of it cannot be judged" : "")
                    + "."
                : "Cannot confirm the plan fits: "
                    + unknown
                    + " limit(s) not readable, "
                    + unscanned()
                    + " account(s) not scanned.");
    if (!shared.isEmpty()) sharedText(out);
    for (AccountPlan a : accounts) {
      out.println();
      out.println("== account " + a.account().id() + name(a.account()));
      if (a.plan() != null) {
        report.text(a.plan(), out);
      } else if (!a.scanned()) {
        for (Coverage gap : a.notScanned())
          out.println("  not scanned: " + SafeText.plain(gap.message()));
      } else {
        out.println("  runs none of the planned services");
      }
    }
    out.flush();
  }

  ObjectNode json(PreflightReport report) {
    ObjectNode root = SnapshotJson.mapper().createObjectNode();
    root.put("schema", SCHEMA);
    root.put("generatedAt", clock.instant().toString());
    ArrayNode plan = root.putArray("plan");
    requests.forEach(r -> plan.add(r.text()));
    root.put("deployDuringPeak", deployDuringPeak);
    root.put("fits", fits());
    ArrayNode subnets = root.putArray("sharedSubnets");
    for (SharedSubnet s : shared) sharedJson(s, subnets.addObject());
    ArrayNode list = root.putArray("accounts");
    for (AccountPlan a : accounts) {
      ObjectNode n = list.addObject();
      n.put("account", a.account().id());
      n.put("name", a.account().name());
      n.put(
          "status",
          a.plan() != null ? "PLANNED" : a.scanned() ? "NO_PLANNED_SERVICE" : "NOT_SCANNED");
      ArrayNode gaps = n.putArray("notScanned");
      for (Coverage g : a.notScanned()) {
        gaps.addObject()
            .put("region", g.region())
            .put("action", g.action())
            .put("outcome", g.outcome().name())
            .put("resource", g.resource())
            .put("message", g.message());
      }
      if (a.plan() != null) n.set("preflight", report.json(a.plan()));
    }
    return root;
  }

  /**
   * The shared subnets the plan places tasks in, judged for their owner: who takes part (with their
   * interfaces) and what every account's services take at the planned peak.
   */
  private void sharedText(PrintWriter out) {
    out.println();
    out.println("== shared subnets (every scanned account's services at the planned peak)");
    for (SharedSubnet s : shared) {
      PeakPlan.Resource row = SharedSubnetPlan.row(s, s.owner(), thresholds);
      out.println(
          "  "
              + row.verdict().name().replace('_', ' ')
              + "  "
              + SafeText.plain(s.region() + " " + s.subnetId() + " (" + s.availabilityZone() + ")")
              + (s.owner() == null ? "" : ", owner " + SafeText.plain(s.owner()))
              + ": "
              + (s.freeIps() == null ? "? free" : s.freeIps() + " free")
              + ", +"
              + s.additional()
              + " at the peak"
              + (s.margin() == null ? "" : ", " + s.margin() + " left"));
      Map<String, Integer> interfaces = s.interfacesByAccount();
      for (String user : s.users()) {
        out.println(
            "    "
                + SafeText.plain(user)
                + ": "
                + interfaces.getOrDefault(user, 0)
                + " interface(s)"
                + (user.equals(s.owner()) ? ", owner" : "")
                + (s.scanned().contains(user) ? "" : ", not scanned")
                + services(s, user));
      }
    }
  }

  private static String services(SharedSubnet s, String account) {
    List<String> out =
        s.services().stream()
            .filter(t -> t.account().equals(account))
            .map(t -> SafeText.plain(t.service()) + " " + t.live() + " -> " + t.peak())
            .toList();
    return out.isEmpty() ? "" : "; " + String.join(", ", out);
  }

  private void sharedJson(SharedSubnet s, ObjectNode n) {
    PeakPlan.Resource row = SharedSubnetPlan.row(s, s.owner(), thresholds);
    n.put("region", s.region())
        .put("subnetId", s.subnetId())
        .put("availabilityZone", s.availabilityZone())
        .put("owner", s.owner())
        .put("verdict", row.verdict().name())
        .put("freeIps", s.freeIps())
        .put("newIpsAtPeak", s.additional())
        .put("freeIpsLeftAtPeak", s.margin())
        .put("detail", row.detail());
    Map<String, Integer> interfaces = s.interfacesByAccount();
    ArrayNode users = n.putArray("accounts");
    for (String user : s.users()) {
      users
          .addObject()
          .put("account", user)
          .put("interfaces", interfaces.getOrDefault(user, 0))
          .put("owner", user.equals(s.owner()))
          .put("scanned", s.scanned().contains(user));
    }
    ArrayNode services = n.putArray("services");
    for (SubnetUse.ServiceTasks t : s.services()) {
      services
          .addObject()
          .put("account", t.account())
          .put("service", t.service())
          .put("tasksNow", t.live())
          .put("tasksAtPeak", t.peak());
    }
  }

  int exitCode(AllowIncomplete incomplete) {
    if (count(PeakPlan.Verdict.DOES_NOT_FIT) > 0) return ExitCodes.FINDINGS;
    return fits() ? ExitCodes.OK : incomplete.whenClean(true);
  }

  private static String name(Account account) {
    return account.name() == null ? "" : " (" + SafeText.plain(account.name()) + ")";
  }

  // A gap that left the whole account unread (a refused role, a failed collection), not a Region
  // that is not enabled there.
  private static boolean accountGap(Coverage gap) {
    return Coverage.GLOBAL.equals(gap.region()) || "ec2:DescribeRegions".equals(gap.action());
  }
}
