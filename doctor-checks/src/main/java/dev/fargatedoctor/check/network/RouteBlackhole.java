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
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A route on the way of task traffic whose target is gone: state {@code blackhole}, or a NAT
 * gateway that is deleted, failed or absent. AWS marks a route to a deleted NAT gateway as
 * blackhole; some sources (moto) keep it {@code active}, so the NAT gateway's own state decides.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "ROUTE-BLACKHOLE",
    title = "Route to a deleted or failed target",
    law = Law.SLOW,
    severity = Severity.CRITICAL,
    needs = {Input.ECS_SERVICES, Input.SUBNETS, Input.ROUTE_TABLES, Input.NAT_GATEWAYS})
public final class RouteBlackhole implements Check {
  private static final Set<String> DEAD_NAT = Set.of("deleted", "deleting", "failed");

  @Override
  public List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    Reachability engine = Reachability.of(region);
    TaskNetworkResources resources = new TaskNetworkResources(region);
    return ctx.each(
        resources.tables(),
        t -> Resource.of("route-table", t.routeTableId()),
        table -> judgeTable(ctx, table, region, engine, resources));
  }

  private static List<Finding> judgeTable(
      CheckContext ctx,
      RouteTable table,
      RegionView region,
      Reachability engine,
      TaskNetworkResources resources) {
    FindingBuilder f =
        ctx.finding(new Resource("route-table", table.routeTableId(), null))
            .evidence("task subnets", resources.taskSubnets(table.routeTableId()))
            .evidence("services", resources.services(table.routeTableId()));
    if (resources.taskSubnets(table.routeTableId()).isEmpty()) {
      f.evidence("routes", "the subnet of a NAT gateway that task subnets use");
    }
    List<Route> dead = new ArrayList<>();
    for (Route r : table.routes()) {
      Optional<String> why = dead(region, r);
      if (why.isEmpty()) continue;
      dead.add(r);
      f.evidenceEach(
          "route " + r.destination() + " -> " + r.target(),
          "deadRoutes",
          Fact.line(
              why.get(),
              "destination",
              r.destination(),
              "target",
              r.target(),
              "reason",
              why.get()));
    }
    if (dead.isEmpty()) {
      return List.of(f.pass("every route has a live target").build());
    }
    Route first = dead.get(0);
    f.fail(
        table.routeTableId()
            + ": route "
            + first.destination()
            + " -> "
            + first.target()
            + " leads nowhere"
            + (dead.size() > 1 ? " (and " + (dead.size() - 1) + " more)" : ""));
    for (Route r : dead) NetworkFixes.deadRoute(f, region, engine, table, r);
    return List.of(f.build());
  }

  private static Optional<String> dead(RegionView region, Route r) {
    if (r.natGatewayId() != null) {
      Optional<NatGateway> nat = region.natGateway(r.natGatewayId());
      if (nat.isEmpty()) {
        return Optional.of(
            "NAT gateway "
                + r.natGatewayId()
                + " is not in the snapshot (deleted); route state "
                + r.state());
      }
      if (DEAD_NAT.contains(nat.get().state())) {
        return Optional.of(
            "NAT gateway "
                + r.natGatewayId()
                + " is "
                + nat.get().state()
                + (nat.get().failureMessage() == null
                    ? ""
                    : " (" + nat.get().failureMessage() + ")")
                + "; route state "
                + r.state()
                + (r.isBlackhole() ? "" : " (AWS shows such a route as blackhole)"));
      }
    }
    if (r.isBlackhole()) return Optional.of("state blackhole: the target no longer exists");
    return Optional.empty();
  }
}
