package dev.fargatedoctor.snapshot.elb;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;
import java.util.Optional;

/**
 * Elastic Load Balancing v2: the load balancers and target groups in front of the scanned services,
 * and their targets' health, in ELB's own names so {@code aws elbv2 ... --output json} binds
 * directly.
 */
public record ElbData(
    List<LoadBalancer> loadBalancers,
    List<TargetGroup> targetGroups,
    List<TargetHealthDescription> targetHealth) {
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

  public Optional<TargetGroup> targetGroup(String arn) {
    return targetGroups.stream()
        .filter(t -> t.targetGroupArn() != null && t.targetGroupArn().equals(arn))
        .findFirst();
  }

  public Optional<LoadBalancer> loadBalancer(String arn) {
    return loadBalancers.stream()
        .filter(l -> l.loadBalancerArn() != null && l.loadBalancerArn().equals(arn))
        .findFirst();
  }

  /** The health of every target of one target group. */
  public List<TargetHealthDescription> targetsOf(String targetGroupArn) {
    return targetHealth.stream().filter(t -> targetGroupArn.equals(t.targetGroupArn())).toList();
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record LoadBalancer(
      String loadBalancerArn,
      String loadBalancerName,
      String type,
      String scheme,
      String vpcId,
      List<AvailabilityZone> availabilityZones) {
    public LoadBalancer {
      availabilityZones = Lists.of(availabilityZones);
    }

    /**
     * The value of CloudWatch's LoadBalancer dimension: the ARN's tail after "loadbalancer/"
     * ({@code app/web/50dc6c495c0c9188}), or null when the ARN is not an ELBv2 one.
     */
    public String metricDimension() {
      if (loadBalancerArn == null) return null;
      int i = loadBalancerArn.indexOf(":loadbalancer/");
      return i < 0 ? null : loadBalancerArn.substring(i + ":loadbalancer/".length());
    }
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record AvailabilityZone(String zoneName, String subnetId) {}

  /**
   * A target group with its health check settings (what an unhealthy target is measured against).
   */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record TargetGroup(
      String targetGroupArn,
      String targetGroupName,
      String targetType,
      String protocol,
      Integer port,
      String vpcId,
      List<String> loadBalancerArns,
      String healthCheckProtocol,
      String healthCheckPort,
      String healthCheckPath,
      Integer healthCheckIntervalSeconds,
      Integer healthCheckTimeoutSeconds,
      Integer healthyThresholdCount,
      Integer unhealthyThresholdCount,
      Matcher matcher) {
    public TargetGroup {
      loadBalancerArns = Lists.of(loadBalancerArns);
    }
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Matcher(String httpCode, String grpcCode) {}

  /**
   * One target's health (DescribeTargetHealth's TargetHealthDescriptions entry), with the target
   * group it belongs to, which the API leaves out because the caller named it.
   */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record TargetHealthDescription(
      String targetGroupArn, Target target, String healthCheckPort, TargetHealth targetHealth) {
    public String state() {
      return targetHealth == null ? null : targetHealth.state();
    }
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Target(String id, Integer port, String availabilityZone) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record TargetHealth(String state, String reason, String description) {}
}
