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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed between two snapshots of the same account, in the resources incidents come from:
 * route targets and associations, network ACL entries, security-group rules, role trust policies,
 * NAT gateway state, services' configuration and quotas. Each resource kind is compared on the
 * facts that matter, so constantly moving numbers (running counts, free addresses) do not drown the
 * change that broke something.
 */
public final class SnapshotDiff {
  private SnapshotDiff() {}

  public static List<Change> between(Snapshot before, Snapshot after) {
    List<Change> changes = new ArrayList<>();
    TreeSet<String> regions = new TreeSet<>();
    before.regions().forEach(r -> regions.add(r.region()));
    after.regions().forEach(r -> regions.add(r.region()));
    for (String region : regions) {
      RegionSnapshot a = before.region(region).orElse(new RegionSnapshot(region, null, null, null));
      RegionSnapshot b = after.region(region).orElse(new RegionSnapshot(region, null, null, null));
      routes(region, a, b, changes);
      nacls(region, a, b, changes);
      securityGroups(region, a, b, changes);
      nats(region, a, b, changes);
      services(region, a, b, changes);
      quotas(region, a, b, changes);
    }
    trust(before, after, changes);
    return changes;
  }

  private static void routes(String region, RegionSnapshot a, RegionSnapshot b, List<Change> out) {
    compare(region, Change.Kind.ROUTE, routeFacts(a), routeFacts(b), out);
  }

  // route table -> "route <destination>" -> "target (state)"; "association <subnet|main>" -> table
  private static Map<String, Map<String, String>> routeFacts(RegionSnapshot r) {
    Map<String, Map<String, String>> facts = new TreeMap<>();
    for (RouteTable t : r.ec2().routeTables()) {
      Map<String, String> f = facts.computeIfAbsent(t.routeTableId(), k -> new TreeMap<>());
      for (Route route : t.routes()) {
        f.put("route " + route.destination(), route.target() + (route.state() == null ? "" : " (" + route.state() + ")"));
      }
      for (RouteTable.Association assoc : t.associations()) {
        f.put("association " + (assoc.isMain() ? "main" : assoc.subnetId()), "associated");
      }
    }
    return facts;
  }

  private static void nacls(String region, RegionSnapshot a, RegionSnapshot b, List<Change> out) {
    compare(region, Change.Kind.NACL_ENTRY, naclFacts(a), naclFacts(b), out);
  }

  private static Map<String, Map<String, String>> naclFacts(RegionSnapshot r) {
    Map<String, Map<String, String>> facts = new TreeMap<>();
    for (NetworkAcl acl : r.ec2().networkAcls()) {
      Map<String, String> f = facts.computeIfAbsent(acl.networkAclId(), k -> new TreeMap<>());
      for (NetworkAcl.Entry e : acl.entries()) {
        String key = (Boolean.TRUE.equals(e.egress()) ? "outbound" : "inbound") + " rule " + e.ruleNumber();
        String ports = e.portRange() == null ? "all ports" : "ports " + e.portRange().from() + "-" + e.portRange().to();
        f.put(key, e.ruleAction() + " protocol " + e.protocol() + " " + (e.cidrBlock() != null ? e.cidrBlock()
            : e.ipv6CidrBlock()) + " " + ports);
      }
      for (NetworkAcl.Association assoc : acl.associations()) f.put("association " + assoc.subnetId(), "associated");
    }
    return facts;
  }

  private static void securityGroups(String region, RegionSnapshot a, RegionSnapshot b, List<Change> out) {
    compare(region, Change.Kind.SECURITY_GROUP_RULE, sgFacts(a), sgFacts(b), out);
  }

  // Rules have no stable key in DescribeSecurityGroups: each rule's text is its own key.
  private static Map<String, Map<String, String>> sgFacts(RegionSnapshot r) {
    Map<String, Map<String, String>> facts = new TreeMap<>();
    for (SecurityGroup g : r.ec2().securityGroups()) {
      Map<String, String> f = facts.computeIfAbsent(g.groupId(), k -> new TreeMap<>());
      g.ipPermissions().forEach(p -> rules("inbound", p).forEach(rule -> f.put(rule, "present")));
      g.ipPermissionsEgress().forEach(p -> rules("outbound", p).forEach(rule -> f.put(rule, "present")));
    }
    return facts;
  }

  private static List<String> rules(String direction, SecurityGroup.Permission p) {
    String proto = "-1".equals(p.ipProtocol()) ? "all traffic" : p.ipProtocol() + " " + (p.fromPort() == null ? "all"
        : Objects.equals(p.fromPort(), p.toPort()) ? p.fromPort() : p.fromPort() + "-" + p.toPort());
    List<String> out = new ArrayList<>();
    p.ipRanges().forEach(x -> out.add(direction + " " + proto + " " + x.cidrIp()));
    p.ipv6Ranges().forEach(x -> out.add(direction + " " + proto + " " + x.cidrIpv6()));
    p.prefixListIds().forEach(x -> out.add(direction + " " + proto + " " + x.prefixListId()));
    p.userIdGroupPairs().forEach(x -> out.add(direction + " " + proto + " " + x.groupId()));
    return out;
  }

  private static void nats(String region, RegionSnapshot a, RegionSnapshot b, List<Change> out) {
    Function<RegionSnapshot, Map<String, Map<String, String>>> facts = r -> {
      Map<String, Map<String, String>> m = new TreeMap<>();
      for (NatGateway n : r.ec2().natGateways()) {
        m.put(n.natGatewayId(), new TreeMap<>(Map.of("state", String.valueOf(n.state()), "subnet",
            String.valueOf(n.subnetId()))));
      }
      return m;
    };
    compare(region, Change.Kind.NAT_GATEWAY, facts.apply(a), facts.apply(b), out);
  }

  private static void services(String region, RegionSnapshot a, RegionSnapshot b, List<Change> out) {
    Function<RegionSnapshot, Map<String, Map<String, String>>> facts = r -> {
      Map<String, Map<String, String>> m = new TreeMap<>();
      for (Service s : r.ecs().services()) {
        Map<String, String> f = new TreeMap<>();
        f.put("desired count", String.valueOf(s.desiredCount()));
        f.put("task definition", String.valueOf(s.taskDefinition()));
        f.put("subnets", String.join(",", new TreeSet<>(s.subnets())));
        f.put("security groups", String.join(",", new TreeSet<>(s.securityGroups())));
        Optional.ofNullable(s.deploymentConfiguration()).ifPresent(dc -> {
          f.put("deployment percents", dc.minimumHealthyPercent() + "-" + dc.maximumPercent());
          f.put("circuit breaker", dc.deploymentCircuitBreaker() == null ? "off"
              : Boolean.TRUE.equals(dc.deploymentCircuitBreaker().enable())
                  ? (Boolean.TRUE.equals(dc.deploymentCircuitBreaker().rollback()) ? "on, rollback" : "on") : "off");
        });
        s.primaryDeployment().ifPresent(d -> f.put("primary deployment", d.id() + " " + d.rolloutState()));
        m.put(s.clusterName() + "/" + s.serviceName(), f);
      }
      return m;
    };
    compare(region, Change.Kind.SERVICE, facts.apply(a), facts.apply(b), out);
  }

  private static void quotas(String region, RegionSnapshot a, RegionSnapshot b, List<Change> out) {
    Function<RegionSnapshot, Map<String, Map<String, String>>> facts = r -> {
      Map<String, Map<String, String>> m = new TreeMap<>();
      for (ServiceQuota q : r.quotas()) {
        m.put(q.serviceCode() + "/" + q.quotaCode(), Map.of("value", q.value() == null ? "unknown"
            : q.value() == Math.rint(q.value()) ? Long.toString(q.value().longValue()) : q.value().toString()));
      }
      return m;
    };
    compare(region, Change.Kind.QUOTA, facts.apply(a), facts.apply(b), out);
  }

  private static void trust(Snapshot a, Snapshot b, List<Change> out) {
    Function<Collection<Role>, Map<String, Map<String, String>>> facts = roles -> {
      Map<String, Map<String, String>> m = new TreeMap<>();
      for (Role r : roles) {
        JsonNode doc = r.assumeRolePolicyDocument();
        m.put(r.roleName(), Map.of("trust policy", doc == null ? "none" : doc.toString()));
      }
      return m;
    };
    compare("global", Change.Kind.TRUST_POLICY, facts.apply(a.iam().roles()), facts.apply(b.iam().roles()), out);
  }

  /** Resource by resource, aspect by aspect; a resource on one side only is one added/removed change. */
  private static void compare(String region, Change.Kind kind, Map<String, Map<String, String>> before,
                              Map<String, Map<String, String>> after, List<Change> out) {
    TreeSet<String> ids = new TreeSet<>(before.keySet());
    ids.addAll(after.keySet());
    for (String id : ids) {
      Map<String, String> a = before.get(id);
      Map<String, String> b = after.get(id);
      if (a == null || b == null) {
        out.add(new Change(kind, region, id, "resource", a == null ? null : "present", b == null ? null : "present"));
        continue;
      }
      TreeSet<String> aspects = new TreeSet<>(a.keySet());
      aspects.addAll(b.keySet());
      for (String aspect : aspects) {
        String x = a.get(aspect);
        String y = b.get(aspect);
        if (!Objects.equals(x, y)) out.add(new Change(kind, region, id, aspect, x, y));
      }
    }
  }
}
