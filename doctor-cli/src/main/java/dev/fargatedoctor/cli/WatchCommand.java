package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.cli.watch.PrometheusEndpoint;
import dev.fargatedoctor.cli.watch.S3StateMirror;
import dev.fargatedoctor.cli.watch.WatchLoop;
import dev.fargatedoctor.cli.watch.WatchMetrics;
import dev.fargatedoctor.cli.watch.WatchState;
import dev.fargatedoctor.cli.watch.notify.Notifications;
import dev.fargatedoctor.cli.watch.notify.NotifyTarget;
import dev.fargatedoctor.collect.AwsClients;
import dev.fargatedoctor.collect.Progress;
import dev.fargatedoctor.publish.MetricsPublisher;
import dev.fargatedoctor.publish.S3Location;
import dev.fargatedoctor.publish.S3Objects;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Scan again every interval and print one JSON line per change since the previous cycle: route "
          + "targets, route-table associations, network ACL entries, security-group rules, trust policies, NAT "
          + "gateway states, quotas, findings that appear or clear, and tasks that stopped (kept in the state "
          + "directory, so their reasons outlive ECS's one-hour retention).",
      "",
      "Reads only, unless asked to write: --publish cloudwatch puts metrics under the FargateDoctor namespace "
          + "(docs/iam-policy-watch-publish.json); --state-s3 keeps the state in S3 "
          + "(docs/iam-policy-watch-state-s3.json); --notify sns:ARN publishes to SNS "
          + "(docs/iam-policy-watch-notify-sns.json). --prometheus serves the same metrics on 127.0.0.1. A failed "
          + "cycle is logged on stderr and retried at the next interval, unless retrying cannot help (bad input, a "
          + "state directory it cannot use): then the watch stops with exit 2. SIGTERM ends it after the running "
          + "cycle."
    })
final class WatchCommand implements Callable<Integer> {
  enum Publish {
    cloudwatch
  }

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      converter = DurationOption.class,
      description = "Time between cycles: 30s, 5m, 1h (default: ${DEFAULT-VALUE}).",
      defaultValue = "5m")
  Duration interval;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where the previous snapshot, its findings and the "
              + "stopped tasks are kept (default: ~/.fargate-doctor/watch).")
  Path stateDir;

  @Option(
      names = "--state-s3",
      paramLabel = "S3URI",
      description =
          "Keep the state in S3 (s3://BUCKET/PREFIX) instead, so a replaced task carries on: read once at "
              + "start, written after every cycle. An opt-in write: s3:GetObject, s3:PutObject and "
              + "s3:ListBucket on that prefix (docs/iam-policy-watch-state-s3.json). The local copy goes "
              + "to --state-dir, else a temporary directory.")
  String stateS3;

  @Option(
      names = "--publish",
      paramLabel = "TARGET",
      description =
          "Also put the metrics into CloudWatch (cloudwatch): an opt-in write, PutMetricData in the "
              + "FargateDoctor namespace (docs/iam-policy-watch-publish.json).")
  Publish publish;

  @Option(
      names = "--notify",
      paramLabel = "TARGET",
      converter = NotifyTargetOption.class,
      description =
          "Tell a chat or a topic when a FAIL or WARN finding appears and when it clears, once per "
              + "finding (by its fingerprint) until it clears; repeatable. webhook:URL posts JSON that "
              + "Slack and Microsoft Teams (Workflows or connector) webhooks take, told apart by the "
              + "host (webhook:slack:URL or webhook:teams:URL to say it); https only, except on "
              + "loopback. sns:TOPIC-ARN publishes to SNS, an opt-in write: sns:Publish on that "
              + "topic (docs/iam-policy-watch-notify-sns.json). A failed notification is logged and "
              + "retried next cycle; it never stops the watch.")
  List<NotifyTarget> notify = new ArrayList<>();

  @Option(
      names = "--prometheus",
      paramLabel = "PORT",
      description =
          "Serve the metrics in Prometheus text format on "
              + "http://127.0.0.1:PORT/metrics (0 picks a free port).")
  Integer prometheusPort;

  @Option(
      names = "--cycles",
      paramLabel = "N",
      description = "Stop after N cycles (default: run until stopped).")
  int cycles;

  @Mixin SourceOptions source;
  @Mixin AccountOptions account;
  @Mixin OneAccountOnly oneAccount;
  @Mixin ConfigOptions config;

  @Spec CommandSpec spec;

  private final Context context;

  WatchCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (cycles < 0)
      throw new IllegalArgumentException("--cycles must be 0 (until stopped) or more");
    // Excludes, severity overrides and thresholds apply to every cycle: watch never publishes
    // what the team excluded. A broken file stops it before the first cycle.
    Configuration configuration = config.load();
    oneAccount.check("watch", "each watch keeps the state of one account");
    account.check(false, "--account");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    S3Location stateAt = stateS3 == null ? null : S3Location.parse("--state-s3", stateS3);
    Path dir =
        stateDir != null
            ? stateDir
            : stateAt != null
                ? Files.createTempDirectory("fargate-doctor-watch")
                : Path.of(System.getProperty("user.home"), ".fargate-doctor", "watch");
    WatchState.prepare(dir);
    // Entered once: a refused role stops the watch (exit 3) instead of failing every cycle.
    source.enter(account, context);
    boolean sns = notify.stream().anyMatch(t -> t.kind().equals("sns"));
    try (AwsClients publishing =
            publish == null && stateAt == null && !sns
                ? null
                : new AwsClients(source.settings(configuration), context.recorder());
        PrometheusEndpoint prometheus =
            prometheusPort == null ? null : new PrometheusEndpoint(prometheusPort)) {
      Optional<WatchLoop.Publisher> publisher =
          Optional.ofNullable(publish == null ? null : publishing)
              .map(c -> new MetricsPublisher(c, WatchMetrics.NAMESPACE)::publish);
      WatchState state =
          stateAt == null
              ? new WatchState(dir, source.inputLimit())
              : new WatchState(
                  dir,
                  source.inputLimit(),
                  new S3StateMirror(new S3Objects(publishing, stateRegion()), stateAt));
      state.pull();
      if (prometheus != null) {
        err.println(
            "{\"level\":\"info\",\"message\":\"prometheus metrics on " + prometheus.url() + "\"}");
        err.flush();
      }
      WatchLoop loop =
          new WatchLoop(
              () -> source.load(context.clock(), context.recorder(), Progress.NONE, configuration),
              configuration,
              state,
              context.clock(),
              interval,
              cycles,
              line -> {
                synchronized (out) {
                  out.println(line);
                  out.flush();
                }
              },
              line -> {
                synchronized (err) {
                  err.println(line);
                  err.flush();
                }
              },
              publisher,
              Optional.ofNullable(prometheus),
              new Notifications(notify.stream().map(t -> t.notifier(() -> publishing)).toList()));
      // SIGTERM (and Ctrl-C) end the loop after the running cycle; the JVM waits for it.
      Thread hook =
          new Thread(
              () -> {
                loop.stop();
                try {
                  loop.awaitFinished(Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "fargate-doctor-watch-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        loop.run();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it waits for this loop, which has ended
        }
      }
      if (loop.stoppedOnPermanentError()) return ExitCodes.BAD_INPUT;
      return loop.lastCycleFailed() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
  }

  // The bucket may be in another region: the S3 client follows its redirect.
  private String stateRegion() {
    if (!source.regions.isEmpty()) return source.regions.get(0);
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (software.amazon.awssdk.core.exception.SdkClientException noRegion) {
      return "us-east-1";
    }
  }
}
