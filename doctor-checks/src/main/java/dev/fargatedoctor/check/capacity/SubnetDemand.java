package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.snapshot.ec2.Subnet;
import java.util.List;

/**
 * The IP addresses a task subnet must give at the tasks' peak: for each service placed there, its
 * share of the peak minus the tasks that already hold an address there. Several services may share
 * a subnet; their shares add up.
 *
 * @param freeIps AvailableIpAddressCount as EC2 reported it, or null when EC2 did not say
 */
record SubnetDemand(Subnet subnet, Integer freeIps, List<Share> shares) {
  public SubnetDemand {
    shares = List.copyOf(shares);
  }

  /** One service's part: tasks it has in the subnet now, and at its peak. */
  public record Share(String service, int live, int peak) {
    public int additional() {
      return Math.max(0, peak - live);
    }
  }

  public String subnetId() {
    return subnet.subnetId();
  }

  public String availabilityZone() {
    return subnet.availabilityZone();
  }

  /** New addresses the peak takes from this subnet. */
  public int additional() {
    return shares.stream().mapToInt(Share::additional).sum();
  }

  /** Free addresses left at the peak (negative: tasks that cannot start), or null when unknown. */
  public Integer margin() {
    return freeIps == null ? null : freeIps - additional();
  }
}
