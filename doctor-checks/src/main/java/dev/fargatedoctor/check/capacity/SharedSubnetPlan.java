package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Thresholds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A planned peak in subnets several planned accounts share (a VPC shared through AWS RAM): each
 * account's plan has its shared subnets judged again on every scanned account's view, the planned
 * services at their planned peak and the others as they are. The arithmetic and the bound on what
 * no scan saw are SUBNET-IPS's, as in an organisation scan.
 */
public final class SharedSubnetPlan {
  private SharedSubnetPlan() {}

  /**
   * The account's plan with the rows of subnets in {@code joined} (each seen by more than one
   * account) judged on all their views, and each AZ's total taken again.
   *
   * @param own the account's own subnet uses at the planned peak: where its subnets are
   */
  public static PeakPlan revise(
      PeakPlan plan,
      String account,
      List<SharedSubnet> joined,
      List<SubnetUse> own,
      Thresholds thresholds) {
    Map<String, SharedSubnet> byKey = new HashMap<>();
    joined.forEach(s -> byKey.put(s.region() + "|" + s.subnetId(), s));
    List<PeakPlan.Region> regions = new ArrayList<>();
    boolean changed = false;
    for (PeakPlan.Region r : plan.regions()) {
      List<PeakPlan.Resource> subnets = new ArrayList<>();
      List<PeakPlan.Resource> others = new ArrayList<>();
      boolean here = false;
      for (PeakPlan.Resource res : r.resources()) {
        SharedSubnet s = byKey.get(r.region() + "|" + res.id());
        if ("subnet IPs".equals(res.kind()) && s != null) {
          subnets.add(row(s, account, thresholds));
          here = true;
        } else if ("subnet IPs".equals(res.kind())) {
          subnets.add(res);
        } else if (!"AZ IPs".equals(res.kind())) {
          others.add(res);
        }
      }
      if (!here) {
        regions.add(r);
        continue;
      }
      changed = true;
      Map<String, String> azBySubnet = new HashMap<>();
      own.stream()
          .filter(u -> u.region().equals(r.region()))
          .forEach(u -> azBySubnet.put(u.subnetId(), u.availabilityZone()));
      // The order of a plan's resources: interfaces, subnets, AZs, then vCPU.
      List<PeakPlan.Resource> resources = new ArrayList<>();
      others.stream().filter(x -> "network interfaces".equals(x.kind())).forEach(resources::add);
      resources.addAll(subnets);
      resources.addAll(Preflight.azRows(subnets, azBySubnet));
      others.stream().filter(x -> !"network interfaces".equals(x.kind())).forEach(resources::add);
      regions.add(
          new PeakPlan.Region(r.region(), r.services(), resources, r.launches(), r.notes()));
    }
    if (!changed) return plan;
    return new PeakPlan(
        plan.generatedAt(), plan.accountId(), plan.deployDuringPeak(), plan.requests(), regions);
  }

  /**
   * One shared subnet's row for an account: what every scanned account's services take of it at the
   * planned peak against its free addresses.
   */
  public static PeakPlan.Resource row(SharedSubnet s, String account, Thresholds thresholds) {
    Finding judged = SubnetIpHeadroom.judge(s, account, thresholds);
    PeakPlan.Verdict verdict =
        switch (judged.status()) {
          case FAIL -> PeakPlan.Verdict.DOES_NOT_FIT;
          case WARN -> PeakPlan.Verdict.TIGHT;
          case PASS -> PeakPlan.Verdict.FITS;
          case UNKNOWN -> PeakPlan.Verdict.UNKNOWN;
        };
    Integer free = s.freeIps();
    Integer margin = s.margin();
    String owner = s.owner() == null ? "" : ", owner " + s.owner();
    return new PeakPlan.Resource(
        "subnet IPs",
        s.subnetId(),
        verdict,
        (double) s.additional(),
        free == null ? null : (double) free,
        margin == null ? null : (double) margin,
        "IPs",
        s.availabilityZone()
            + ", "
            + s.cidrBlock()
            + "; shared by "
            + s.users().size()
            + " accounts"
            + owner
            + "; "
            + String.join(
                ", ",
                s.services().stream()
                    .map(t -> t.account() + " " + t.service() + " " + t.live() + " -> " + t.peak())
                    .toList())
            + "; "
            + judged.title());
  }
}
