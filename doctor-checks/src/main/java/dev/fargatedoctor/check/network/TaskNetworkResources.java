package dev.fargatedoctor.check.network;

import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network resources that serve task subnets: the route tables that route them, the NAT gateways
 * those tables send traffic to, and the tables of the NAT gateways' own subnets. The route and NAT
 * checks look only at these: a broken route elsewhere does not stop a task.
 */
final class TaskNetworkResources {
  private final Map<String, RouteTable> tables = new LinkedHashMap<>();
  private final Map<String, Set<String>> subnetsByTable = new LinkedHashMap<>();
  private final Map<String, Set<String>> servicesByTable = new LinkedHashMap<>();
  private final Map<String, Set<String>> tablesByNat = new LinkedHashMap<>();

  TaskNetworkResources(RegionView region) {
    List<RouteTable> natTables = new ArrayList<>();
    for (Map.Entry<String, List<Service>> e : region.servicesBySubnet().entrySet()) {
      Optional<RouteTable> t = region.routeTableFor(e.getKey());
      if (t.isEmpty()) continue;
      add(t.get(), e.getKey(), e.getValue());
      for (Route r : t.get().routes()) {
        if (r.natGatewayId() == null) continue;
        tablesByNat
            .computeIfAbsent(r.natGatewayId(), k -> new LinkedHashSet<>())
            .add(t.get().routeTableId());
        region
            .natGateway(r.natGatewayId())
            .map(NatGateway::subnetId)
            .flatMap(region::routeTableFor)
            .ifPresent(natTables::add);
      }
    }
    for (RouteTable t : natTables) tables.putIfAbsent(t.routeTableId(), t);
  }

  private void add(RouteTable t, String subnet, List<Service> services) {
    tables.putIfAbsent(t.routeTableId(), t);
    subnetsByTable.computeIfAbsent(t.routeTableId(), k -> new LinkedHashSet<>()).add(subnet);
    Set<String> names =
        servicesByTable.computeIfAbsent(t.routeTableId(), k -> new LinkedHashSet<>());
    services.forEach(s -> names.add(s.serviceName()));
  }

  /** Tables routing task subnets, then the tables of their NAT gateways' subnets. */
  List<RouteTable> tables() {
    return List.copyOf(tables.values());
  }

  List<String> taskSubnets(String tableId) {
    return List.copyOf(subnetsByTable.getOrDefault(tableId, Set.of()));
  }

  List<String> services(String tableId) {
    return List.copyOf(servicesByTable.getOrDefault(tableId, Set.of()));
  }

  /** NAT gateways the task subnets' tables route to, with those tables. */
  Map<String, Set<String>> natGateways() {
    return tablesByNat;
  }

  /** Services that reach a NAT gateway through some task subnet's table. */
  List<String> servicesUsingNat(String natId) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : tablesByNat.getOrDefault(natId, Set.of())) out.addAll(services(t));
    return List.copyOf(out);
  }
}
