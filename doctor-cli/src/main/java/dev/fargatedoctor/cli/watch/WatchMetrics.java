package dev.fargatedoctor.cli.watch;

/**
 * The metrics {@code watch} publishes (CloudWatch, under its own namespace) and serves (Prometheus):
 * their names are a contract with the alarms {@code fargate-doctor alarms} generates.
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
}
