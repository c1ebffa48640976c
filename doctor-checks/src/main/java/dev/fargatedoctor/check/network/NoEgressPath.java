package dev.fargatedoctor.check.network;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A service whose tasks cannot reach what they need to start: ECR (API, registry, and S3 for the
 * image layers), CloudWatch Logs, Secrets Manager or SSM for secrets, the internet for images of
 * other registries. Every subnet of the service is a path of its own; the first blocking hop of
 * each is named, with the fix for it.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "NO-EGRESS-PATH",
    title = "Tasks cannot reach ECR, S3, Logs or their secrets",
    law = Law.WONT_START,
    severity = Severity.CRITICAL,
    needs = {
      Input.ECS_SERVICES,
      Input.TASK_DEFINITIONS,
      Input.SUBNETS,
      Input.ROUTE_TABLES,
      Input.NAT_GATEWAYS,
      Input.INTERNET_GATEWAYS,
      Input.VPC_ENDPOINTS,
      Input.NETWORK_ACLS,
      Input.SECURITY_GROUPS
    })
public final class NoEgressPath implements Check {
  /** Risks that make some connections fail; AZ_CROSSED and the like only cost money and latency. */
  static final Set<Explanation> DEGRADING =
      Set.of(
          Explanation.NACL_PARTIAL,
          Explanation.SG_PARTIAL_EGRESS,
          Explanation.ENDPOINT_PARTLY_BLOCKED,
          Explanation.ENDPOINT_SG_PARTIAL,
          Explanation.PREFIX_LIST_NOT_EVALUATED);

  @Override
  public List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    Reachability engine = Reachability.of(region);
    TaskPaths paths = TaskPaths.of(region);
    // Services that are not awsvpc have no subnet to reason about: TaskPaths leaves them out.
    return ctx.each(
        paths.needs().entrySet(),
        e -> Resource.service(e.getKey()),
        s -> judgeService(ctx, s, region, engine, paths));
  }

  private static List<Finding> judgeService(
      CheckContext ctx,
      Map.Entry<Service, ServiceNeeds> s,
      RegionView region,
      Reachability engine,
      TaskPaths paths) {
    List<Finding> findings = new ArrayList<>();
    Service service = s.getKey();
    ServiceNeeds needs = s.getValue();
    Map<String, PathResult> blocked = new LinkedHashMap<>();
    Map<String, PathResult> undetermined = new LinkedHashMap<>();
    Map<String, Hop> degraded = new LinkedHashMap<>();
    for (TaskPaths.Entry e : paths.of(service)) {
      PathResult p = e.path();
      String key = p.source().subnetId() + " -> " + p.destination().label();
      switch (p.verdict()) {
        case BLOCKED -> blocked.put(key, p);
        case UNDETERMINED -> undetermined.put(key, p);
        case REACHABLE ->
            p.risks().stream()
                .filter(h -> DEGRADING.contains(h.code()))
                .findFirst()
                .ifPresent(h -> degraded.put(key, h));
      }
    }
    FindingBuilder f =
        ctx.finding(
                new Resource(
                    "service",
                    service.clusterName() + "/" + service.serviceName(),
                    service.serviceArn()))
            .evidence("needs", needs.destinations().stream().map(Destination::label).toList())
            .evidence("because", needs.reasons())
            .evidence("subnets", service.subnets());
    if (!blocked.isEmpty()) {
      findings.add(blocked(f, region, engine, service, blocked));
    } else if (!undetermined.isEmpty()) {
      undetermined.forEach(
          (k, p) -> {
            Hop hop = p.firstNotEvaluated().orElseThrow();
            f.evidenceEach(k, "paths", path(k, "notEvaluated", "not evaluated: ", hop));
          });
      findings.add(
          f.warn(
                  service.serviceName()
                      + ": egress could not be fully evaluated ("
                      + undetermined
                          .values()
                          .iterator()
                          .next()
                          .firstNotEvaluated()
                          .orElseThrow()
                          .code()
                      + ")")
              .severity(Severity.LOW)
              .fix(
                  "Check the part of the path Fargate Doctor cannot see (the evidence names it): a transit gateway's "
                      + "route tables, a peered VPC, an appliance; or add the missing data and scan again.")
              .build());
    } else if (!degraded.isEmpty()) {
      degraded.forEach((k, h) -> f.evidenceEach(k, "paths", path(k, "atRisk", "at risk: ", h)));
      f.warn(
              service.serviceName()
                  + ": some connections to "
                  + String.join(", ", labels(degraded.keySet()))
                  + " can fail ("
                  + degraded.values().iterator().next().code()
                  + ")")
          .severity(Severity.MEDIUM);
      for (Hop h : distinctHops(degraded.values())) fixFor(f, region, engine, service, h);
      findings.add(f.build());
    } else {
      findings.add(
          f.pass(
                  "every subnet of "
                      + service.serviceName()
                      + " reaches "
                      + String.join(
                          ", ", needs.destinations().stream().map(Destination::label).toList()))
              .build());
    }
    return findings;
  }

  private static Finding blocked(
      FindingBuilder f,
      RegionView region,
      Reachability engine,
      Service service,
      Map<String, PathResult> blocked) {
    Set<String> subnets = new LinkedHashSet<>();
    Set<String> destinations = new LinkedHashSet<>();
    List<Hop> firsts = new ArrayList<>();
    // Evidence per subnet and blocking hop: five destinations stopped by one ACL entry are one
    // line.
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    Map<String, Hop> groupHop = new LinkedHashMap<>();
    blocked.forEach(
        (key, p) -> {
          Hop hop = p.firstBlocking().orElseThrow();
          String group = p.source().subnetId() + "|" + hop.code() + "|" + hop.id();
          grouped.computeIfAbsent(group, k -> new ArrayList<>()).add(p.destination().label());
          groupHop.putIfAbsent(group, hop);
          subnets.add(p.source().subnetId());
          destinations.add(p.destination().label());
          firsts.add(hop);
        });
    grouped.forEach(
        (group, labels) -> {
          String label =
              group.substring(0, group.indexOf('|')) + " -> " + String.join(", ", labels);
          f.evidenceEach(
              label, "paths", path(label, "blocked", "blocked at ", groupHop.get(group)));
        });
    Hop first = firsts.get(0);
    f.fail(
        service.serviceName()
            + " cannot reach "
            + String.join(", ", destinations)
            + " from "
            + String.join(", ", subnets)
            + ": "
            + first.component()
            + (first.id() == null ? "" : " " + first.id())
            + " ("
            + first.code()
            + ")");
    Set<String> seen = new LinkedHashSet<>();
    Map<AwsService, List<RouteTable>> endpoints = new LinkedHashMap<>();
    Map<AwsService, Subnet> endpointSubnet = new LinkedHashMap<>();
    blocked.forEach(
        (key, p) -> {
          Hop hop = p.firstBlocking().orElseThrow();
          AwsService missing = endpointNeeded(region, p, hop);
          if (missing != null) {
            // One endpoint per service serves every subnet (an S3 gateway endpoint, every route
            // table).
            region
                .routeTableFor(p.source().subnetId())
                .ifPresent(
                    t -> {
                      List<RouteTable> tables =
                          endpoints.computeIfAbsent(missing, k -> new ArrayList<>());
                      if (tables.stream().noneMatch(x -> x.routeTableId().equals(t.routeTableId())))
                        tables.add(t);
                    });
            region
                .subnet(p.source().subnetId())
                .ifPresent(s -> endpointSubnet.putIfAbsent(missing, s));
          } else if (seen.add(hopKey(hop))) {
            fixFor(f, region, engine, service, p, hop);
          }
        });
    endpoints.forEach(
        (s, tables) ->
            NetworkFixes.createEndpoint(
                f,
                region,
                s,
                endpointSubnet.get(s),
                tables,
                service.subnets(),
                service.securityGroups()));
    return f.build();
  }

  private static void fixFor(
      FindingBuilder f, RegionView region, Reachability engine, Service service, Hop hop) {
    fixFor(f, region, engine, service, null, hop);
  }

  /**
   * The remediation for one blocking (or degrading) hop, from the facts the engine recorded on it.
   */
  static void fixFor(
      FindingBuilder f,
      RegionView region,
      Reachability engine,
      Service service,
      PathResult path,
      Hop hop) {
    switch (hop.code()) {
      case NACL_DENY_RETURN, NACL_DENY_OUTBOUND, NACL_DENY_INBOUND, NACL_PARTIAL ->
          NetworkFixes.naclEntries(f, region, List.of(hop));
      case SG_NO_EGRESS, SG_PARTIAL_EGRESS -> NetworkFixes.securityGroupEgress(f, region, hop);
      case ENDPOINT_SG_NO_INGRESS, ENDPOINT_SG_PARTIAL ->
          NetworkFixes.endpointIngress(f, region, hop);
      case NO_PUBLIC_IP -> NetworkFixes.publicIp(f, region, service);
      case NAT_NO_IGW_ROUTE -> {
        var nat = region.natGateway(hop.fact("natGateway"));
        var table = nat.flatMap(n -> region.routeTableFor(n.subnetId()));
        if (nat.isPresent() && table.isPresent())
          NetworkFixes.natInternetRoute(f, region, engine, nat.get(), table.get());
      }
      case BLACKHOLE_ROUTE, NAT_NOT_AVAILABLE -> {
        if (path == null) return;
        Optional<Subnet> subnet = region.subnet(path.source().subnetId());
        Optional<RouteTable> table = region.routeTableFor(path.source().subnetId());
        String destination =
            path.hops().stream()
                .map(h -> h.fact("destination"))
                .filter(d -> d != null)
                .findFirst()
                .orElse(null);
        if (subnet.isPresent()
            && table.isPresent()
            && destination != null
            && !destination.startsWith("pl-")) {
          NetworkFixes.routeToSameAzNat(f, region, subnet.get(), table.get(), destination, true);
        }
      }
      case NO_ROUTE -> {
        if (path == null) return;
        Optional<Subnet> subnet = region.subnet(path.source().subnetId());
        Optional<RouteTable> table = region.routeTableFor(path.source().subnetId());
        if (subnet.isEmpty() || table.isEmpty()) return;
        NetworkFixes.routeToSameAzNat(f, region, subnet.get(), table.get(), "0.0.0.0/0", false);
      }
      case IGW_NOT_ATTACHED ->
          f.note(
              "Attach internet gateway "
                  + hop.id()
                  + " to the VPC (aws ec2 "
                  + "attach-internet-gateway) or route the subnet elsewhere.");
      case NAT_PRIVATE ->
          f.note(
              "A private NAT gateway cannot reach the internet: route the subnet to a public NAT "
                  + "gateway, or to VPC endpoints.");
      default -> f.note(hop.code().meaning() + ".");
    }
  }

  private static List<Hop> distinctHops(java.util.Collection<Hop> hops) {
    Map<String, Hop> out = new LinkedHashMap<>();
    for (Hop h : hops) out.putIfAbsent(hopKey(h), h);
    return List.copyOf(out.values());
  }

  /**
   * The AWS service a VPC endpoint should be created for: no route, and no NAT gateway in the AZ to
   * route to.
   */
  private static AwsService endpointNeeded(RegionView region, PathResult p, Hop hop) {
    if (hop.code() != Explanation.NO_ROUTE || p.destination().service() == null) return null;
    boolean nat =
        region
            .subnet(p.source().subnetId())
            .flatMap(s -> NetworkFixes.sameAzNat(region, s))
            .isPresent();
    return nat ? null : p.destination().service();
  }

  // One entry removal fixes every flow it drops: network ACL hops with the same denying rules are
  // one fix.
  private static String hopKey(Hop h) {
    if (h.component().equals("network ACL")
        && h.fact("rules") != null
        && !h.fact("rules").isEmpty()
        && !h.fact("rules").equals(String.valueOf(NetworkAclRules.IMPLICIT_DENY))) {
      return "acl|" + h.id() + "|" + h.fact("direction") + "|" + h.fact("rules");
    }
    return h.code()
        + "|"
        + h.id()
        + "|"
        + h.facts().getOrDefault("direction", "")
        + "|"
        + h.facts().getOrDefault("ports", "")
        + "|"
        + h.facts().getOrDefault("peer", "");
  }

  private static List<String> labels(Set<String> keys) {
    return keys.stream().map(k -> k.substring(k.indexOf(" -> ") + 4)).distinct().toList();
  }

  // One path's verdict for scripts: where from and to, and the hop that decides it.
  private static Fact path(String path, String verdict, String shownPrefix, Hop hop) {
    return Fact.line(
        shownPrefix + hop.describe(),
        "path",
        path,
        "verdict",
        verdict,
        "component",
        hop.component(),
        "hopId",
        hop.id(),
        "code",
        hop.code() == null ? null : hop.code().name(),
        "detail",
        hop.detail());
  }
}
