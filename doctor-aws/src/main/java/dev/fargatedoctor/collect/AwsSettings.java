package dev.fargatedoctor.collect;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Everything that shapes how the collector talks to AWS, in one place: the one settings object
 * every client is built from.
 *
 * @param profile named profile of the shared config/credentials files, or null for the default
 *     chain
 * @param regions regions to scan; empty means the profile's or environment's region
 * @param endpoint one endpoint override for every service (LocalStack, moto), or null
 * @param clusters cluster names or ARNs to scan; empty means all
 * @param concurrency bound on concurrent API calls
 * @param maxAttempts attempts per call in standard retry mode, first included
 * @param apiCallTimeout limit for one call including its retries
 * @param attemptTimeout limit for one HTTP attempt
 * @param metricsWindow how far back metric series (memory trends, load balancer metrics) are read
 * @param roleAccount the account every client works in through {@code role}, or null for the
 *     caller's own
 * @param role the role assumed in {@code roleAccount} with the caller's credentials, or null
 */
public record AwsSettings(
    String profile,
    List<String> regions,
    URI endpoint,
    List<String> clusters,
    int concurrency,
    int maxAttempts,
    Duration apiCallTimeout,
    Duration attemptTimeout,
    Duration metricsWindow,
    String roleAccount,
    AccountRole role) {
  public static final Duration DEFAULT_METRICS_WINDOW = Duration.ofHours(6);

  /**
   * One call, its retries included (--api-timeout): room for a retry after an attempt that ran out.
   */
  public static final String DEFAULT_API_TIMEOUT = "10m";

  /**
   * One HTTP attempt (--api-attempt-timeout). A single page of 10,000 network interfaces (moto
   * ignores MaxResults) took up to 143 s on two cores at load 27 (bench/timeouts): twice that, so a
   * big answer on a busy machine is read, not UNKNOWN. A healthy AWS endpoint answers a page of
   * 1,000 in well under a second; the limit only matters when an endpoint is slow.
   */
  public static final String DEFAULT_ATTEMPT_TIMEOUT = "5m";

  public AwsSettings {
    regions = regions == null ? List.of() : List.copyOf(regions);
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
    metricsWindow = metricsWindow == null ? DEFAULT_METRICS_WINDOW : metricsWindow;
  }

  public AwsSettings(
      String profile,
      List<String> regions,
      URI endpoint,
      List<String> clusters,
      int concurrency,
      int maxAttempts,
      Duration apiCallTimeout,
      Duration attemptTimeout) {
    this(
        profile,
        regions,
        endpoint,
        clusters,
        concurrency,
        maxAttempts,
        apiCallTimeout,
        attemptTimeout,
        null,
        null,
        null);
  }

  public static AwsSettings defaults() {
    // DEFAULT_API_TIMEOUT and DEFAULT_ATTEMPT_TIMEOUT, measured in bench/timeouts
    return new AwsSettings(
        null, List.of(), null, List.of(), 8, 3, Duration.ofMinutes(10), Duration.ofMinutes(5));
  }

  public AwsSettings withMetricsWindow(Duration window) {
    return new AwsSettings(
        profile,
        regions,
        endpoint,
        clusters,
        concurrency,
        maxAttempts,
        apiCallTimeout,
        attemptTimeout,
        window,
        roleAccount,
        role);
  }

  public AwsSettings withProfile(String p) {
    return new AwsSettings(
        p,
        regions,
        endpoint,
        clusters,
        concurrency,
        maxAttempts,
        apiCallTimeout,
        attemptTimeout,
        metricsWindow,
        roleAccount,
        role);
  }

  public AwsSettings withRegions(List<String> r) {
    return new AwsSettings(
        profile,
        r,
        endpoint,
        clusters,
        concurrency,
        maxAttempts,
        apiCallTimeout,
        attemptTimeout,
        metricsWindow,
        roleAccount,
        role);
  }

  public AwsSettings withEndpoint(URI e) {
    return new AwsSettings(
        profile,
        regions,
        e,
        clusters,
        concurrency,
        maxAttempts,
        apiCallTimeout,
        attemptTimeout,
        metricsWindow,
        roleAccount,
        role);
  }

  public AwsSettings withClusters(List<String> c) {
    return new AwsSettings(
        profile,
        regions,
        endpoint,
        c,
        concurrency,
        maxAttempts,
        apiCallTimeout,
        attemptTimeout,
        metricsWindow,
        roleAccount,
        role);
  }

  public AwsSettings withMaxAttempts(int attempts) {
    return new AwsSettings(
        profile,
        regions,
        endpoint,
        clusters,
        concurrency,
        attempts,
        apiCallTimeout,
        attemptTimeout,
        metricsWindow,
        roleAccount,
        role);
  }

  public AwsSettings withTimeouts(Duration call, Duration attempt) {
    return new AwsSettings(
        profile,
        regions,
        endpoint,
        clusters,
        concurrency,
        maxAttempts,
        call,
        attempt,
        metricsWindow,
        roleAccount,
        role);
  }

  /**
   * Every client built from these settings works in {@code account} through {@code role}, assumed
   * with the credentials the settings would otherwise use (the profile's or the default chain's).
   */
  public AwsSettings withAssumedRole(String account, AccountRole r) {
    return new AwsSettings(
        profile,
        regions,
        endpoint,
        clusters,
        concurrency,
        maxAttempts,
        apiCallTimeout,
        attemptTimeout,
        metricsWindow,
        account,
        r);
  }
}
