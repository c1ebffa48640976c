package dev.fargatedoctor.snapshot;

import dev.fargatedoctor.snapshot.ec2.Ec2Data;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import java.util.List;

/** One region of a scan: its network, its ECS workloads and its quotas. */
public record RegionSnapshot(String region, Ec2Data ec2, EcsData ecs, List<ServiceQuota> quotas) {
  public RegionSnapshot {
    ec2 = ec2 == null ? Ec2Data.EMPTY : ec2;
    ecs = ecs == null ? EcsData.EMPTY : ecs;
    quotas = Lists.of(quotas);
  }
}
