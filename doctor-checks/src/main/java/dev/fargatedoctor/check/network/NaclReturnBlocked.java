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
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A network ACL on the way of task traffic that drops it: most often the return traffic, which
 * comes back on an ephemeral port (1024-65535) that a stateless ACL must allow inbound, unlike a
 * security group. Also outbound 443, and the ACLs of the NAT gateway's and endpoints' subnets. A
 * rule that drops only some ports makes some connections hang: a warning.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "NACL-RETURN-BLOCKED",
    title = "Network ACL drops task traffic or its return traffic",
    law = Law.SLOW,
    severity = Severity.HIGH,
    needs = {
      Input.ECS_SERVICES,
      Input.TASK_DEFINITIONS,
      Input.SUBNETS,
      Input.ROUTE_TABLES,
      Input.NAT_GATEWAYS,
      Input.VPC_ENDPOINTS,
      Input.NETWORK_ACLS
    })
public final class NaclReturnBlocked implements Check {
  private static final Set<Explanation> NACL_CODES =
      Set.of(
          Explanation.NACL_DENY_RETURN,
          Explanation.NACL_DENY_OUTBOUND,
          Explanation.NACL_DENY_INBOUND,
          Explanation.NACL_PARTIAL);

  @Override
  public List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    Reachability engine = Reachability.of(region);
    Map<String, Map<String, Hop>> problems =
        new LinkedHashMap<>(); // acl -> distinct flows it drops
    Map<String, Set<String>> services = new LinkedHashMap<>();
    Map<String, Set<String>> destinations = new LinkedHashMap<>();
    for (TaskPaths.Entry e : TaskPaths.of(region).all()) {
      for (Hop h : e.path().hops()) {
        if (!h.component().equals("network ACL")
            || h.code() == null
            || !NACL_CODES.contains(h.code())) continue;
        String flow =
            h.fact("direction")
                + " tcp/"
                + h.fact("ports")
                + " "
                + ("inbound".equals(h.fact("direction")) ? "from " : "to ")
                + h.fact("peer")
                + " at "
                + h.fact("subnet");
        problems.computeIfAbsent(h.id(), k -> new LinkedHashMap<>()).putIfAbsent(flow, h);
        services.computeIfAbsent(h.id(), k -> new LinkedHashSet<>()).add(e.service().serviceName());
        destinations
            .computeIfAbsent(h.id(), k -> new LinkedHashSet<>())
            .add(e.path().destination().label());
      }
    }
    List<Finding> findings =
        new ArrayList<>(
            ctx.each(
                problems.entrySet(),
                e -> Resource.of("network-acl", e.getKey()),
                e ->
                    List.of(
                        finding(
                            ctx,
                            region,
                            engine,
                            e.getKey(),
                            e.getValue(),
                            services.get(e.getKey()),
                            destinations.get(e.getKey())))));
    // The ACLs of task subnets that let everything through say so.
    Set<String> quiet = new LinkedHashSet<>();
    for (String subnet : region.servicesBySubnet().keySet()) {
      engine
          .networkAclFor(subnet)
          .map(NetworkAcl::networkAclId)
          .filter(id -> !problems.containsKey(id))
          .ifPresent(quiet::add);
    }
    findings.addAll(
        ctx.each(
            quiet,
            aclId -> Resource.of("network-acl", aclId),
            aclId ->
                List.of(
                    ctx.finding(Resource.of("network-acl", aclId))
                        .evidence("task subnets", taskSubnets(region, engine, aclId))
                        .pass("lets the tasks' traffic and its return traffic through")
                        .build())));
    return findings;
  }

  private static Finding finding(
      CheckContext ctx,
      RegionView region,
      Reachability engine,
      String aclId,
      Map<String, Hop> flows,
      Set<String> services,
      Set<String> destinations) {
    FindingBuilder f =
        ctx.finding(new Resource("network-acl", aclId, null))
            .evidence("task subnets", taskSubnets(region, engine, aclId))
            .evidence("services", List.copyOf(services))
            .evidence("destinations", List.copyOf(destinations));
    flows.forEach(
        (flow, hop) ->
            f.evidenceEach(
                flow,
                "flows",
                Fact.line(
                    rule(hop),
                    "flow",
                    flow,
                    "code",
                    hop.code() == null ? null : hop.code().name(),
                    "rule",
                    rule(hop))));
    // A flow the ACL blocks outright names the finding; one it blocks for some endpoint interfaces
    // only next.
    Optional<Hop> full =
        flows.values().stream()
            .filter(h -> h.status() == Hop.Status.BLOCKED)
            .findFirst()
            .or(
                () ->
                    flows.values().stream()
                        .filter(h -> h.code() != Explanation.NACL_PARTIAL)
                        .findFirst());
    Hop first = full.orElse(flows.values().iterator().next());
    String what =
        first.code() == Explanation.NACL_DENY_RETURN
            ? "return traffic"
            : first.code() == Explanation.NACL_DENY_OUTBOUND ? "outbound traffic" : "traffic";
    String flow =
        flows.entrySet().stream()
            .filter(x -> x.getValue() == first)
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse("");
    if (full.isPresent()) {
      f.fail(
          aclId + " drops the " + what + " of " + String.join(", ", services) + " (" + flow + ")");
    } else {
      f.warn(
              aclId
                  + " drops part of the traffic of "
                  + String.join(", ", services)
                  + " ("
                  + flow
                  + "): some connections hang")
          .severity(Severity.MEDIUM);
    }
    NetworkFixes.naclEntries(f, region, List.copyOf(flows.values()));
    return f.build();
  }

  private static String rule(Hop h) {
    int colon = h.detail().indexOf(": ");
    return colon < 0 ? h.detail() : h.detail().substring(colon + 2);
  }

  private static List<String> taskSubnets(RegionView region, Reachability engine, String aclId) {
    return region.derived(TaskSubnetsByAcl.class, v -> new TaskSubnetsByAcl(v, engine)).of(aclId);
  }

  /** Which task subnets each network ACL guards, built once per region. */
  private record TaskSubnetsByAcl(Map<String, List<String>> byAcl) {
    TaskSubnetsByAcl(RegionView region, Reachability engine) {
      this(new LinkedHashMap<>());
      for (String subnet : region.servicesBySubnet().keySet()) {
        engine
            .networkAclFor(subnet)
            .ifPresent(
                a -> byAcl.computeIfAbsent(a.networkAclId(), k -> new ArrayList<>()).add(subnet));
      }
    }

    List<String> of(String aclId) {
      return byAcl.getOrDefault(aclId, List.of());
    }
  }
}
