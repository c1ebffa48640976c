package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.check.network.Cidr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One subnet as every scanned account sees it, added up: the owner and the accounts using it, each
 * account's interfaces (the most any view counts: the owner sees participants' interfaces too),
 * every account's services at their peak, and the addresses held by accounts whose services no scan
 * saw. With one view it is what a single-account scan knows.
 */
public record SharedSubnet(String region, String subnetId, List<SubnetUse> views) {
  /** AWS keeps the first four addresses and the last of every subnet. */
  static final int RESERVED_PER_SUBNET = 5;

  /**
   * The surge that bounds what unseen accounts may add: every address they hold a task deploying at
   * the ECS default maximumPercent.
   */
  static final int UNSEEN_MAXIMUM_PERCENT = DeploymentSurge.DEFAULT_MAXIMUM_PERCENT;

  public SharedSubnet {
    views = views.stream().sorted(Comparator.comparing(SubnetUse::account)).toList();
    if (views.isEmpty()) throw new IllegalArgumentException("a subnet seen by no account");
  }

  /**
   * Every subnet seen by the given accounts, joined by Region and subnet id (ids are unique across
   * accounts), in order of Region and id.
   */
  public static List<SharedSubnet> join(Collection<SubnetUse> uses) {
    Map<String, List<SubnetUse>> byKey = new TreeMap<>();
    for (SubnetUse u : uses)
      byKey.computeIfAbsent(u.region() + "|" + u.subnetId(), k -> new ArrayList<>()).add(u);
    List<SharedSubnet> out = new ArrayList<>();
    byKey
        .values()
        .forEach(v -> out.add(new SharedSubnet(v.get(0).region(), v.get(0).subnetId(), v)));
    return out;
  }

  /**
   * The subnets more than one of the given accounts' scans see: those whose views an organisation
   * joins (one view alone is what a single-account scan already judged).
   */
  public static List<SharedSubnet> joinedAcrossScans(Collection<SubnetUse> uses) {
    return join(uses).stream().filter(s -> s.views().size() > 1).toList();
  }

  /** True when more than one account takes part, as far as any scan can tell. */
  public boolean shared() {
    return views.size() > 1 || views.stream().anyMatch(SubnetUse::shared);
  }

  /** The owning account, when some view names it. */
  public String owner() {
    return views.stream().map(SubnetUse::ownerId).filter(Objects::nonNull).findFirst().orElse(null);
  }

  public String availabilityZone() {
    return first(SubnetUse::availabilityZone);
  }

  public String cidrBlock() {
    return first(SubnetUse::cidrBlock);
  }

  public String vpcId() {
    return first(SubnetUse::vpcId);
  }

  private String first(java.util.function.Function<SubnetUse, String> field) {
    return views.stream().map(field).filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** The accounts whose own scan is among the views: their services are known. */
  public Set<String> scanned() {
    Set<String> out = new TreeSet<>();
    views.forEach(v -> out.add(v.account()));
    return out;
  }

  /**
   * Interfaces per owning account: the most any view saw, since a participant sees all of its own
   * and the owner sees everyone's.
   */
  public Map<String, Integer> interfacesByAccount() {
    Map<String, Integer> out = new TreeMap<>();
    for (SubnetUse v : views) v.interfacesByAccount().forEach((a, n) -> out.merge(a, n, Math::max));
    return out;
  }

  /** Accounts known to use the subnet (holding interfaces or placing services there). */
  public Set<String> users() {
    Set<String> out = new TreeSet<>(interfacesByAccount().keySet());
    views.forEach(v -> v.services().forEach(s -> out.add(s.account())));
    return out;
  }

  public List<SubnetUse.ServiceTasks> services() {
    return views.stream().flatMap(v -> v.services().stream()).toList();
  }

  /**
   * Free addresses: the latest view's (they all read the same subnet-wide count), the fewest when
   * views were taken at the same time; null when no view has it.
   */
  public Integer freeIps() {
    return views.stream()
        .filter(v -> v.freeIps() != null)
        .max(
            Comparator.comparing(
                    (SubnetUse v) -> v.capturedAt() == null ? Instant.MIN : v.capturedAt())
                .thenComparing(v -> -v.freeIps()))
        .map(SubnetUse::freeIps)
        .orElse(null);
  }

  /** New addresses every scanned account's services take at their peak. */
  public int additional() {
    return services().stream().mapToInt(SubnetUse.ServiceTasks::additional).sum();
  }

  /** Free addresses left at the peak, or null when the free count is not known. */
  public Integer margin() {
    Integer free = freeIps();
    return free == null ? null : free - additional();
  }

  /** Addresses in use: the subnet's usable addresses less the free ones; null when unknown. */
  public Integer inUse() {
    Integer free = freeIps();
    var cidr = Cidr.tryParse(cidrBlock());
    if (free == null || cidr.isEmpty()) return null;
    long usable = (1L << (32 - cidr.get().prefix())) - RESERVED_PER_SUBNET;
    return (int) Math.max(0, usable - free);
  }

  /**
   * Addresses in use that no scanned account's interfaces explain: held by accounts whose services
   * no scan saw (or by secondary addresses). Null when the addresses in use are not known.
   */
  public Integer unseen() {
    Integer used = inUse();
    if (used == null) return null;
    Set<String> scanned = scanned();
    int explained =
        interfacesByAccount().entrySet().stream()
            .filter(e -> scanned.contains(e.getKey()))
            .mapToInt(Map.Entry::getValue)
            .sum();
    return Math.max(0, used - explained);
  }

  /**
   * Accounts known to hold addresses here (or own the subnet) whose own scan is not among these.
   */
  public Set<String> unscanned() {
    Set<String> out = new TreeSet<>(users());
    if (owner() != null) out.add(owner());
    out.removeAll(scanned());
    return out;
  }

  /** The most the unseen addresses could add at their peak: each one a task deploying at 200 %. */
  public int unseenSurge() {
    Integer u = unseen();
    return u == null ? 0 : DeploymentSurge.peakTasks(u, UNSEEN_MAXIMUM_PERCENT) - u;
  }

  /** The view of one account, if it is among these. */
  public java.util.Optional<SubnetUse> viewOf(String account) {
    return views.stream().filter(v -> v.account().equals(account)).findFirst();
  }

  /** Tasks now and at the peak per account, for the report. */
  public Map<String, int[]> tasksByAccount() {
    Map<String, int[]> out = new LinkedHashMap<>();
    for (SubnetUse.ServiceTasks s : services()) {
      int[] t = out.computeIfAbsent(s.account(), k -> new int[2]);
      t[0] += s.live();
      t[1] += s.peak();
    }
    return out;
  }
}
