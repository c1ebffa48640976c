package dev.fargatedoctor.snapshot.elb;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/** Elastic Load Balancing v2: load balancers, target groups and their targets' health, in ELB's names. */
public record ElbData(List<LoadBalancer> loadBalancers, List<TargetGroup> targetGroups,
                      List<TargetHealth> targetHealth) {
  public static final ElbData EMPTY = new ElbData(null, null, null);

  public boolean isEmpty() {
    return loadBalancers.isEmpty() && targetGroups.isEmpty() && targetHealth.isEmpty();
  }

  /** Leaves an empty ElbData out of snapshot JSON, like the empty lists around it. */
  public static final class OmitWhenEmpty {
    @Override
    public boolean equals(Object other) {
      return other == null || (other instanceof ElbData e && e.isEmpty());
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  public ElbData {
    loadBalancers = Lists.of(loadBalancers);
    targetGroups = Lists.of(targetGroups);
    targetHealth = Lists.of(targetHealth);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record LoadBalancer(String loadBalancerArn, String loadBalancerName, String type, String scheme,
                             String vpcId, List<AvailabilityZone> availabilityZones) {
    public LoadBalancer {
      availabilityZones = Lists.of(availabilityZones);
    }
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record AvailabilityZone(String zoneName, String subnetId) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record TargetGroup(String targetGroupArn, String targetGroupName, String targetType, String protocol,
                            Integer port, String vpcId, List<String> loadBalancerArns) {
    public TargetGroup {
      loadBalancerArns = Lists.of(loadBalancerArns);
    }
  }

  /** One target's health in one target group (DescribeTargetHealth). */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record TargetHealth(String targetGroupArn, String targetId, Integer port, String availabilityZone,
                             String state, String reason, String description) {}
}
