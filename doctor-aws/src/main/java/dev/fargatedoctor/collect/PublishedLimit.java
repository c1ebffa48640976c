package dev.fargatedoctor.collect;

import java.util.Set;

/**
 * The request rates AWS publishes for the read calls a scan makes, each per account and Region, as
 * a token bucket (burst, then a sustained rate). The scan paces itself to half of each, leaving the
 * rest to whatever else runs in the account (consoles, deploy pipelines, other tools); the SDK's
 * adaptive retries handle what is left. Calls whose limits AWS does not publish (Organizations
 * ListAccounts, STS AssumeRole, IAM, Elastic Load Balancing, CloudWatch Logs) are not paced here:
 * they are few per account, bounded by --account-concurrency, and retried adaptively.
 */
enum PublishedLimit {
  /**
   * "Request throttling for the Amazon EC2 API" (EC2 developer guide): each API has its own bucket;
   * non-mutating (Describe*) actions hold 100 tokens and refill 20 a second.
   */
  EC2_DESCRIBE("ec2", null, true, 100, 20, 0.5),
  /**
   * "Request throttling for the Amazon ECS API" (ECS API reference): a bucket per category of
   * action; the cluster read actions (DescribeClusters, ListClusters) hold 50 and refill 20 a
   * second. Each read category the scan uses (clusters, services, tasks, task definitions) gets a
   * bucket of that size here, the resource the action names telling the categories apart.
   */
  ECS_READ("ecs", null, false, 50, 20, 0.5),
  /**
   * CloudTrail API reference, LookupEvents: "limited to two per second, per account, per Region".
   * Paced at the full rate: a scan's lookups (one per network-change event name) run one after
   * another in each Region, and at half the rate a Region would take twice as long for them.
   */
  CLOUDTRAIL_LOOKUP("cloudtrail", Set.of("LookupEvents"), true, 2, 2, 1.0),
  /** CloudWatch service quotas: GetMetricData, 50 transactions per second per Region. */
  CLOUDWATCH_METRIC_DATA("cloudwatch", Set.of("GetMetricData"), true, 50, 50, 0.5),
  /**
   * "Service quotas for Service Quotas": GetServiceQuota and GetAWSDefaultServiceQuota 5 requests a
   * second plus 5 in one burst.
   */
  SERVICE_QUOTAS_GET(
      "servicequotas", Set.of("GetServiceQuota", "GetAWSDefaultServiceQuota"), true, 10, 5, 0.5),
  /**
   * The same page: ListServiceQuotas and ListAWSDefaultServiceQuotas 10 requests a second plus 10
   * in one burst.
   */
  SERVICE_QUOTAS_LIST(
      "servicequotas",
      Set.of("ListServiceQuotas", "ListAWSDefaultServiceQuotas"),
      true,
      20,
      10,
      0.5);

  private final String service;
  private final Set<String> operations;
  private final boolean perOperation;
  private final int publishedBurst;
  private final int publishedPerSecond;
  private final double share;

  PublishedLimit(
      String service,
      Set<String> operations,
      boolean perOperation,
      int publishedBurst,
      int publishedPerSecond,
      double share) {
    this.service = service;
    this.operations = operations;
    this.perOperation = perOperation;
    this.publishedBurst = publishedBurst;
    this.publishedPerSecond = publishedPerSecond;
    this.share = share;
  }

  /** The limit an operation falls under ({@code ec2}, {@code DescribeSubnets}), or null. */
  static PublishedLimit of(String service, String operation) {
    for (PublishedLimit limit : values()) {
      if (!limit.service.equals(service)) continue;
      boolean matches =
          limit.operations != null
              ? limit.operations.contains(operation)
              : operation.startsWith("Describe") || operation.startsWith("List");
      if (matches) return limit;
    }
    return null;
  }

  /** The bucket an operation draws from: its own where AWS counts each API apart. */
  String bucket(String operation) {
    if (perOperation) return service + ":" + operation;
    // DescribeServices and ListServices read the same category: "Service"
    String resource = operation.replaceFirst("^(Describe|List)", "");
    return service
        + ":"
        + (resource.endsWith("s") ? resource.substring(0, resource.length() - 1) : resource);
  }

  double burst() {
    return Math.max(1, publishedBurst * share);
  }

  double perSecond() {
    return publishedPerSecond * share;
  }
}
