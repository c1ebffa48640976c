package dev.fargatedoctor.snapshot.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.iam.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two snapshots of the same account, in the resources incidents come from:
 * route targets and associations, network ACL entries, security-group rules, role trust policies,
 * NAT gateway state, services' configuration and quotas. Items are compared one by one on the facts
 * that matter, so constantly moving numbers (running counts, free addresses) do not drown the
 * change that broke something. Ordered by region, kind and item, so the same inputs give the same
 * lines. Both {@code snapshot diff} and watch mode use it.
 */
public final class SnapshotDiff {
  private SnapshotDiff() {}

  public static List<Change> between(Snapshot before, Snapshot after) {
    List<Change> out = new ArrayList<>();
    TreeSet<String> regions = new TreeSet<>();
    before.regions().forEach(r -> regions.add(r.region()));
    after.regions().forEach(r -> regions.add(r.region()));
    for (String r : regions) {
      RegionSnapshot then = before.region(r).orElse(null);
      RegionSnapshot now = after.region(r).orElse(null);
      if (then == null || now == null) {
        out.add(
            new Change(
                "region",
                then == null ? "added" : "removed",
                r,
                r,
                then == null ? null : "scanned",
                now == null ? null : "scanned"));
        continue;
      }
      diff(out, "route", r, routes(then), routes(now));
      diff(out, "route-association", r, associations(then), associations(now));
      diff(out, "nacl-entry", r, naclEntries(then), naclEntries(now));
      diffSets(out, "security-group-rule", r, sgRules(then), sgRules(now));
      diff(out, "nat-gateway", r, natStates(then), natStates(now));
      diff(out, "service", r, services(then), services(now));
      diff(out, "quota", r, quotas(then), quotas(now));
    }
    diff(out, "trust-policy", "global", trust(before), trust(after));
    return out;
  }

  private static void diff(
      List<Change> out,
      String kind,
      String region,
      Map<String, String> before,
      Map<String, String> after) {
    Set<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String k : keys) {
      String b = before.get(k);
      String a = after.get(k);
      if (Objects.equals(b, a)) continue;
      out.add(
          new Change(
              kind, b == null ? "added" : a == null ? "removed" : "modified", region, k, b, a));
    }
  }

  // Security-group rules have no stable id in DescribeSecurityGroups: a rule's text is its
  // identity.
  private static void diffSets(
      List<Change> out,
      String kind,
      String region,
      Map<String, Set<String>> before,
      Map<String, Set<String>> after) {
    Set<String> groups = new TreeSet<>(before.keySet());
    groups.addAll(after.keySet());
    for (String g : groups) {
      Set<String> b = before.getOrDefault(g, Set.of());
      Set<String> a = after.getOrDefault(g, Set.of());
      for (String rule : new TreeSet<>(b)) {
        if (!a.contains(rule)) out.add(new Change(kind, "removed", region, g, rule, null));
      }
      for (String rule : new TreeSet<>(a)) {
        if (!b.contains(rule)) out.add(new Change(kind, "added", region, g, null, rule));
      }
    }
  }

  private static Map<String, String> routes(RegionSnapshot r) {
    Map<String, String> m = new TreeMap<>();
    for (RouteTable t : r.ec2().routeTables()) {
      for (Route route : t.routes()) {
        m.put(
            t.routeTableId() + " " + route.destination(),
            route.target() + (route.state() == null ? "" : " (" + route.state() + ")"));
      }
    }
    return m;
  }

  private static Map<String, String> associations(RegionSnapshot r) {
    Map<String, String> m = new TreeMap<>();
    for (RouteTable t : r.ec2().routeTables()) {
      for (RouteTable.Association a : t.associations()) {
        if (a.subnetId() != null) m.put(a.subnetId(), t.routeTableId());
      }
    }
    return m;
  }

  private static Map<String, String> naclEntries(RegionSnapshot r) {
    Map<String, String> m = new TreeMap<>();
    for (NetworkAcl acl : r.ec2().networkAcls()) {
      for (NetworkAcl.Entry e : acl.entries()) {
        String key =
            acl.networkAclId()
                + " "
                + (Boolean.TRUE.equals(e.egress()) ? "egress" : "ingress")
                + " "
                + e.ruleNumber();
        String ports =
            e.portRange() == null
                ? "all ports"
                : "ports " + e.portRange().from() + "-" + e.portRange().to();
        m.put(
            key,
            e.ruleAction()
                + " protocol "
                + e.protocol()
                + " "
                + ports
                + " "
                + (e.cidrBlock() != null ? e.cidrBlock() : e.ipv6CidrBlock()));
      }
      for (NetworkAcl.Association a : acl.associations())
        m.put(acl.networkAclId() + " subnet " + a.subnetId(), "associated");
    }
    return m;
  }

  private static Map<String, Set<String>> sgRules(RegionSnapshot r) {
    Map<String, Set<String>> m = new TreeMap<>();
    for (SecurityGroup g : r.ec2().securityGroups()) {
      Set<String> rules = new TreeSet<>();
      g.ipPermissions().forEach(p -> rules.addAll(rules("ingress", p)));
      g.ipPermissionsEgress().forEach(p -> rules.addAll(rules("egress", p)));
      m.put(g.groupId(), rules);
    }
    return m;
  }

  private static List<String> rules(String direction, SecurityGroup.Permission p) {
    String proto = "-1".equals(p.ipProtocol()) ? "all" : p.ipProtocol();
    String ports =
        p.fromPort() == null || "-1".equals(p.ipProtocol())
            ? ""
            : " "
                + p.fromPort()
                + (Objects.equals(p.fromPort(), p.toPort()) ? "" : "-" + p.toPort());
    String head = direction + " " + proto + ports + " ";
    List<String> out = new ArrayList<>();
    p.ipRanges().forEach(x -> out.add(head + x.cidrIp()));
    p.ipv6Ranges().forEach(x -> out.add(head + x.cidrIpv6()));
    p.prefixListIds().forEach(x -> out.add(head + x.prefixListId()));
    p.userIdGroupPairs().forEach(x -> out.add(head + x.groupId()));
    if (out.isEmpty()) out.add(head.trim());
    return out;
  }

  private static Map<String, String> natStates(RegionSnapshot r) {
    Map<String, String> m = new TreeMap<>();
    for (NatGateway n : r.ec2().natGateways()) m.put(n.natGatewayId(), n.state());
    return m;
  }

  // A service's configuration, not its moving counts: desired count, revision, placement, rollout.
  private static Map<String, String> services(RegionSnapshot r) {
    Map<String, String> m = new TreeMap<>();
    for (Service s : r.ecs().services()) {
      String id = s.clusterName() + "/" + s.serviceName();
      m.put(id + " desired count", String.valueOf(s.desiredCount()));
      m.put(id + " task definition", String.valueOf(s.taskDefinition()));
      m.put(id + " subnets", String.join(",", new TreeSet<>(s.subnets())));
      m.put(id + " security groups", String.join(",", new TreeSet<>(s.securityGroups())));
      if (s.deploymentConfiguration() != null) {
        var dc = s.deploymentConfiguration();
        m.put(id + " deployment percents", dc.minimumHealthyPercent() + "-" + dc.maximumPercent());
        var cb = dc.deploymentCircuitBreaker();
        m.put(
            id + " circuit breaker",
            cb == null || !Boolean.TRUE.equals(cb.enable())
                ? "off"
                : Boolean.TRUE.equals(cb.rollback()) ? "on, rollback" : "on");
      }
    }
    return m;
  }

  private static Map<String, String> quotas(RegionSnapshot r) {
    Map<String, String> m = new TreeMap<>();
    for (ServiceQuota q : r.quotas()) {
      if (q.value() != null) m.put(q.serviceCode() + "/" + q.quotaCode(), number(q.value()));
    }
    return m;
  }

  private static Map<String, String> trust(Snapshot s) {
    Map<String, String> m = new TreeMap<>();
    for (Role role : s.iam().roles()) {
      JsonNode doc = role.assumeRolePolicyDocument();
      m.put(role.roleName(), doc == null ? "(none)" : doc.toString());
    }
    return m;
  }

  /** Numbers as an operator writes them: 5000, not 5000.0. */
  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
