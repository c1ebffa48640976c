package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one account's scan knows of one subnet: its free addresses (subnet-wide, as EC2 counts
 * them), the network interfaces it can see there by owning account, and its own services' tasks
 * there now and at their peak. In a subnet shared through AWS RAM a participant sees only its own
 * interfaces and services; the owner sees every interface but no participant's services. An
 * organisation scan keeps this, not the snapshot, to add the accounts' views up.
 *
 * @param interfacesByAccount the interfaces this scan sees in the subnet, by the account that owns
 *     them (one without an owner counted as the scanned account's)
 * @param services the scanned account's services placing tasks in the subnet
 */
public record SubnetUse(
    String account,
    String region,
    String subnetId,
    String vpcId,
    String ownerId,
    String availabilityZone,
    String cidrBlock,
    Integer freeIps,
    Instant capturedAt,
    Map<String, Integer> interfacesByAccount,
    List<ServiceTasks> services) {
  public SubnetUse {
    interfacesByAccount = java.util.Collections.unmodifiableMap(new TreeMap<>(interfacesByAccount));
    services = List.copyOf(services);
  }

  /**
   * One service's tasks in the subnet: now, and at its peak (desired at maximumPercent, spread as
   * ECS spreads them).
   */
  public record ServiceTasks(String account, String service, int live, int peak) {
    public int additional() {
      return Math.max(0, peak - live);
    }
  }

  /**
   * The subnets of a Region another account takes part in (owned by another account, or holding
   * another account's interfaces), every subnet the account's services place tasks in, and every
   * one holding its interfaces (an owner's NAT gateway in a subnet it shares): what an organisation
   * scan needs to join the accounts of a shared subnet.
   */
  public static List<SubnetUse> of(RegionView view) {
    return view.derived(Uses.class, v -> new Uses(compute(v, CapacityModel.current(v)))).all();
  }

  /** The same, with the services' tasks now and at the peak of a planned model of the Region. */
  static List<SubnetUse> of(CapacityModel model) {
    return compute(model.view(), model);
  }

  // Worked out once per Region: the check and the organisation scan both ask.
  private record Uses(List<SubnetUse> all) {}

  private static List<SubnetUse> compute(RegionView view, CapacityModel model) {
    String account = view.accountId();
    Map<String, Map<String, Integer>> interfaces = new LinkedHashMap<>();
    for (NetworkInterface n : view.data().ec2().networkInterfaces()) {
      if (n.subnetId() == null) continue;
      String owner = n.ownerId() == null ? account : n.ownerId();
      if (owner == null) continue;
      interfaces.computeIfAbsent(n.subnetId(), k -> new TreeMap<>()).merge(owner, 1, Integer::sum);
    }
    Map<String, List<ServiceTasks>> tasks = new LinkedHashMap<>();
    for (SubnetDemand d : model.subnets()) {
      List<ServiceTasks> list = new ArrayList<>();
      for (SubnetDemand.Share s : d.shares())
        list.add(new ServiceTasks(account, s.service(), s.live(), s.peak()));
      tasks.put(d.subnetId(), list);
    }
    Set<String> ids = new LinkedHashSet<>(tasks.keySet());
    for (Subnet s : view.data().ec2().subnets()) {
      Map<String, Integer> seen = interfaces.getOrDefault(s.subnetId(), Map.of());
      if (s.ownedByAnother(account) || !seen.isEmpty()) ids.add(s.subnetId());
    }
    List<SubnetUse> out = new ArrayList<>();
    for (String id : ids) {
      view.subnet(id)
          .ifPresent(
              s ->
                  out.add(
                      new SubnetUse(
                          account,
                          view.name(),
                          id,
                          s.vpcId(),
                          s.ownerId(),
                          s.availabilityZone(),
                          s.cidrBlock(),
                          s.availableIpAddressCount(),
                          view.snapshot().capture() == null
                              ? null
                              : view.snapshot().capture().capturedAt(),
                          interfaces.getOrDefault(id, Map.of()),
                          tasks.getOrDefault(id, List.of()))));
    }
    return out;
  }

  /**
   * True when another account takes part in the subnet as this scan sees it: it owns the subnet, or
   * holds interfaces in it.
   */
  public boolean shared() {
    if (ownerId != null && account != null && !ownerId.equals(account)) return true;
    return interfacesByAccount.keySet().stream().anyMatch(a -> !a.equals(account));
  }
}
