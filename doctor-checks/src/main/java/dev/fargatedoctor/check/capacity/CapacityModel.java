package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The one capacity arithmetic of Fargate Doctor: the checks SUBNET-IPS, ENI-SURGE and
 * FARGATE-VCPU-QUOTA use it with every service at its current desired count and deploying, the
 * preflight with the planned counts. A task is one network interface (quota per Region), one IP
 * address in one of its service's subnets, and its size in Fargate vCPU (quota per pool). ECS
 * spreads a service's tasks across the Availability Zones of its subnets, so each AZ takes the
 * balanced share rounded up, and each subnet in an AZ its part of that.
 */
final class CapacityModel {
  private final RegionView region;
  private final List<ServiceDemand> services = new ArrayList<>();

  private CapacityModel(RegionView region, Map<String, Integer> planned, boolean plannedDeploy) {
    this.region = region;
    Map<String, List<Task>> tasksByService = new HashMap<>();
    for (Task t : region.data().ecs().tasks()) {
      if (t.isStopped() || t.serviceName().isEmpty()) continue;
      tasksByService
          .computeIfAbsent(key(t.clusterArn(), t.serviceName().get()), k -> new ArrayList<>())
          .add(t);
    }
    for (Service s : region.services()) {
      if (s.status() != null && !"ACTIVE".equals(s.status())) continue;
      List<Task> tasks =
          tasksByService.getOrDefault(key(s.clusterArn(), s.serviceName()), List.of());
      boolean inPlan = s.serviceArn() != null && planned.containsKey(s.serviceArn());
      int desired = nz(s.desiredCount());
      int target = inPlan ? Math.max(0, planned.get(s.serviceArn())) : desired;
      boolean deploying = planned.isEmpty() ? plannedDeploy : inPlan && plannedDeploy;
      services.add(demand(s, tasks, desired, target, deploying));
    }
  }

  /**
   * Every service at its desired count, each as if a rolling deployment were running: what a scan
   * checks.
   */
  public static CapacityModel current(RegionView region) {
    return new CapacityModel(region, Map.of(), true);
  }

  /**
   * Every service at its desired count, none deploying: a preflight's view of the Regions (and
   * accounts) whose services are not in the plan.
   */
  static CapacityModel steady(RegionView region) {
    return new CapacityModel(region, Map.of(), false);
  }

  /**
   * The planned desired counts (by service ARN); services not in the plan keep theirs and do not
   * deploy. With {@code deployDuringPeak} the planned services are assumed to deploy at their
   * planned count.
   */
  public static CapacityModel planned(
      RegionView region, Map<String, Integer> plannedByServiceArn, boolean deployDuringPeak) {
    if (plannedByServiceArn.isEmpty())
      throw new IllegalArgumentException("a plan names at least one service");
    return new CapacityModel(region, plannedByServiceArn, deployDuringPeak);
  }

  private ServiceDemand demand(
      Service s, List<Task> tasks, int desired, int planned, boolean deploying) {
    int observed = tasks.size();
    int counted = nz(s.runningCount()) + nz(s.pendingCount());
    int live = Math.max(observed, counted);
    int maxPercent = DeploymentSurge.maximumPercent(s);
    int peak = deploying ? DeploymentSurge.peakTasks(planned, maxPercent) : planned;

    Map<String, Integer> liveBySubnet = new LinkedHashMap<>();
    Map<String, Integer> peakBySubnet = new LinkedHashMap<>();
    Map<String, List<String>> azs = azsOf(s);
    if (s.awsVpc().isPresent()) {
      for (Task t : tasks) t.subnetId().ifPresent(id -> liveBySubnet.merge(id, 1, Integer::sum));
      int unobserved = live - observed;
      if (unobserved > 0)
        spread(azs, unobserved, false).forEach((k, v) -> liveBySubnet.merge(k, v, Integer::sum));
      // A service that does not grow keeps its addresses where its tasks are; rounding a balanced
      // spread up would invent new ones.
      if (peak <= live) peakBySubnet.putAll(liveBySubnet);
      else peakBySubnet.putAll(spread(azs, peak, true));
    }

    FargateShare observedPools = FargateShare.NONE;
    for (Task t : tasks) {
      FargatePool p = FargateShare.poolOf(t);
      observedPools =
          observedPools.plus(
              p == FargatePool.SPOT
                  ? new FargateShare(0, 1, 0, false)
                  : p == FargatePool.ON_DEMAND
                      ? new FargateShare(1, 0, 0, false)
                      : new FargateShare(0, 0, 1, false));
    }
    FargateShare livePools = observedPools.plus(FargateShare.of(s, live - observed));
    return new ServiceDemand(
        s,
        desired,
        planned,
        live,
        deploying,
        maxPercent,
        peak,
        vcpu(s, tasks),
        livePools,
        FargateShare.of(s, planned),
        FargateShare.of(s, peak),
        liveBySubnet,
        peakBySubnet);
  }

  /**
   * The service's subnets known to the snapshot, grouped by AZ in the order the service lists them.
   */
  private Map<String, List<String>> azsOf(Service s) {
    Map<String, List<String>> byAz = new LinkedHashMap<>();
    for (String id : s.subnets()) {
      region
          .subnet(id)
          .ifPresent(
              sub ->
                  byAz.computeIfAbsent(
                          sub.availabilityZone() == null ? sub.subnetId() : sub.availabilityZone(),
                          k -> new ArrayList<>())
                      .add(id));
    }
    return byAz;
  }

  /**
   * A balanced spread of tasks over AZs and then subnets. Rounded up it is the most any one subnet
   * may have to take; rounded down, the fewest it can be assumed to hold.
   */
  private static Map<String, Integer> spread(Map<String, List<String>> azs, int tasks, boolean up) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (azs.isEmpty() || tasks <= 0) return out;
    int perAz = divide(tasks, azs.size(), up);
    for (List<String> subnets : azs.values()) {
      int perSubnet = divide(perAz, subnets.size(), up);
      for (String id : subnets) out.merge(id, perSubnet, Integer::sum);
    }
    return out;
  }

  private static int divide(int n, int k, boolean up) {
    return up ? (n + k - 1) / k : n / k;
  }

  private Double vcpu(Service s, List<Task> tasks) {
    OptionalDouble fromDefinition =
        region
            .taskDefinition(s.taskDefinition())
            .map(TaskDefinition::cpu)
            .map(TaskSize::vcpu)
            .orElse(OptionalDouble.empty());
    if (fromDefinition.isPresent()) return fromDefinition.getAsDouble();
    for (Task t : tasks) {
      OptionalDouble fromTask = TaskSize.vcpu(t.cpu());
      if (fromTask.isPresent()) return fromTask.getAsDouble();
    }
    return null;
  }

  public String region() {
    return region.name();
  }

  /** The Region the model was built from. */
  RegionView view() {
    return region;
  }

  public List<ServiceDemand> services() {
    return List.copyOf(services);
  }

  /** Services that place tasks in subnets (awsvpc): each task is an interface and an address. */
  public List<ServiceDemand> networkedServices() {
    return services.stream().filter(s -> s.service().awsVpc().isPresent()).toList();
  }

  /** Every subnet the region's awsvpc services place tasks in, in first-seen order. */
  public List<SubnetDemand> subnets() {
    Map<String, List<SubnetDemand.Share>> shares = new LinkedHashMap<>();
    for (ServiceDemand d : networkedServices()) {
      for (Map.Entry<String, Integer> e : d.peakBySubnet().entrySet()) {
        shares
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(
                new SubnetDemand.Share(
                    d.name(), d.liveBySubnet().getOrDefault(e.getKey(), 0), e.getValue()));
      }
      for (Map.Entry<String, Integer> e : d.liveBySubnet().entrySet()) {
        if (!d.peakBySubnet().containsKey(e.getKey()) && region.subnet(e.getKey()).isPresent()) {
          shares
              .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
              .add(new SubnetDemand.Share(d.name(), e.getValue(), 0));
        }
      }
    }
    List<SubnetDemand> out = new ArrayList<>();
    shares.forEach(
        (id, list) ->
            region
                .subnet(id)
                .ifPresent(
                    sub -> out.add(new SubnetDemand(sub, sub.availableIpAddressCount(), list))));
    return out;
  }

  public EniDemand networkInterfaces() {
    return new EniDemand(
        region.ownNetworkInterfaces().size(),
        Quotas.find(
            region,
            "vpc",
            ServiceQuota.NETWORK_INTERFACES_CODE,
            ServiceQuota.NETWORK_INTERFACES_NAME),
        networkedServices());
  }

  public VcpuDemand vcpu(FargatePool pool) {
    List<ServiceDemand> fargate = services.stream().filter(ServiceDemand::runsOnFargate).toList();
    int unknown = 0;
    double fromTasks = 0;
    for (ServiceDemand d : fargate) {
      if (d.vcpuPerTask() == null) unknown += d.livePools().of(pool);
      else fromTasks += d.livePools().of(pool) * d.vcpuPerTask();
    }
    for (Task t : region.data().ecs().tasks()) {
      if (t.isStopped() || t.serviceName().isPresent() || FargateShare.poolOf(t) != pool) continue;
      OptionalDouble size = TaskSize.vcpu(t.cpu());
      if (size.isEmpty())
        size =
            region
                .taskDefinition(t.taskDefinitionArn())
                .map(TaskDefinition::cpu)
                .map(TaskSize::vcpu)
                .orElse(OptionalDouble.empty());
      if (size.isPresent()) fromTasks += size.getAsDouble();
      else unknown++;
    }
    Optional<MetricSeries> metric = usageMetric(pool);
    Optional<ServiceQuota> quota =
        Quotas.find(region, "fargate", pool.quotaCode(), pool.quotaName());
    if (metric.isPresent()) {
      MetricSeries m = metric.get();
      int last = latest(m);
      return new VcpuDemand(
          pool,
          m.values().get(last),
          "CloudWatch AWS/Usage ResourceCount ("
              + pool.usageClass()
              + ") at "
              + m.timestamps().get(last),
          quota,
          fargate,
          0);
    }
    return new VcpuDemand(
        pool,
        fromTasks,
        "sum of the task sizes of the live Fargate tasks in the snapshot's "
            + clusterCount()
            + " cluster(s); tasks of clusters not scanned are not counted",
        quota,
        fargate,
        unknown);
  }

  /**
   * The seam for Fargate's own usage metric: when the snapshot carries an AWS/Usage ResourceCount
   * series for the pool (Service=Fargate, Type=Resource, Resource=vCPU), its latest point is the
   * account-wide usage and wins over the sum of the tasks this snapshot happens to contain.
   */
  private Optional<MetricSeries> usageMetric(FargatePool pool) {
    return region.data().metrics().stream()
        .filter(m -> "AWS/Usage".equals(m.namespace()) && "ResourceCount".equals(m.metricName()))
        .filter(
            m ->
                "Fargate".equals(m.dimensions().get("Service"))
                    && "Resource".equals(m.dimensions().get("Type"))
                    && "vCPU".equals(m.dimensions().get("Resource"))
                    && pool.usageClass().equals(m.dimensions().get("Class")))
        .filter(m -> !m.values().isEmpty() && m.values().size() == m.timestamps().size())
        .findFirst();
  }

  private static int latest(MetricSeries m) {
    int best = 0;
    for (int i = 1; i < m.timestamps().size(); i++) {
      Instant t = m.timestamps().get(i);
      if (t != null && (m.timestamps().get(best) == null || t.isAfter(m.timestamps().get(best))))
        best = i;
    }
    return best;
  }

  private int clusterCount() {
    return (int)
        region.data().ecs().clusters().stream().map(c -> c.clusterArn()).distinct().count();
  }

  /** How long Fargate takes at least to launch the tasks the plan adds to a pool. */
  public LaunchEstimate launch(FargatePool pool) {
    int tasks = services.stream().mapToInt(s -> s.scaleOut(pool) + s.surge(pool)).sum();
    return new LaunchEstimate(pool, tasks);
  }

  private static String key(String clusterArn, String service) {
    return (clusterArn == null ? "" : clusterArn) + "|" + service;
  }

  private static int nz(Integer v) {
    return v == null ? 0 : v;
  }

  /** A service's share of a number of tasks in one of its subnets, spread as ECS spreads them. */
  public int peakShare(ServiceDemand d, String subnetId, int tasks) {
    return spread(azsOf(d.service()), tasks, true).getOrDefault(subnetId, 0);
  }

  /** The subnet a demand line is about, for callers that only have its id. */
  public Optional<Subnet> subnet(String id) {
    return region.subnet(id);
  }
}
