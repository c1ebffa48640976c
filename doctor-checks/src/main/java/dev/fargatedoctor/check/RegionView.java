package dev.fargatedoctor.check;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.iam.IamData;
import java.util.ArrayList;
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
    return subnets.values().stream()
        .filter(
            s ->
                routeTableFor(s.subnetId())
                    .map(t -> t.routeTableId().equals(table.routeTableId()))
                    .orElse(false))
        .toList();
  }

  public Optional<TaskDefinition> taskDefinition(String arn) {
    return Optional.ofNullable(taskDefinitions.get(arn));
  }

  public List<Service> services() {
    return region.ecs().services();
  }

  /** Subnets ECS services place tasks in, with the services that use each, in snapshot order. */
  public Map<String, List<Service>> servicesBySubnet() {
    return servicesBySubnet;
  }

  public List<Task> tasksOf(Service service) {
    return region.ecs().tasks().stream()
        .filter(
            t ->
                service.serviceName().equals(t.serviceName().orElse(null))
                    && (t.clusterArn() == null
                        || service.clusterArn() == null
                        || t.clusterArn().equals(service.clusterArn())))
        .toList();
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
    return snapshot.coverage().stream()
        .filter(
            c ->
                action.equals(c.action())
                    && (region.region().equals(c.region()) || Coverage.GLOBAL.equals(c.region())))
        .toList();
  }

  /** The coverage entry for one resource's step (a role's GetRole), if one was recorded. */
  public Optional<Coverage> coverage(String action, String resource) {
    return coverage(action).stream().filter(c -> resource.equals(c.resource())).findFirst();
  }
}
