package dev.fargatedoctor.check.flows;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.network.FlowRules;
import dev.fargatedoctor.check.network.Ports;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rejected flows of a service, by peer and port: a reply the network ACL drops on its way back (the
 * task's connection hangs), a request the task's security groups or subnet do not let out, a caller
 * inside the VPC that is turned away. The rule responsible is named from the snapshot: the network
 * ACL entry of the interface's subnet, or the security groups that allow none of it. Requests from
 * the internet that security groups turn away are the groups doing their job, and are only counted.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "FLOW-REJECTED",
    title = "Flow logs show a service's traffic rejected",
    law = Law.NOTHING_MAKES_SENSE,
    severity = Severity.HIGH,
    needs = {
      Input.FLOW_RECORDS,
      Input.NETWORK_INTERFACES,
      Input.SUBNETS,
      Input.NETWORK_ACLS,
      Input.SECURITY_GROUPS,
      Input.ECS_SERVICES
    })
public final class RejectedFlows implements Check {

  private record Key(
      String service, String peer, int port, int protocol, boolean reply, boolean inbound) {}

  private static final class Group {
    FlowPlaces.Local local;
    FlowPlaces.Peer peer;
    long records;
    long maxMissing;
    long packets;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int clientMin = Integer.MAX_VALUE;
    int clientMax = Integer.MIN_VALUE;
    final Set<String> addresses = new LinkedHashSet<>();
    final Set<String> interfaces = new LinkedHashSet<>();
    final Map<String, String> subnets = new LinkedHashMap<>(); // subnet -> AZ
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    FlowPlaces places = FlowPlaces.of(ctx.region());
    FlowSummary s = places.summary();
    if (s == null) return List.of();
    Optional<Finding> gap =
        FlowFacts.missingFields(
            ctx, s, "rejected traffic", List.of("action", "srcport", "dstport"));
    if (gap.isPresent()) return List.of(gap.get());
    Map<Key, Group> groups = new LinkedHashMap<>();
    long probes = 0;
    Set<String> services = new LinkedHashSet<>();
    for (FlowSummary.RejectedRow row : s.rejected()) {
      FlowPlaces.Local l = places.local(row.interfaceId());
      if (!l.isService()) continue;
      services.add(l.serviceLabel());
      Optional<Boolean> out =
          FlowFacts.outbound(l, row.srcaddr(), row.dstaddr(), row.flowDirection());
      if (out.isEmpty()) continue;
      boolean inbound = !out.get();
      boolean reply = !row.serverIsDst();
      String remote = inbound ? row.srcaddr() : row.dstaddr();
      FlowPlaces.Peer peer = places.peer(remote, null);
      if (inbound && !reply && peer.kind() == FlowPlaces.Kind.INTERNET) {
        probes += row.records();
        continue;
      }
      Key key =
          new Key(
              l.serviceLabel(), peerKey(peer), row.servicePort(), row.protocol(), reply, inbound);
      Group g = groups.computeIfAbsent(key, k -> new Group());
      if (g.local == null) {
        g.local = l;
        g.peer = peer;
      }
      g.records += row.records();
      g.maxMissing += row.maxMissing();
      g.packets += row.packets();
      g.first = Math.min(g.first, row.firstStart());
      g.last = Math.max(g.last, row.lastEnd());
      g.clientMin = Math.min(g.clientMin, row.clientPortMin());
      g.clientMax = Math.max(g.clientMax, row.clientPortMax());
      if (g.addresses.size() < 3) g.addresses.add(remote);
      g.interfaces.add(l.interfaceId());
      if (l.subnetId() != null) g.subnets.put(l.subnetId(), l.az());
    }
    List<Finding> findings = new ArrayList<>();
    groups.forEach((k, g) -> findings.add(finding(ctx, s, k, g)));
    if (findings.isEmpty()) {
      for (String svc : services) {
        findings.add(
            ctx.finding(dev.fargatedoctor.check.Resource.of("service", svc))
                .pass("no rejected traffic of " + svc + " beyond internet probes")
                .evidence("read", FlowFacts.window(s))
                .build());
      }
      if (services.isEmpty()) {
        findings.add(
            ctx.finding(dev.fargatedoctor.check.Resource.of("region", ctx.region().name()))
                .pass("no rejected traffic of a service in the flow records")
                .evidence("read", FlowFacts.window(s))
                .evidence("internet requests turned away", probes > 0 ? probes : null)
                .build());
      }
    }
    return findings;
  }

  // Internet peers collapse into one peer per port: a finding per address would bury the rule.
  private static String peerKey(FlowPlaces.Peer p) {
    return p.kind() == FlowPlaces.Kind.INTERNET ? "internet" : p.label();
  }

  private Finding finding(CheckContext ctx, FlowSummary s, Key k, Group g) {
    String proto =
        k.protocol() == 6 ? "tcp" : k.protocol() == 17 ? "udp" : "protocol " + k.protocol();
    String port = proto + "/" + k.port();
    String peer = g.peer.kind() == FlowPlaces.Kind.INTERNET ? "the internet" : g.peer.label();
    String service = k.service();
    Ports clientPorts = new Ports(Math.max(0, g.clientMin), Math.max(g.clientMin, g.clientMax));
    boolean localIsClient = k.inbound() == k.reply();
    Ports local = localIsClient ? clientPorts : Ports.single(k.port());
    Ports remote = localIsClient ? Ports.single(k.port()) : clientPorts;
    String sample = g.addresses.iterator().next();
    String subnet = g.subnets.isEmpty() ? g.local.subnetId() : g.subnets.keySet().iterator().next();
    Optional<FlowRules.Cause> cause =
        FlowRules.rejection(
            ctx.region(),
            g.local.eni(),
            subnet,
            sample,
            k.protocol(),
            local,
            remote,
            k.inbound(),
            k.reply());
    String what =
        k.reply()
            ? (k.inbound()
                ? "replies from " + peer + " (" + port + ") to " + service + " are rejected"
                : "replies of " + service + " to " + peer + " (" + port + ") are rejected")
            : (k.inbound()
                ? "connections from " + peer + " to " + service + " on " + port + " are rejected"
                : "connections of " + service + " to " + peer + " on " + port + " are rejected");
    FindingBuilder f =
        ctx.finding(FlowFacts.resource(g.local))
            .evidence("service", service)
            .evidence(
                "peer", peer + (g.peer.kind() == FlowPlaces.Kind.INTERNET ? " e.g. " + sample : ""))
            .evidence("addresses", List.copyOf(g.addresses))
            .evidence(
                "direction",
                k.reply()
                    ? "return traffic: the reply to a connection "
                        + (localIsClient ? service : peer)
                        + " opened"
                    : "requests " + (k.inbound() ? "arriving at " : "leaving ") + service)
            .evidence("rejected records", g.records)
            .evidence("packets", g.packets)
            .evidence("first / last", FlowFacts.time(g.first) + " / " + FlowFacts.time(g.last))
            .evidence(
                "where",
                g.subnets.entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .toList())
            .evidence("interfaces", g.interfaces.stream().limit(5).toList())
            .evidence("read", FlowFacts.window(s));
    FlowFacts.caveats(f, s, g.maxMissing, "records");
    if (cause.isEmpty()) {
      return f.warn(what + ", but no rule in the snapshot rejects it now")
          .severity(Severity.LOW)
          .evidence(
              "rule",
              "none found: the subnet's network ACL and the interface's security groups allow this"
                  + " traffic today (changed since the records?), or it was dropped where the snapshot"
                  + " does not reach")
          .fix(
              "Compare the rules at the time of the records with today's (ROUTE-RECENT-CHANGE, "
                  + "`fargate-doctor snapshot diff`), and read newer flow records to confirm it stopped.")
          .build();
    }
    FlowRules.Cause c = cause.get();
    f.evidence("rule", c.component() + " " + c.id() + ": " + c.rule());
    Severity severity = k.reply() || !k.inbound() ? Severity.HIGH : Severity.MEDIUM;
    f.fail(what + ": " + c.component() + " " + c.id() + " " + c.rule()).severity(severity);
    f.fix(
        k.reply()
            ? "Network ACLs are stateless: the reply to an allowed request must be allowed on its own, on the "
                + "client's ephemeral ports (1024-65535)."
            : "The traffic is turned away at the interface's subnet or security groups.");
    FlowRules.fix(f, ctx.region(), c, subnet, sample);
    return f.build();
  }
}
