package dev.fargatedoctor.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fargatedoctor.snapshot.ec2.Ec2Data;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.elb.ElbData;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import dev.fargatedoctor.snapshot.trail.CloudTrailEvent;
import java.util.List;

/**
 * One region of a scan: its network, its ECS workloads and its quotas, the load balancers in front
 * of the services, the metric series trend checks read, recent CloudTrail changes, and, when flow
 * logs were read, what they showed.
 */
public record RegionSnapshot(
    String region,
    Ec2Data ec2,
    EcsData ecs,
    List<ServiceQuota> quotas,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ElbData.OmitWhenEmpty.class)
        ElbData elb,
    List<MetricSeries> metrics,
    List<CloudTrailEvent> cloudTrail,
    @JsonInclude(JsonInclude.Include.NON_NULL) FlowSummary flows) {
  public RegionSnapshot {
    ec2 = ec2 == null ? Ec2Data.EMPTY : ec2;
    ecs = ecs == null ? EcsData.EMPTY : ecs;
    quotas = Lists.of(quotas);
    elb = elb == null ? ElbData.EMPTY : elb;
    metrics = Lists.of(metrics);
    cloudTrail = Lists.of(cloudTrail);
  }

  public RegionSnapshot(String region, Ec2Data ec2, EcsData ecs, List<ServiceQuota> quotas) {
    this(region, ec2, ecs, quotas, null, null, null, null);
  }

  /** Without flow records: every scan that did not read flow logs. */
  public RegionSnapshot(
      String region,
      Ec2Data ec2,
      EcsData ecs,
      List<ServiceQuota> quotas,
      ElbData elb,
      List<MetricSeries> metrics,
      List<CloudTrailEvent> cloudTrail) {
    this(region, ec2, ecs, quotas, elb, metrics, cloudTrail, null);
  }

  /** The same region with what its flow logs showed. */
  public RegionSnapshot withFlows(FlowSummary summary) {
    return new RegionSnapshot(region, ec2, ecs, quotas, elb, metrics, cloudTrail, summary);
  }
}
