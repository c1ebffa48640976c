package dev.fargatedoctor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.capacity.PeakPlan;
import dev.fargatedoctor.check.capacity.Preflight;
import dev.fargatedoctor.check.capacity.ScaleRequest;
import dev.fargatedoctor.collect.org.Account;
import dev.fargatedoctor.report.PreflightReport;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.SafeText;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * preflight over many accounts: headroom (the ENI and Fargate vCPU quotas, subnet IPs) is per
 * account and Region, so each account is planned on its own, for the planned services it runs, and
 * reported on its own. An account that could not be scanned is UNKNOWN: the plan is not taken as
 * fitting there.
 */
final class OrgPreflight {
  static final String SCHEMA = "fargate-doctor/preflight-org/v1";

  /** One account's part: its plan, or why there is none. */
  record AccountPlan(Account account, PeakPlan plan, List<Coverage> notScanned) {
    boolean scanned() {
      return plan != null || notScanned.stream().noneMatch(OrgPreflight::accountGap);
    }
  }

  private final List<ScaleRequest> requests;
  private final boolean deployDuringPeak;
  private final Clock clock;
  private final Preflight preflight;
  private final List<AccountPlan> accounts = new ArrayList<>();

  OrgPreflight(
      Configuration configuration,
      Clock clock,
      List<ScaleRequest> requests,
      boolean deployDuringPeak) {
    this.requests = requests;
    this.deployDuringPeak = deployDuringPeak;
    this.clock = clock;
    this.preflight = new Preflight(configuration.thresholds(), clock);
  }

  /** Plans one account (called once per account; its snapshot is not kept). */
  void add(Account account, dev.fargatedoctor.snapshot.Snapshot snapshot, List<Coverage> gaps) {
    if (snapshot == null) {
      accounts.add(new AccountPlan(account, null, gaps));
      return;
    }
    List<ScaleRequest> here = Preflight.present(snapshot, requests);
    accounts.add(
        new AccountPlan(
            account,
            here.isEmpty() ? null : preflight.plan(snapshot, here, deployDuringPeak),
            gaps));
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
        .filter(r -> r.verdict() == verdict)
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
