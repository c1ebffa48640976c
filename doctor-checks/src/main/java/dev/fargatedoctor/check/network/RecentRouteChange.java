package dev.fargatedoctor.check.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Timestamps;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.trail.CloudTrailEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who changed the routing of task subnets in the last 24 hours, when, and what: CloudTrail's route,
 * route-table association, network ACL and NAT gateway changes that touch a resource serving a task
 * subnet. A change is worth knowing about (INFO); one on a resource whose task subnets now have a
 * blocked or degraded path is the likely cause (HIGH).
 */
@AutoService(Check.class)
@CheckInfo(
    id = "ROUTE-RECENT-CHANGE",
    title = "Recent route, route-table or network ACL change on a task subnet",
    law = Law.SLOW,
    severity = Severity.INFO,
    needs = {
      Input.CLOUDTRAIL_EVENTS,
      Input.ECS_SERVICES,
      Input.SUBNETS,
      Input.ROUTE_TABLES,
      Input.NETWORK_ACLS
    })
public final class RecentRouteChange implements Check {
  static final Duration WINDOW = Duration.ofHours(24);
  private static final List<String> PRIORITY =
      List.of("route-table", "network-acl", "subnet", "nat-gateway");
  private static final Map<String, String> LABELS =
      Map.of(
          "route-table",
          "route table",
          "network-acl",
          "network ACL",
          "subnet",
          "subnet",
          "nat-gateway",
          "NAT gateway");

  /** A resource that serves task subnets, as the finding names it. */
  private record Served(String type, String id, Set<String> subnets) {}

  @Override
  public List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    Reachability engine = Reachability.of(region);
    Instant end =
        region.snapshot().capture() != null && region.snapshot().capture().capturedAt() != null
            ? region.snapshot().capture().capturedAt()
            : ctx.now();
    Instant start = end.minus(WINDOW);
    Map<String, Served> byId = served(region, engine);

    Map<String, List<CloudTrailEvent>> changes = new LinkedHashMap<>();
    int looked = 0;
    for (CloudTrailEvent e : region.data().cloudTrail()) {
      if (!CloudTrailEvent.NETWORK_CHANGES.contains(e.eventName())
          || e.eventTime() == null
          || e.eventTime().isBefore(start)
          || e.eventTime().isAfter(end.plusSeconds(60))
          || e.errorCode() != null) {
        continue;
      }
      looked++;
      Set<String> ids = new LinkedHashSet<>();
      collect(e.requestParameters(), ids);
      e.resources().forEach(r -> ids.add(r.resourceName()));
      // One event, one finding: on the most specific resource it names (a route table before the
      // NAT
      // gateway its new route points at).
      ids.stream()
          .map(byId::get)
          .filter(s -> s != null)
          .min(Comparator.comparingInt(s -> PRIORITY.indexOf(s.type())))
          .ifPresent(
              s -> changes.computeIfAbsent(s.type() + "|" + s.id(), k -> new ArrayList<>()).add(e));
    }
    if (changes.isEmpty()) {
      return List.of(
          ctx.finding(Resource.of("region", region.name()))
              .evidence("window", Timestamps.iso(start) + " to " + Timestamps.iso(end))
              .evidence("network changes in the region", looked)
              .pass(
                  "no route, route-table association, network ACL or NAT gateway change touched a task subnet in 24 h")
              .build());
    }
    TaskPaths paths = TaskPaths.of(region);
    return ctx.each(
        changes.entrySet(),
        e -> {
          String[] k = e.getKey().split("\\|", 2);
          return Resource.of(k[0], k[1]);
        },
        e -> List.of(changed(ctx, region, byId, paths, end, e.getKey(), e.getValue())));
  }

  private static Finding changed(
      CheckContext ctx,
      RegionView region,
      Map<String, Served> byId,
      TaskPaths paths,
      Instant end,
      String key,
      List<CloudTrailEvent> events) {
    String[] k = key.split("\\|", 2);
    Served s =
        byId.values().stream()
            .filter(x -> x.type().equals(k[0]) && x.id().equals(k[1]))
            .findFirst()
            .orElseThrow();
    events.sort(Comparator.comparing(CloudTrailEvent::eventTime).reversed());
    FindingBuilder f =
        ctx.finding(new Resource(s.type(), s.id(), null))
            .evidence(
                "changes", events.stream().map(RecentRouteChange::describe).distinct().toList())
            .evidence("serves task subnets", List.copyOf(s.subnets()))
            .evidence(
                "services",
                s.subnets().stream()
                    .flatMap(sub -> region.servicesBySubnet().getOrDefault(sub, List.of()).stream())
                    .map(Service::serviceName)
                    .distinct()
                    .toList());
    Optional<Hop> failing = failing(paths, s.subnets());
    CloudTrailEvent last = events.get(0);
    String title =
        LABELS.get(s.type())
            + " "
            + s.id()
            + " changed "
            + ago(last.eventTime(), end)
            + " by "
            + last.who()
            + " ("
            + last.eventName()
            + ")";
    if (failing.isPresent()) {
      f.evidence("failing now", failing.get().describe());
      f.warn(title + ", and its task subnets now have a failing path").severity(Severity.HIGH);
      f.fix(
          "The change likely caused the failure shown: check it with its author, revert it or apply the fix of "
              + "the failing check. The full events:");
    } else {
      f.warn(title).severity(Severity.INFO);
      f.fix("Confirm the change was intended; the full events:");
    }
    events.stream()
        .map(CloudTrailEvent::eventId)
        .filter(id -> id != null)
        .distinct()
        .limit(3)
        .forEach(
            id ->
                f.command(
                    AwsCommand.of("cloudtrail", "lookup-events")
                        .opt("--lookup-attributes", "AttributeKey=EventId,AttributeValue=" + id)
                        .region(region.name())));
    return f.build();
  }

  /**
   * Every id that can name a task subnet's network: the subnets, their route tables and
   * associations, their network ACLs and associations, and the NAT gateways the tables use.
   */
  private static Map<String, Served> served(RegionView region, Reachability engine) {
    Map<String, Served> out = new LinkedHashMap<>();
    for (String subnetId : region.servicesBySubnet().keySet()) {
      Optional<RouteTable> table = region.routeTableFor(subnetId);
      if (table.isPresent()) {
        Served t =
            out.computeIfAbsent(
                table.get().routeTableId(),
                id -> new Served("route-table", id, new LinkedHashSet<>()));
        t.subnets().add(subnetId);
        table
            .get()
            .associations()
            .forEach(
                a -> {
                  if (a.routeTableAssociationId() != null)
                    out.putIfAbsent(a.routeTableAssociationId(), t);
                });
        for (Route r : table.get().routes()) {
          if (r.natGatewayId() == null) continue;
          out.computeIfAbsent(
                  r.natGatewayId(), id -> new Served("nat-gateway", id, new LinkedHashSet<>()))
              .subnets()
              .add(subnetId);
        }
      }
      Optional<NetworkAcl> acl = engine.networkAclFor(subnetId);
      if (acl.isPresent()) {
        Served a =
            out.computeIfAbsent(
                acl.get().networkAclId(),
                id -> new Served("network-acl", id, new LinkedHashSet<>()));
        a.subnets().add(subnetId);
        acl.get()
            .associations()
            .forEach(
                x -> {
                  if (x.networkAclAssociationId() != null)
                    out.putIfAbsent(x.networkAclAssociationId(), a);
                });
      }
      out.computeIfAbsent(
          subnetId, id -> new Served("subnet", id, new LinkedHashSet<>(List.of(id))));
    }
    return out;
  }

  /** A blocked or degrading hop (AZ crossing included) on a path from these subnets, if any. */
  private static Optional<Hop> failing(TaskPaths paths, Set<String> subnets) {
    List<PathResult> from =
        paths.all().stream()
            .map(TaskPaths.Entry::path)
            .filter(p -> subnets.contains(p.source().subnetId()))
            .toList();
    return from.stream()
        .map(PathResult::firstBlocking)
        .flatMap(Optional::stream)
        .findFirst()
        .or(
            () ->
                from.stream()
                    .flatMap(p -> p.risks().stream())
                    .filter(
                        r ->
                            NoEgressPath.DEGRADING.contains(r.code())
                                || r.code() == Explanation.AZ_CROSSED)
                    .findFirst());
  }

  private static void collect(JsonNode node, Set<String> ids) {
    if (node == null) return;
    if (node.isTextual()) ids.add(node.asText());
    node.forEach(child -> collect(child, ids));
  }

  /**
   * {@code 2026-11-26T07:42:10Z ReplaceRoute by arn:... from 198.51.100.23: routeTableId=rtb-1,
   * ...}.
   */
  static String describe(CloudTrailEvent e) {
    JsonNode params = e.requestParameters();
    String what =
        params.properties().stream()
            .filter(
                p ->
                    !p.getValue().isContainerNode()
                        || (p.getValue().isObject() && !p.getValue().isEmpty()))
            .map(
                p ->
                    p.getKey()
                        + "="
                        + (p.getValue().isValueNode()
                            ? p.getValue().asText()
                            : p.getValue().toString()))
            .collect(Collectors.joining(", "));
    return Timestamps.iso(e.eventTime())
        + " "
        + e.eventName()
        + " by "
        + e.who()
        + (e.sourceIpAddress() == null ? "" : " from " + e.sourceIpAddress())
        + (what.isEmpty() ? "" : ": " + what);
  }

  private static String ago(Instant when, Instant now) {
    Duration d = Duration.between(when, now);
    if (d.isNegative() || d.toMinutes() < 1) return "just now";
    if (d.toHours() < 1) return d.toMinutes() + " min ago";
    return d.toHours() + " h " + (d.toMinutesPart()) + " min ago";
  }
}
