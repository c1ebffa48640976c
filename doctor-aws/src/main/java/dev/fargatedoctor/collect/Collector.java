package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.iam.IamData;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Collects a Snapshot from a live account (or an emulator) through the AWS SDK for Java v2, using
 * only read operations. Independent calls run on a bounded pool; every step's outcome lands in the
 * snapshot's coverage, so a denied or throttled API is visible, and the scan goes on without it. It
 * decides nothing: the checks do.
 */
public final class Collector {
  private final AwsSettings settings;
  private final Clock clock;
  private final String toolVersion;
  private final ApiCallRecorder recorder;
  private final Progress progress;
  private AwsCredentialsProvider credentials;
  private boolean adaptiveRetries;

  public Collector(
      AwsSettings settings,
      Clock clock,
      String toolVersion,
      ApiCallRecorder recorder,
      Progress progress) {
    this.settings = settings;
    this.clock = clock;
    this.toolVersion = toolVersion;
    this.recorder = recorder;
    this.progress = progress;
  }

  /**
   * Collects with these credentials (a role assumed in a member account of an organisation) and the
   * SDK's adaptive retries, which slow down when an account's API rate is shared by many calls.
   */
  public Collector signedBy(AwsCredentialsProvider provider) {
    this.credentials = provider;
    this.adaptiveRetries = true;
    return this;
  }

  public Snapshot collect() {
    List<String> regions = regions();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), daemonThreads());
    try (AwsClients clients = new AwsClients(settings, recorder, credentials, adaptiveRetries)) {
      requireCredentials(clients);
      CoverageLog log = new CoverageLog(recorder, progress);
      Ec2Collector ec2 = new Ec2Collector(log, pool);
      // A --cluster that matches nothing stops the scan here, before the rest is collected.
      var chosen =
          settings.clusters().isEmpty()
              ? java.util.Map.<String, Optional<List<dev.fargatedoctor.snapshot.ecs.Cluster>>>of()
              : new ClusterChoice(log, settings.clusters()).resolve(regions, clients);
      EcsCollector ecs = new EcsCollector(log, pool, chosen);
      QuotaCollector quotas = new QuotaCollector(log, pool);
      TrailCollector trail = new TrailCollector(log, pool);
      ElbCollector loadBalancers = new ElbCollector(log, pool);
      MetricSeriesCollector metrics =
          new MetricSeriesCollector(log, pool, settings.metricsWindow(), clock.instant());

      CompletableFuture<
              Optional<software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse>>
          identity =
              CompletableFuture.supplyAsync(
                  () ->
                      log.step(
                          Coverage.GLOBAL,
                          "sts:GetCallerIdentity",
                          null,
                          () -> clients.sts(regions.get(0)).getCallerIdentity()),
                  pool);
      Map<String, CompletableFuture<RegionSnapshot>> perRegion = new LinkedHashMap<>();
      List<CompletableFuture<EcsData>> allWorkloads = new ArrayList<>();
      for (String region : regions) {
        var network = ec2.collect(region, clients.ec2(region));
        var workloads = ecs.collect(region, clients.ecs(region));
        var limits = quotas.collect(region, clients.serviceQuotas(region));
        var changes = trail.collect(region, clients.cloudTrail(region), clock.instant());
        // Load balancers follow the services' target groups; metrics follow both.
        var elb =
            workloads.thenCompose(
                w -> loadBalancers.collect(region, clients.elb(region), w.services()));
        var series =
            workloads
                .thenCombine(
                    elb, (w, l) -> metrics.collect(region, clients.cloudWatch(region), w, l))
                .thenCompose(f -> f);
        allWorkloads.add(workloads);
        perRegion.put(
            region,
            CompletableFuture.allOf(network, workloads, limits, changes, elb, series)
                .thenApply(
                    done ->
                        new RegionSnapshot(
                            region,
                            network.join(),
                            workloads.join(),
                            limits.join(),
                            elb.join(),
                            series.join(),
                            changes.join())));
      }
      // IAM needs only the task definitions: it starts as soon as ECS is in, beside the slower EC2
      // calls.
      IamCollector iamCollector = new IamCollector(log, pool);
      CompletableFuture<IamData> iamFuture =
          CompletableFuture.allOf(allWorkloads.toArray(CompletableFuture[]::new))
              .thenCompose(
                  done ->
                      iamCollector.collect(
                          clients.iam(regions.get(0)),
                          roleRefs(allWorkloads.stream().map(CompletableFuture::join).toList())));
      CompletableFuture.allOf(perRegion.values().toArray(CompletableFuture[]::new)).join();
      List<RegionSnapshot> collected =
          perRegion.values().stream().map(CompletableFuture::join).toList();
      IamData iam = iamFuture.join();
      var caller = identity.join();
      if (!log.anythingCollected()) throw nothingCollected(log);

      Capture capture =
          new Capture(
              "fargate-doctor",
              toolVersion,
              clock.instant(),
              "live",
              caller.map(c -> c.account()).orElse(null),
              caller.map(c -> c.arn()).orElse(null),
              regions,
              settings.endpoint() == null ? null : settings.endpoint().toString());
      return new Snapshot(Snapshot.SCHEMA, capture, collected, iam, log.entries());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The regions to scan: as given, else the profile's region, else the default provider chain's.
   */
  public List<String> regions() {
    boolean endpoint = settings.endpoint() != null;
    if (!settings.regions().isEmpty()) {
      settings.regions().forEach(r -> KnownRegions.check(r, "--region", endpoint));
      return settings.regions();
    }
    String region;
    try {
      region =
          settings.profile() != null
              ? new AwsProfileRegionProvider(null, settings.profile()).getRegion().id()
              : new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (SdkClientException e) {
      throw new IllegalArgumentException(
          "no region: pass --region (or set AWS_REGION, or a region in the profile)");
    }
    KnownRegions.check(
        region,
        settings.profile() != null
            ? "the region of profile " + settings.profile()
            : "the region (AWS_REGION or the profile)",
        endpoint);
    return List.of(region);
  }

  private void requireCredentials(AwsClients clients) {
    try {
      clients.credentials().resolveCredentials();
    } catch (RuntimeException e) {
      // Providers fail with SdkClientException, service exceptions (STS, IAM Identity Center) and
      // IllegalStateException (credential_process): each becomes one line naming its fix.
      throw CredentialFailure.explain(e, settings.profile(), System.getenv());
    }
  }

  private static NothingCollectedException nothingCollected(CoverageLog log) {
    Set<String> reasons = new LinkedHashSet<>();
    log.failures().forEach(f -> reasons.add(f.message()));
    String first =
        reasons.stream().limit(3).reduce((a, b) -> a + "; " + b).orElse("no call succeeded");
    return new NothingCollectedException("nothing could be collected: " + first, null);
  }

  /** Roles of every collected task definition, and task-level overrides. */
  static Set<String> roleRefs(List<EcsData> regions) {
    Set<String> refs = new LinkedHashSet<>();
    for (EcsData ecs : regions) {
      for (TaskDefinition td : ecs.taskDefinitions()) {
        addIfPresent(refs, td.executionRoleArn());
        addIfPresent(refs, td.taskRoleArn());
      }
      for (Task t : ecs.tasks()) {
        if (t.overrides() != null) {
          addIfPresent(refs, t.overrides().executionRoleArn());
          addIfPresent(refs, t.overrides().taskRoleArn());
        }
      }
    }
    return refs;
  }

  private static void addIfPresent(Set<String> refs, String ref) {
    if (ref != null && !ref.isBlank()) refs.add(ref);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "fargate-doctor-collect-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** For callers that want to list what was gathered per region, e.g. progress summaries. */
  public static List<String> describe(Snapshot s) {
    List<String> out = new ArrayList<>();
    for (RegionSnapshot r : s.regions()) {
      out.add(
          r.region()
              + ": "
              + r.ec2().networkInterfaces().size()
              + " network interfaces, "
              + r.ecs().services().size()
              + " services, "
              + r.ecs().tasks().size()
              + " tasks");
    }
    return out;
  }
}
