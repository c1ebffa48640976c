package dev.fargatedoctor.collect.org;

import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.collect.AwsClients;
import dev.fargatedoctor.collect.AwsSettings;
import dev.fargatedoctor.collect.Collector;
import dev.fargatedoctor.collect.Failures;
import dev.fargatedoctor.collect.MemberAccount;
import dev.fargatedoctor.collect.NothingCollectedException;
import dev.fargatedoctor.collect.Progress;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Snapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Scans many accounts: the caller's own with its own credentials, every other one through the role
 * assumed in it. Accounts are collected a bounded number at a time, each by its own {@link
 * Collector} (bounded per account too, with adaptive retries), and handed to the caller one by one
 * as they finish, so nothing holds every account's snapshot at once. An account whose role cannot
 * be assumed, or a Region not enabled in it, is a gap of that account, and the rest goes on.
 */
public final class OrgCollector {
  private final AwsSettings settings;
  private final OrgSettings org;
  private final Clock clock;
  private final String toolVersion;
  private final ApiCallRecorder recorder;

  public OrgCollector(
      AwsSettings settings,
      OrgSettings org,
      Clock clock,
      String toolVersion,
      ApiCallRecorder recorder) {
    this.settings = settings;
    this.org = org;
    this.clock = clock;
    this.toolVersion = toolVersion;
    this.recorder = recorder;
  }

  /** The caller's account and, when asked, the organisation's active accounts. */
  public record Caller(String account, List<Account> organisation) {}

  /** Who is calling, and the organisation's ACTIVE accounts when {@code listOrganisation}. */
  public Caller caller(boolean listOrganisation) {
    try (AwsClients base = new AwsClients(settings, recorder)) {
      String account = MemberAccount.caller(base, homeRegion());
      if (!listOrganisation) return new Caller(account, List.of());
      try {
        return new Caller(
            account,
            new OrganizationAccounts(base.http(), base.credentials(), settings.endpoint(), recorder)
                .active());
      } catch (RuntimeException e) {
        throw new NothingCollectedException("nothing could be collected: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Collects every account, {@link OrgSettings#accountConcurrency()} at a time; {@code each} is
   * called once per account, from the collecting threads, one call at a time.
   */
  public void collect(String callerAccount, List<Account> accounts, Consumer<AccountOutcome> each) {
    ExecutorService pool = Executors.newFixedThreadPool(org.accountConcurrency(), daemonThreads());
    try (AwsClients base = new AwsClients(settings, recorder)) {
      List<Future<?>> running = new ArrayList<>();
      for (Account account : accounts) {
        running.add(
            pool.submit(
                () -> {
                  AccountOutcome outcome = collectOne(base, callerAccount, account);
                  synchronized (each) {
                    each.accept(outcome);
                  }
                }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while scanning the organisation", e);
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) throw r;
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private AccountOutcome collectOne(AwsClients base, String callerAccount, Account account) {
    String home = homeRegion();
    List<Coverage> gaps = new ArrayList<>();
    AwsCredentialsProvider credentials;
    if (account.id().equals(callerAccount)) {
      credentials = base.credentials();
    } else {
      String roleArn = org.role().arn(account.id(), home);
      StsAssumeRoleCredentialsProvider assumed =
          org.role().credentials(base.sts(home), account.id(), home);
      try {
        assumed.resolveCredentials();
      } catch (RuntimeException e) {
        gaps.add(
            new Coverage(
                Coverage.GLOBAL,
                "sts:AssumeRole",
                Failures.outcome(e),
                roleArn,
                "account "
                    + account.id()
                    + " not scanned: "
                    + org.role().refusal(account.id(), home, e),
                1,
                0));
        return new AccountOutcome(account, null, gaps);
      }
      credentials = assumed;
    }
    List<String> regions = regions(account, credentials, home, gaps);
    if (regions.isEmpty()) return new AccountOutcome(account, null, gaps);
    try {
      Snapshot snapshot =
          new Collector(settings.withRegions(regions), clock, toolVersion, recorder, Progress.NONE)
              .signedBy(credentials)
              .collect();
      return new AccountOutcome(account, snapshot, gaps);
    } catch (RuntimeException e) {
      gaps.add(
          new Coverage(
              Coverage.GLOBAL,
              "sts:GetCallerIdentity",
              Failures.outcome(e),
              "account " + account.id(),
              "account " + account.id() + " not scanned: " + Failures.message(e),
              1,
              0));
      return new AccountOutcome(account, null, gaps);
    }
  }

  // --regions enabled: what EC2 says is enabled in this account. Given Regions: each one checked
  // against the account's opt-in status, so a disabled Region is said, not scanned into errors.
  private List<String> regions(
      Account account, AwsCredentialsProvider credentials, String home, List<Coverage> gaps) {
    Map<String, String> optIn = new LinkedHashMap<>();
    try (AwsClients clients = new AwsClients(settings, recorder, credentials, true)) {
      Ec2Client ec2 = clients.ec2(home);
      for (Region r : ec2.describeRegions(b -> b.allRegions(true)).regions()) {
        optIn.put(r.regionName(), r.optInStatus() == null ? "" : r.optInStatus());
      }
    } catch (RuntimeException e) {
      if (org.enabledRegions()) {
        gaps.add(
            new Coverage(
                home,
                "ec2:DescribeRegions",
                Failures.outcome(e),
                "account " + account.id(),
                "account "
                    + account.id()
                    + ": its enabled Regions could not be listed ("
                    + Failures.message(e)
                    + "); allow ec2:DescribeRegions or give --region",
                1,
                0));
        return List.of();
      }
      return settings.regions().isEmpty() ? List.of(home) : settings.regions();
    }
    if (org.enabledRegions()) {
      return optIn.entrySet().stream()
          .filter(e -> !"not-opted-in".equals(e.getValue()))
          .map(Map.Entry::getKey)
          .sorted()
          .toList();
    }
    List<String> wanted = settings.regions().isEmpty() ? List.of(home) : settings.regions();
    List<String> enabled = new ArrayList<>();
    for (String region : wanted) {
      String status = optIn.get(region);
      if ("not-opted-in".equals(status)) {
        gaps.add(
            new Coverage(
                region,
                "account:EnableRegion",
                Coverage.Outcome.NOT_COLLECTED,
                "account " + account.id(),
                "Region "
                    + region
                    + " is not enabled in account "
                    + account.id()
                    + ": not scanned (enable it, or leave it out of --region)",
                0,
                0));
      } else {
        enabled.add(region);
      }
    }
    return enabled;
  }

  private String homeRegion() {
    return settings.regions().isEmpty()
        ? new Collector(settings, clock, toolVersion, recorder, Progress.NONE).regions().get(0)
        : settings.regions().get(0);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "fargate-doctor-account-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
