package dev.fargatedoctor.check.flows;

/**
 * The published per-GB rates the flow checks price traffic with: us-east-1 list prices as AWS
 * published them in December 2026 (EC2 on-demand pricing, "Data Transfer within the same AWS
 * Region"; Amazon VPC pricing, NAT gateways and AWS PrivateLink). Other regions charge somewhat
 * more; the findings state these rates so a reader can scale them.
 */
final class Prices {
  /** When the rates below were read. */
  static final String AS_OF = "us-east-1 list prices, December 2026";

  /** Data between AZs of one region: charged on each side, out of one AZ and into the other. */
  static final double CROSS_AZ_PER_GB_EACH_WAY = 0.01;

  /** NAT gateway data processing, on every byte through it, in either direction. */
  static final double NAT_PROCESSING_PER_GB = 0.045;

  /** Interface VPC endpoint data processing (first PB a month). */
  static final double INTERFACE_ENDPOINT_PER_GB = 0.01;

  /** Interface VPC endpoint, per endpoint and AZ. */
  static final double INTERFACE_ENDPOINT_PER_AZ_HOUR = 0.01;

  /** Gateway endpoints (S3, DynamoDB) cost nothing. */
  static final double GATEWAY_ENDPOINT_PER_GB = 0.0;

  static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

  /** AWS bills a month as 730 hours. */
  static final double SECONDS_PER_MONTH = 730 * 3600.0;

  private Prices() {}

  /** Bytes seen over {@code coveredSeconds}, as GB a month at the same rate. */
  static double gbPerMonth(long bytes, long coveredSeconds) {
    if (coveredSeconds <= 0) return 0;
    return bytes / BYTES_PER_GB * (SECONDS_PER_MONTH / coveredSeconds);
  }

  static String money(double dollars) {
    return dollars >= 100 ? String.format("$%,.0f", dollars) : String.format("$%.2f", dollars);
  }

  static String gb(double gb) {
    return gb >= 100 ? String.format("%,.0f GB", gb) : String.format("%.2f GB", gb);
  }

  static String bytes(long b) {
    if (b >= BYTES_PER_GB) return String.format("%.2f GB", b / BYTES_PER_GB);
    if (b >= 1024 * 1024) return String.format("%.1f MB", b / (1024.0 * 1024));
    if (b >= 1024) return String.format("%.1f KB", b / 1024.0);
    return b + " B";
  }
}
