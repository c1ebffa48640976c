package dev.fargatedoctor.check.flows;

import com.google.auto.service.AutoService;
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
import dev.fargatedoctor.check.network.Cidr;
import dev.fargatedoctor.check.network.Destination;
import dev.fargatedoctor.check.network.Explanation;
import dev.fargatedoctor.check.network.FlowRules;
import dev.fargatedoctor.check.network.Hop;
import dev.fargatedoctor.check.network.PathResult;
import dev.fargatedoctor.check.network.Reachability;
import dev.fargatedoctor.check.network.TaskNetwork;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Connection attempts of a service that got no answer at all: a SYN went out and nothing came back
 * (with tcp-flags; without them, packets out and none in). The write-up's 30-second connect hangs
 * look like this. Where some AZs are answered and others not, the AZs that are not and the path
 * they take (another AZ's NAT gateway, whose public address the far end may not allow) say why; the
 * path is evaluated from the snapshot and its fault, when it has one, is the fix.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "FLOW-NO-REPLY",
    title = "Flow logs show a service's connections left unanswered",
    law = Law.NOTHING_MAKES_SENSE,
    severity = Severity.HIGH,
    needs = {
      Input.FLOW_RECORDS,
      Input.NETWORK_INTERFACES,
      Input.SUBNETS,
      Input.ROUTE_TABLES,
      Input.NAT_GATEWAYS,
      Input.ECS_SERVICES
    })
public final class UnansweredConnections implements Check {
  /** Unanswered attempts from which a destination fails the check rather than warns. */
  static final int FAIL_AT = 3;

  private record Key(String service, String peer, int port) {}

  private static final class Group {
    FlowPlaces.Local local;
    FlowPlaces.Peer peer;
    long attempts;
    long unanswered;
    long maxMissing;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    final Map<String, long[]> byAz = new TreeMap<>(); // az -> attempts, unanswered
    final Map<String, FlowPlaces.Local> subnets = new LinkedHashMap<>();
    final Set<String> interfaces = new LinkedHashSet<>();
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    FlowPlaces places = FlowPlaces.of(ctx.region());
    FlowSummary s = places.summary();
    if (s == null) return List.of();
    Optional<Finding> gap =
        FlowFacts.missingFields(
            ctx, s, "unanswered connections", List.of("srcport", "dstport", "protocol"));
    if (gap.isPresent()) return List.of(gap.get());
    Map<Key, Group> groups = new LinkedHashMap<>();
    for (FlowSummary.NoReplyRow row : s.noReply()) {
      FlowPlaces.Local l = places.local(row.interfaceId());
      if (!l.isService()) continue;
      if (l.ip() != null && !l.ip().equals(row.clientAddr())) continue; // callers of the service
      FlowPlaces.Peer peer = places.peer(row.serverAddr(), null);
      Key key = new Key(l.serviceLabel(), peer.label(), row.serverPort());
      Group g = groups.computeIfAbsent(key, k -> new Group());
      if (g.local == null) {
        g.local = l;
        g.peer = peer;
      }
      g.attempts += row.attempts();
      g.unanswered += row.unanswered();
      g.maxMissing += row.maxMissing();
      g.first = Math.min(g.first, row.firstStart());
      g.last = Math.max(g.last, row.lastEnd());
      long[] az = g.byAz.computeIfAbsent(l.az() == null ? "?" : l.az(), a -> new long[2]);
      az[0] += row.attempts();
      az[1] += row.unanswered();
      if (l.subnetId() != null) g.subnets.putIfAbsent(l.subnetId(), l);
      g.interfaces.add(l.interfaceId());
    }
    List<Finding> findings = new ArrayList<>();
    groups.forEach((k, g) -> findings.add(finding(ctx, places, s, k, g)));
    if (findings.isEmpty()) {
      findings.add(
          ctx.finding(Resource.of("region", ctx.region().name()))
              .pass("every connection a service attempted got an answer")
              .evidence("read", FlowFacts.window(s))
              .build());
    }
    return findings;
  }

  private Finding finding(CheckContext ctx, FlowPlaces places, FlowSummary s, Key k, Group g) {
    String target =
        g.peer.label()
            + (g.peer.label().contains(g.peer.address()) ? "" : " " + g.peer.address())
            + ":"
            + k.port();
    FindingBuilder f =
        ctx.finding(FlowFacts.resource(g.local))
            .evidence("service", k.service())
            .evidence("destination", target)
            .evidence(
                "unanswered",
                g.unanswered
                    + " of "
                    + g.attempts
                    + " attempts"
                    + (s.has("tcp-flags")
                        ? " (SYN sent, no SYN-ACK or RST back)"
                        : " (packets out, none back)"));
    List<String> perAz = new ArrayList<>();
    g.byAz.forEach((az, n) -> perAz.add(az + ": " + n[1] + " of " + n[0] + " unanswered"));
    f.evidence("by AZ", perAz);
    Set<String> quietAzs = new LinkedHashSet<>();
    for (FlowSummary.InterfaceRow r : s.interfaces()) {
      FlowPlaces.Local other = places.local(r.interfaceId());
      if (k.service().equals(other.serviceLabel())
          && other.az() != null
          && !g.byAz.containsKey(other.az())) {
        quietAzs.add(other.az());
      }
    }
    if (!quietAzs.isEmpty()) {
      f.evidence(
          "no unanswered attempts from",
          String.join(", ", quietAzs) + " (interfaces of " + k.service() + " logged there)");
    }
    f.evidence("first / last", FlowFacts.time(g.first) + " / " + FlowFacts.time(g.last));
    f.evidence("interfaces", g.interfaces.stream().limit(5).toList());
    f.evidence("read", FlowFacts.window(s));
    FlowFacts.caveats(f, s, g.maxMissing, "attempts or answers");

    // The path each affected subnet takes to the destination today.
    List<String> paths = new ArrayList<>();
    List<Subnet> crossAz = new ArrayList<>();
    List<Hop> blocked = new ArrayList<>();
    Reachability engine = Reachability.of(ctx.region());
    Optional<Cidr> address = Cidr.tryParse(g.peer.address());
    for (FlowPlaces.Local l : g.subnets.values()) {
      if (address.isEmpty()
          || g.byAz.getOrDefault(l.az() == null ? "?" : l.az(), new long[2])[1] == 0) continue;
      List<String> groups =
          l.service() != null
              ? l.service().securityGroups()
              : l.eni() == null
                  ? List.of()
                  : l.eni().groups().stream().map(x -> x.groupId()).toList();
      PathResult path =
          engine.evaluate(
              new TaskNetwork(l.subnetId(), groups, false),
              Destination.address(address.get(), k.port()));
      for (Hop h : path.hops()) {
        if (h.status() == Hop.Status.OK) continue;
        paths.add(l.subnetId() + ": " + h.describe());
        if (h.code() == Explanation.AZ_CROSSED)
          ctx.region().subnet(l.subnetId()).ifPresent(crossAz::add);
        if (h.status() == Hop.Status.BLOCKED) blocked.add(h);
      }
      natAddress(ctx, l)
          .ifPresent(
              ip ->
                  f.evidenceEach(
                      "leaves " + l.subnetId() + " as",
                      "leavesAs",
                      Fact.line(ip, "subnet", l.subnetId(), "publicIp", ip)));
    }
    if (!paths.isEmpty()) f.evidence("path today", paths);

    String title =
        k.service()
            + ": "
            + g.unanswered
            + (g.unanswered == 1 ? " connection attempt to " : " connection attempts to ")
            + target
            + " got no answer";
    if (!crossAz.isEmpty() || !blocked.isEmpty()) {
      f.fail(title).severity(g.unanswered >= FAIL_AT ? Severity.HIGH : Severity.MEDIUM);
      if (!crossAz.isEmpty()) {
        f.fix(
            "The unanswered attempts leave through another AZ's NAT gateway: a different public address than "
                + "the other AZs use (a far end that allows only known addresses drops them), and an AZ "
                + "outage away from failing. Route each subnet to the NAT gateway of its own AZ.");
        for (Subnet sub : crossAz) FlowRules.routeToSameAzNat(f, ctx.region(), sub);
      } else {
        f.fix(
            "The path is blocked in the snapshot: "
                + blocked.get(0).describe()
                + ". `fargate-doctor path --service "
                + k.service().substring(k.service().indexOf('/') + 1)
                + " --to "
                + g.peer.address()
                + ":"
                + k.port()
                + "` shows every hop.");
      }
      return f.build();
    }
    return f.warn(title + "; the path looks sound in the snapshot")
        .severity(g.unanswered >= FAIL_AT ? Severity.MEDIUM : Severity.LOW)
        .fix(
            "Nothing on this side drops the attempts today: the far end does not answer (not listening, or its "
                + "firewall or allow list drops this source), or the path changed since the records. Check that "
                + g.peer.address()
                + " listens on "
                + k.port()
                + " and allows the addresses above, then read newer flow records.")
        .build();
  }

  // The public address traffic of a subnet leaves with, when it goes through a NAT gateway.
  private static Optional<String> natAddress(CheckContext ctx, FlowPlaces.Local l) {
    return FlowRules.routeToInternet(ctx.region(), l.subnetId())
        .map(r -> r.natGatewayId())
        .flatMap(ctx.region()::natGateway)
        .map(
            n ->
                n.natGatewayId()
                    + ctx.region().availabilityZoneOf(n).map(az -> " in " + az).orElse("")
                    + n.natGatewayAddresses().stream()
                        .map(NatGateway.Address::publicIp)
                        .filter(ip -> ip != null)
                        .findFirst()
                        .map(ip -> ", public address " + ip)
                        .orElse(""));
  }
}
