package dev.fargatedoctor.check;

import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.iam.IamData;
import dev.fargatedoctor.snapshot.iam.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One region of a snapshot with the lookups every check needs, built once and shared. Holds AWS's
 * rules for joins the API leaves to the reader (a subnet without an explicit route-table
 * association uses its VPC's main table; a NAT gateway's AZ is its subnet's AZ).
 */
public final class RegionView {
  private final Snapshot snapshot;
  private final RegionSnapshot region;
  private final Map<String, Subnet> subnets;
  private final Map<String, NatGateway> natGateways;
  private final Map<String, RouteTable> explicitTables = new LinkedHashMap<>();
  private final Map<String, RouteTable> mainTables = new LinkedHashMap<>();
  private final Map<String, TaskDefinition> taskDefinitions;
  private final Map<String, List<Service>> servicesBySubnet = new LinkedHashMap<>();
  private final Map<String, List<Task>> tasksByServiceName = new HashMap<>();
  private final Map<String, List<Subnet>> subnetsByTable = new HashMap<>();
  private final Map<String, List<Coverage>> coverageByAction = new HashMap<>();
  private final Map<String, Role> rolesByArn = new HashMap<>();
  private final Map<String, Role> rolesByName = new HashMap<>();
  private final Map<String, Cluster> clusters;
  private final Map<String, List<VpcEndpoint>> endpointsByVpc = new HashMap<>();
  private final Map<Class<?>, Object> derived = new java.util.concurrent.ConcurrentHashMap<>();

  public RegionView(Snapshot snapshot, RegionSnapshot region) {
    this.snapshot = snapshot;
    this.region = region;
    this.subnets = index(region.ec2().subnets(), Subnet::subnetId);
    this.natGateways = index(region.ec2().natGateways(), NatGateway::natGatewayId);
    for (RouteTable t : region.ec2().routeTables()) {
      for (RouteTable.Association a : t.associations()) {
        if (a.subnetId() != null) explicitTables.put(a.subnetId(), t);
        if (a.isMain()) mainTables.put(t.vpcId(), t);
      }
    }
    this.taskDefinitions = index(region.ecs().taskDefinitions(), TaskDefinition::taskDefinitionArn);
    for (Service s : region.ecs().services()) {
      for (String subnet : s.subnets())
        servicesBySubnet.computeIfAbsent(subnet, k -> new ArrayList<>()).add(s);
    }
    // The joins checks make per service or role, indexed once: a region of thousands of services
    // must not be searched once per service.
    for (Task t : region.ecs().tasks()) {
      t.serviceName()
          .ifPresent(n -> tasksByServiceName.computeIfAbsent(n, k -> new ArrayList<>()).add(t));
    }
    for (Subnet s : subnets.values()) {
      routeTableFor(s.subnetId())
          .ifPresent(
              t -> subnetsByTable.computeIfAbsent(t.routeTableId(), k -> new ArrayList<>()).add(s));
    }
    for (Coverage c : snapshot.coverage()) {
      if (c.action() != null
          && (region.region().equals(c.region()) || Coverage.GLOBAL.equals(c.region()))) {
        coverageByAction.computeIfAbsent(c.action(), k -> new ArrayList<>()).add(c);
      }
    }
    for (Role r : snapshot.iam().roles()) {
      if (r.arn() != null) rolesByArn.putIfAbsent(r.arn(), r);
      if (r.roleName() != null) rolesByName.putIfAbsent(r.roleName(), r);
    }
    this.clusters = index(region.ecs().clusters(), Cluster::clusterArn);
    for (VpcEndpoint e : region.ec2().vpcEndpoints()) {
      if (e.vpcId() != null)
        endpointsByVpc.computeIfAbsent(e.vpcId(), k -> new ArrayList<>()).add(e);
    }
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    return items.stream()
        .filter(i -> key.apply(i) != null)
        .collect(Collectors.toMap(key, i -> i, (a, b) -> a, LinkedHashMap::new));
  }

  public String name() {
    return region.region();
  }

  public RegionSnapshot data() {
    return region;
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  public IamData iam() {
    return snapshot.iam();
  }

  public String accountId() {
    return snapshot.accountId();
  }

  public Optional<Subnet> subnet(String id) {
    return Optional.ofNullable(subnets.get(id));
  }

  public Optional<NatGateway> natGateway(String id) {
    return Optional.ofNullable(natGateways.get(id));
  }

  /** The AZ a NAT gateway lives in: the API does not say, its subnet does. */
  public Optional<String> availabilityZoneOf(NatGateway nat) {
    return subnet(nat.subnetId()).map(Subnet::availabilityZone);
  }

  /** The route table that routes a subnet: its explicit association, else its VPC's main table. */
  public Optional<RouteTable> routeTableFor(String subnetId) {
    RouteTable explicit = explicitTables.get(subnetId);
    if (explicit != null) return Optional.of(explicit);
    return subnet(subnetId).map(s -> mainTables.get(s.vpcId()));
  }

  /** Subnets (known to this region) that a route table routes, explicitly or as the main table. */
  public List<Subnet> subnetsRoutedBy(RouteTable table) {
    return List.copyOf(subnetsByTable.getOrDefault(table.routeTableId(), List.of()));
  }

  public Optional<TaskDefinition> taskDefinition(String arn) {
    return Optional.ofNullable(taskDefinitions.get(arn));
  }

  public List<Service> services() {
    return region.ecs().services();
  }

  /**
   * The network interfaces this account owns, which are what its Region quota counts. The owner of
   * a shared VPC also sees the interfaces participants created in its subnets; those count against
   * the participants' quotas, not its own. An interface without an owner is taken as the account's.
   */
  public List<NetworkInterface> ownNetworkInterfaces() {
    List<NetworkInterface> all = region.ec2().networkInterfaces();
    String account = accountId();
    if (account == null) return all;
    return all.stream().filter(n -> n.ownerId() == null || account.equals(n.ownerId())).toList();
  }

  /** Subnets ECS services place tasks in, with the services that use each, in snapshot order. */
  public Map<String, List<Service>> servicesBySubnet() {
    return servicesBySubnet;
  }

  public List<Task> tasksOf(Service service) {
    return tasksByServiceName.getOrDefault(service.serviceName(), List.of()).stream()
        .filter(
            t ->
                (t.clusterArn() == null
                    || service.clusterArn() == null
                    || t.clusterArn().equals(service.clusterArn())))
        .toList();
  }

  /** A role by ARN or by name (ECS accepts both for task roles), as {@link IamData#role}. */
  public Optional<Role> role(String arnOrName) {
    if (arnOrName == null) return Optional.empty();
    Role byArn = rolesByArn.get(arnOrName);
    if (byArn != null) return Optional.of(byArn);
    return Optional.ofNullable(rolesByName.get(Arns.lastSegment(arnOrName)));
  }

  /** The VPC endpoints (interface and gateway) of one VPC, in snapshot order. */
  public List<VpcEndpoint> vpcEndpoints(String vpcId) {
    return endpointsByVpc.getOrDefault(vpcId, List.of());
  }

  public Optional<Cluster> cluster(String clusterArn) {
    return clusterArn == null ? Optional.empty() : Optional.ofNullable(clusters.get(clusterArn));
  }

  public Optional<ServiceQuota> quota(String serviceCode, String quotaCode) {
    return region.quotas().stream()
        .filter(q -> serviceCode.equals(q.serviceCode()) && quotaCode.equals(q.quotaCode()))
        .findFirst();
  }

  /**
   * A structure built once from this region and shared by every check that needs it (the
   * reachability engine's indexes): the first caller builds it, later ones reuse it.
   */
  public <T> T derived(Class<T> type, Function<RegionView, T> build) {
    return type.cast(derived.computeIfAbsent(type, k -> build.apply(this)));
  }

  /** Coverage entries of this region (and global ones) for an IAM action. */
  public List<Coverage> coverage(String action) {
    return coverageByAction.getOrDefault(action, List.of());
  }

  /** The coverage entry for one resource's step (a role's GetRole), if one was recorded. */
  public Optional<Coverage> coverage(String action, String resource) {
    return coverage(action).stream().filter(c -> resource.equals(c.resource())).findFirst();
  }
}
