package dev.fargatedoctor.cli.watch;

import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.publish.MetricDatum;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The metrics {@code watch} publishes (CloudWatch, under its own namespace) and serves
 * (Prometheus): network interfaces in use, the quota and utilisation per region and per VPC (the
 * quota is per Region: a VPC's utilisation is its share of it), free IPs per task subnet, and
 * findings by severity. The names are a contract with the alarms {@code fargate-doctor alarms}
 * generates.
 */
public final class WatchMetrics {
  public static final String NAMESPACE = "FargateDoctor";
  public static final String ENIS_IN_USE = "NetworkInterfacesInUse";
  public static final String ENI_QUOTA = "NetworkInterfacesQuota";
  public static final String ENI_UTILIZATION = "NetworkInterfaceUtilization";
  public static final String SUBNET_FREE_IPS = "SubnetAvailableIpAddresses";
  public static final String FINDINGS = "Findings";

  public static final String REGION = "Region";
  public static final String VPC = "VpcId";
  public static final String SUBNET = "SubnetId";
  public static final String SEVERITY = "Severity";

  private WatchMetrics() {}

  public static List<MetricDatum> of(Snapshot snapshot, Diagnosis diagnosis) {
    List<MetricDatum> out = new ArrayList<>();
    for (RegionSnapshot region : snapshot.regions()) {
      String r = region.region();
      List<NetworkInterface> enis = region.ec2().networkInterfaces();
      Optional<Double> quota =
          region.quotas().stream()
              .filter(
                  q ->
                      "vpc".equals(q.serviceCode())
                          && ServiceQuota.NETWORK_INTERFACES_CODE.equals(q.quotaCode()))
              .map(ServiceQuota::value)
              .filter(v -> v != null && v > 0)
              .findFirst();
      out.add(new MetricDatum(r, ENIS_IN_USE, Map.of(REGION, r), enis.size(), "Count"));
      quota.ifPresent(
          q -> {
            out.add(new MetricDatum(r, ENI_QUOTA, Map.of(REGION, r), q, "Count"));
            out.add(
                new MetricDatum(
                    r, ENI_UTILIZATION, Map.of(REGION, r), percent(enis.size(), q), "Percent"));
          });
      Map<String, Integer> byVpc = new TreeMap<>();
      for (NetworkInterface e : enis)
        if (e.vpcId() != null) byVpc.merge(e.vpcId(), 1, Integer::sum);
      byVpc.forEach(
          (vpc, n) -> {
            out.add(new MetricDatum(r, ENIS_IN_USE, Map.of(VPC, vpc), n, "Count"));
            quota.ifPresent(
                q ->
                    out.add(
                        new MetricDatum(
                            r, ENI_UTILIZATION, Map.of(VPC, vpc), percent(n, q), "Percent")));
          });
      RegionView view = new RegionView(snapshot, region);
      for (String id : new java.util.TreeSet<>(view.servicesBySubnet().keySet())) {
        view.subnet(id)
            .map(Subnet::availableIpAddressCount)
            .ifPresent(
                free ->
                    out.add(
                        new MetricDatum(r, SUBNET_FREE_IPS, Map.of(SUBNET, id), free, "Count")));
      }
      Map<Severity, Integer> bySeverity = new TreeMap<>();
      for (Severity s : Severity.values()) bySeverity.put(s, 0);
      for (Finding f : diagnosis.findings()) {
        if (f.status().isProblem() && r.equals(f.region()))
          bySeverity.merge(f.severity(), 1, Integer::sum);
      }
      bySeverity.forEach(
          (s, n) ->
              out.add(
                  new MetricDatum(r, FINDINGS, Map.of(REGION, r, SEVERITY, s.name()), n, "Count")));
    }
    return out;
  }

  private static double percent(int n, double quota) {
    return Math.round(1000.0 * n / quota) / 10.0;
  }
}
