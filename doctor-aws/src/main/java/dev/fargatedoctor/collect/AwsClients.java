package dev.fargatedoctor.collect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place that builds SDK clients, all from one {@link AwsSettings}: credentials, endpoint
 * override, standard retry mode, call and attempt timeouts, one shared HTTP client, and the
 * recorder that sees every call. Clients are built once per region, reused, and closed together.
 */
public final class AwsClients implements AutoCloseable {
  private final AwsSettings settings;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final ApiCallRecorder recorder;
  private final boolean adaptiveRetries;
  private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();
  // one account's calls, paced to AWS's published rates per Region and API family
  private final ApiPacing pacing = new ApiPacing();

  static {
    // The SDK's own clients (behind assume-role, web identity, IAM Identity Center) are built
    // through this service, so they use the same proxies and CA bundle. Read once per JVM.
    String property = SdkSystemSetting.SYNC_HTTP_SERVICE_IMPL.property();
    if (System.getProperty(property) == null) {
      System.setProperty(property, ConfiguredHttpService.class.getName());
    }
  }

  /**
   * Every credential source of the SDK's default chain (environment, web identity, the shared files
   * with IAM Identity Center, assume-role and credential_process, container and instance
   * credentials), or one named profile of the shared files.
   */
  public AwsClients(AwsSettings settings, ApiCallRecorder recorder) {
    this(settings, recorder, null, false);
  }

  /**
   * Clients signed by the given credentials (a role assumed in a member account) instead of the
   * profile's or the default chain's; adaptive retries pace an account that many scans share.
   */
  public AwsClients(
      AwsSettings settings,
      ApiCallRecorder recorder,
      AwsCredentialsProvider credentials,
      boolean adaptiveRetries) {
    this.settings = settings;
    this.recorder = recorder;
    this.adaptiveRetries = adaptiveRetries;
    if (settings.profile() != null) AwsProfiles.requireExists(settings.profile(), "--profile");
    // The SDK's own STS client for web identity takes its region from the environment, else calls
    // the global endpoint: --region counts too, as in the aws CLI.
    if (!settings.regions().isEmpty() && SdkSystemSetting.AWS_REGION.getStringValue().isEmpty()) {
      System.setProperty(SdkSystemSetting.AWS_REGION.property(), settings.regions().get(0));
    }
    AwsCredentialsProvider own =
        settings.profile() == null
            ? DefaultCredentialsProvider.builder().build()
            : ProfileCredentialsProvider.create(settings.profile());
    // The socket's read timeout (30 s by default) would cut a big page short before the attempt
    // timeout could: a 10,000-interface answer can take longer than that to start on a busy
    // endpoint. The attempt timeout alone decides.
    this.http =
        CorporateNetwork.from(System.getenv(), settings.profile())
            .install()
            .httpClient()
            .maxConnections(Math.max(16, settings.concurrency() * 2))
            .socketTimeout(settings.attemptTimeout())
            .build();
    this.credentials =
        credentials != null
            ? credentials
            : settings.role() == null ? own : assumed(own, settings.roleAccount());
  }

  // --account: the caller's own credentials sign AssumeRole; what they get signs everything else.
  private AwsCredentialsProvider assumed(AwsCredentialsProvider own, String account) {
    String region = homeRegion();
    StsClient sts =
        client(
            "sts-own/" + region,
            () -> configure(StsClient.builder(), Region.of(region), own).build());
    var provider = settings.role().credentials(sts, account, region);
    clients.put("assumed-role", provider);
    return provider;
  }

  /** The first Region given, else the profile's or the environment's, else us-east-1. */
  public String homeRegion() {
    if (!settings.regions().isEmpty()) return settings.regions().get(0);
    try {
      return settings.profile() != null
          ? new software.amazon.awssdk.regions.providers.AwsProfileRegionProvider(
                  null, settings.profile())
              .getRegion()
              .id()
          : new software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain()
              .getRegion()
              .id();
    } catch (software.amazon.awssdk.core.exception.SdkClientException noRegion) {
      return "us-east-1";
    }
  }

  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  /** The one HTTP client every SDK client here shares (for calls without an SDK module). */
  public SdkHttpClient http() {
    return http;
  }

  public AwsSettings settings() {
    return settings;
  }

  public Ec2Client ec2(String region) {
    return client("ec2/" + region, () -> configure(Ec2Client.builder(), Region.of(region)).build());
  }

  public EcsClient ecs(String region) {
    return client("ecs/" + region, () -> configure(EcsClient.builder(), Region.of(region)).build());
  }

  public ElasticLoadBalancingV2Client elb(String region) {
    return client(
        "elbv2/" + region,
        () -> configure(ElasticLoadBalancingV2Client.builder(), Region.of(region)).build());
  }

  /** GetMetricData for the scan; PutMetricData for watch when it publishes (its one write). */
  public CloudWatchClient cloudWatch(String region) {
    return client(
        "cloudwatch/" + region,
        () -> configure(CloudWatchClient.builder(), Region.of(region)).build());
  }

  /** FilterLogEvents over flow logs delivered to CloudWatch Logs. */
  public CloudWatchLogsClient logs(String region) {
    return client(
        "logs/" + region,
        () -> configure(CloudWatchLogsClient.builder(), Region.of(region)).build());
  }

  /** Athena, for flow-log analyses too big for one machine (opt-in: it writes query results). */
  public AthenaClient athena(String region) {
    return client(
        "athena/" + region, () -> configure(AthenaClient.builder(), Region.of(region)).build());
  }

  public ServiceQuotasClient serviceQuotas(String region) {
    return client(
        "sq/" + region, () -> configure(ServiceQuotasClient.builder(), Region.of(region)).build());
  }

  public CloudTrailClient cloudTrail(String region) {
    return client(
        "cloudtrail/" + region,
        () -> configure(CloudTrailClient.builder(), Region.of(region)).build());
  }

  /**
   * Flow-log objects (ListObjectsV2, GetObject) and the opt-in writes (scan --report-s3, watch
   * --state-s3). Path-style addressing when an endpoint is given (moto, LocalStack); a bucket may
   * live in another region than the scan's.
   */
  public S3Client s3(String region) {
    return client(
        "s3/" + region,
        () ->
            configure(S3Client.builder(), Region.of(region))
                .forcePathStyle(settings.endpoint() != null)
                .crossRegionAccessEnabled(true)
                .build());
  }

  /** SNS Publish for watch --notify sns:ARN, an opt-in write; the topic's region. */
  public software.amazon.awssdk.services.sns.SnsClient sns(String region) {
    return client(
        "sns/" + region,
        () ->
            configure(software.amazon.awssdk.services.sns.SnsClient.builder(), Region.of(region))
                .build());
  }

  public StsClient sts(String region) {
    return client("sts/" + region, () -> configure(StsClient.builder(), Region.of(region)).build());
  }

  /** IAM is global; its signing region follows the partition of the first scanned region. */
  public IamClient iam(String anyRegion) {
    Region region =
        settings.endpoint() != null
            ? Region.of(anyRegion)
            : anyRegion.startsWith("cn-")
                ? Region.AWS_CN_GLOBAL
                : anyRegion.startsWith("us-gov-") ? Region.AWS_US_GOV_GLOBAL : Region.AWS_GLOBAL;
    return client("iam", () -> configure(IamClient.builder(), region).build());
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region) {
    return configure(builder, region, credentials);
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, Region region, AwsCredentialsProvider signer) {
    builder
        .region(region)
        .credentialsProvider(signer)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy())
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .addExecutionInterceptor(recorder)
                .addExecutionInterceptor(pacing)
                .addExecutionInterceptor(new EndpointNotFound())
                .build());
    if (settings.endpoint() != null) builder.endpointOverride(settings.endpoint());
    if (builder
        instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
      sync.httpClient(http);
    }
    return builder;
  }

  private software.amazon.awssdk.retries.api.RetryStrategy retryStrategy() {
    return adaptiveRetries
        ? AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
            .maxAttempts(settings.maxAttempts())
            .build()
        : AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(settings.maxAttempts())
            .build();
  }

  @SuppressWarnings("unchecked")
  private <T extends AutoCloseable> T client(String key, java.util.function.Supplier<T> factory) {
    return (T) clients.computeIfAbsent(key, k -> factory.get());
  }

  @Override
  public void close() {
    clients
        .values()
        .forEach(
            c -> {
              try {
                c.close();
              } catch (Exception ignored) {
                // closing is best effort: the scan's result is already complete
              }
            });
    http.close();
  }
}
