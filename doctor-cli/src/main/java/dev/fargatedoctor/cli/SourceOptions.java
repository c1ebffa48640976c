package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.cli.demo.DemoEnvironment;
import dev.fargatedoctor.collect.AccountRole;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.collect.AwsSettings;
import dev.fargatedoctor.collect.Collector;
import dev.fargatedoctor.collect.MemberAccount;
import dev.fargatedoctor.collect.Progress;
import dev.fargatedoctor.snapshot.InputLimit;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.dump.AwsCliDumpImporter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where a snapshot comes from: a live account (default), a saved snapshot, or a directory of
 * aws-CLI dumps.
 */
final class SourceOptions {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Named AWS profile (default: the standard credential chain).")
  String profile;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "Region to scan; repeat for several " + "(default: the profile's or AWS_REGION).")
  List<String> regions = new ArrayList<>();

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "One endpoint for every AWS service, as the aws CLI "
              + "does: LocalStack or moto (e.g. http://127.0.0.1:5000).")
  URI endpoint;

  @Option(
      names = "--cluster",
      paramLabel = "CLUSTER",
      description = "ECS cluster name or ARN; repeat for several (default: all).")
  List<String> clusters = new ArrayList<>();

  @Option(
      names = "--metrics-hours",
      paramLabel = "HOURS",
      description =
          "How many hours of metrics to read for trends (memory per service, load balancer errors"
              + " per AZ); default: trendWindowHours of the configuration, 6 without one.")
  Integer metricsHours;

  @Option(
      names = "--api-timeout",
      paramLabel = "DURATION",
      converter = DurationOption.class,
      description =
          "Longest one AWS call may take, its retries included: 30s, 5m... (default: "
              + "${DEFAULT-VALUE}). A call that runs out is a coverage entry, and what it should"
              + " have read is UNKNOWN.",
      defaultValue = AwsSettings.DEFAULT_API_TIMEOUT)
  Duration apiTimeout;

  @Option(
      names = "--api-attempt-timeout",
      paramLabel = "DURATION",
      converter = DurationOption.class,
      description =
          "Longest one HTTP attempt may take before it is retried (default: ${DEFAULT-VALUE}):"
              + " long enough for a page of 10,000 network interfaces on a busy machine.",
      defaultValue = AwsSettings.DEFAULT_ATTEMPT_TIMEOUT)
  Duration attemptTimeout;

  @Option(
      names = "--demo",
      description =
          "Read the bundled demo account (a broken production account, as `fargate-doctor demo` "
              + "scans) instead of AWS.")
  boolean demo;

  @Option(
      names = "--snapshot",
      paramLabel = "FILE",
      description =
          "Read a saved snapshot (.json or .json.gz; a pipe, or - for standard input) instead of "
              + "AWS.")
  Path snapshot;

  @Option(
      names = "--aws-cli-dir",
      paramLabel = "DIR",
      description =
          "Import a directory of `aws ... --output json` dumps "
              + "named after their commands (e.g. ec2-describe-network-interfaces.json).")
  Path awsCliDir;

  @Option(
      names = "--max-input-mb",
      paramLabel = "MB",
      description =
          "Refuse a snapshot or dump file larger than MB once decompressed (default: "
              + "${DEFAULT-VALUE}; an account with 100,000 network interfaces saves about 50).")
  long maxInputMb = InputLimit.DEFAULT_MEGABYTES;

  // Set by enter(): the account every client works in, and the role that gets there.
  private String roleAccount;
  private AccountRole role;

  /**
   * With --account, enters that account once (a refused role stops here, naming it) so that every
   * client these options build works in it; the caller's own account keeps its credentials.
   */
  void enter(AccountOptions account, Context context) {
    if (!account.given()) return;
    if (!isLive()) {
      throw new IllegalArgumentException(
          "--account works in a live account: leave out --snapshot, --aws-cli-dir and --demo");
    }
    AwsSettings entered =
        MemberAccount.enter(settings(), account.account, account.role(), context.recorder());
    roleAccount = entered.roleAccount();
    role = entered.role();
  }

  InputLimit inputLimit() {
    return InputLimit.ofMegabytes(maxInputMb);
  }

  /** Loads the snapshot from whichever source was chosen; live collection reports progress. */
  Snapshot load(
      Clock clock, ApiCallRecorder recorder, Progress progress, Configuration configuration) {
    if ((snapshot != null ? 1 : 0) + (awsCliDir != null ? 1 : 0) + (demo ? 1 : 0) > 1) {
      throw new IllegalArgumentException(
          "--demo, --snapshot and --aws-cli-dir are alternatives: give one");
    }
    if (demo) {
      return OfflineSelection.apply(DemoEnvironment.build(clock), regions, clusters);
    }
    if (snapshot != null) {
      return OfflineSelection.apply(SnapshotFiles.read(snapshot, inputLimit()), regions, clusters);
    }
    if (awsCliDir != null) {
      return OfflineSelection.apply(
          new AwsCliDumpImporter(clock, Version.current(), inputLimit())
              .importDirectory(awsCliDir, regions.isEmpty() ? null : regions.get(0)),
          regions,
          clusters);
    }
    return new Collector(settings(configuration), clock, Version.current(), recorder, progress)
        .collect();
  }

  /** The AWS settings for clients that read no metrics (flow logs, uploads). */
  AwsSettings settings() {
    return settings(Configuration.DEFAULTS);
  }

  /**
   * The AWS settings these options describe, for collecting and (watch) publishing; the team's
   * trend window decides how much metric history is read unless --metrics-hours says.
   */
  AwsSettings settings(Configuration configuration) {
    int hours = metricsHours != null ? metricsHours : configuration.thresholds().trendWindowHours();
    if (hours < 1 || hours > 24 * 14) {
      throw new IllegalArgumentException(
          "--metrics-hours must be between 1 and 336 (two weeks), not " + hours);
    }
    if (attemptTimeout.compareTo(apiTimeout) > 0) {
      throw new IllegalArgumentException(
          "--api-attempt-timeout ("
              + attemptTimeout.toSeconds()
              + " s) is longer than --api-timeout ("
              + apiTimeout.toSeconds()
              + " s): one attempt could never be retried");
    }
    return AwsSettings.defaults()
        .withTimeouts(apiTimeout, attemptTimeout)
        .withProfile(profile)
        .withRegions(regions)
        .withEndpoint(endpoint)
        .withClusters(clusters)
        .withMetricsWindow(Duration.ofHours(hours))
        .withAssumedRole(roleAccount, role);
  }

  /** Loads the snapshot, with a progress line on a terminal while a live collection runs. */
  Snapshot load(Context context, Configuration configuration) {
    Progress progress = isLive() ? TerminalProgress.forTerminal(context.err()) : Progress.NONE;
    try {
      return load(context.clock(), context.recorder(), progress, configuration);
    } finally {
      TerminalProgress.clear(progress, context.err());
    }
  }

  boolean isLive() {
    return snapshot == null && awsCliDir == null && !demo;
  }
}
