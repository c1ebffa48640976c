package dev.fargatedoctor.cli.alarms;

import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.KeyValue;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the alarms of one region are made of, read from a snapshot: the actual ENI quota, the
 * services (memory, running below desired), the clusters' Container Insights setting those alarms
 * depend on, and the roles whose trust policies the tasks rely on.
 */
record AlarmPlan(
    String accountId,
    String region,
    double eniQuota,
    String eniQuotaSource,
    List<ServiceRef> services,
    List<String> roleNames) {

  /** The EC2 API calls (as CloudTrail reports them) that move a subnet's traffic. */
  static final List<String> NETWORK_CHANGES =
      List.of(
          "CreateRoute",
          "ReplaceRoute",
          "DeleteRoute",
          "DeleteRouteTable",
          "AssociateRouteTable",
          "DisassociateRouteTable",
          "ReplaceRouteTableAssociation",
          "CreateNetworkAclEntry",
          "ReplaceNetworkAclEntry",
          "DeleteNetworkAclEntry",
          "ReplaceNetworkAclAssociation",
          "DeleteNetworkAcl",
          "CreateNatGateway",
          "DeleteNatGateway");

  /**
   * AWS's default for "Network interfaces per Region", used only when the snapshot has no quota.
   */
  static final double ENI_DEFAULT = 5000;

  record ServiceRef(String cluster, String service, String containerInsights) {
    String name() {
      return cluster + "/" + service;
    }

    boolean insightsOn() {
      return "enabled".equals(containerInsights) || "enhanced".equals(containerInsights);
    }
  }

  static AlarmPlan of(Snapshot snapshot, RegionSnapshot region) {
    Optional<ServiceQuota> quota =
        region.quotas().stream()
            .filter(
                q ->
                    "vpc".equals(q.serviceCode())
                        && (ServiceQuota.NETWORK_INTERFACES_CODE.equals(q.quotaCode())
                            || ServiceQuota.NETWORK_INTERFACES_NAME.equalsIgnoreCase(q.quotaName()))
                        && q.value() != null)
            .findFirst();
    List<ServiceRef> services = new ArrayList<>();
    TreeSet<String> roles = new TreeSet<>();
    for (Service s : region.ecs().services()) {
      if (s.status() != null && !"ACTIVE".equals(s.status())) continue;
      services.add(
          new ServiceRef(s.clusterName(), s.serviceName(), insights(region, s.clusterArn())));
      region.ecs().taskDefinitions().stream()
          .filter(td -> td.taskDefinitionArn().equals(s.taskDefinition()))
          .forEach(td -> addRoles(roles, td));
    }
    return new AlarmPlan(
        snapshot.accountId(),
        region.region(),
        quota.map(ServiceQuota::value).orElse(ENI_DEFAULT),
        quota.map(q -> q.quotaName() + ", " + q.source()).orElse("quota not readable: AWS default"),
        services,
        List.copyOf(roles));
  }

  private static void addRoles(TreeSet<String> roles, TaskDefinition td) {
    if (td.taskRoleArn() != null) roles.add(Arns.lastSegment(td.taskRoleArn()));
    if (td.executionRoleArn() != null) roles.add(Arns.lastSegment(td.executionRoleArn()));
  }

  private static String insights(RegionSnapshot region, String clusterArn) {
    return region.ecs().clusters().stream()
        .filter(c -> c.clusterArn() != null && c.clusterArn().equals(clusterArn))
        .findFirst()
        .map(Cluster::settings)
        .orElse(List.of())
        .stream()
        .filter(kv -> "containerInsights".equals(kv.name()))
        .map(KeyValue::value)
        .findFirst()
        .orElse(null);
  }

  long eniAt(double percent) {
    return (long) Math.floor(eniQuota * percent / 100);
  }
}
