package dev.fargatedoctor.cli;

import dev.fargatedoctor.cli.deploy.Deploy;
import dev.fargatedoctor.cli.deploy.DeployPlan;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print a stack (CloudFormation or Terraform) that runs Fargate Doctor in the account as Fargate tasks: "
          + "scan on an EventBridge Scheduler schedule, its report put into the stack's S3 bucket, and/or watch as "
          + "a one-task service keeping its state in that bucket and publishing its metrics, with the alarms of "
          + "`alarms` for the scanned region wired to them.",
      "",
      "The task role gets docs/iam-policy.json (read-only) and, in the stack's bucket only, s3:PutObject for "
          + "reports and s3:GetObject/PutObject for watch's state, plus PutMetricData in the FargateDoctor "
          + "namespace: the bucket and those metrics are the only things it writes. The alarms are generated from "
          + "the region (live, or --snapshot), as `alarms` does. See docs/deploy.md.",
      "",
      "Example: fargate-doctor deploy --region us-east-1 --format cloudformation --out fargate-doctor.json"
    })
final class DeployCommand implements Callable<Integer> {
  enum Run {
    scan,
    watch,
    both
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      required = true,
      description = "cloudformation (a JSON template) or terraform (HCL for the AWS provider 6+).")
  Deploy.Format format;

  @Option(
      names = "--run",
      paramLabel = "WHAT",
      description = "scan (on a schedule), watch (a service) or both (default: ${DEFAULT-VALUE}).")
  Run run = Run.both;

  @Option(
      names = "--schedule",
      paramLabel = "EXPRESSION",
      description =
          "The scan's EventBridge Scheduler expression, a stack parameter's default "
              + "(default: ${DEFAULT-VALUE}).")
  String schedule = "rate(1 hour)";

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      description = "watch's --interval (default: ${DEFAULT-VALUE}).")
  String interval = "5m";

  @Option(
      names = "--report-format",
      paramLabel = "FORMAT",
      description =
          "The scheduled scan's --output: text, json, markdown or html (default: ${DEFAULT-VALUE}).")
  OutputOptions.Format reportFormat = OutputOptions.Format.html;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "Prefix of the stack's names: cluster, log group, task families (default: ${DEFAULT-VALUE}).")
  String name = "fargate-doctor";

  @Mixin SourceOptions source;
  @Mixin ConfigOptions config;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write to FILE (written whole or not at all).")
  Path out;

  @Spec CommandSpec spec;

  private final Context context;

  DeployCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
      throw new IllegalArgumentException(
          "--name '"
              + name
              + "' must be 1-32 lower-case letters, digits or hyphens, starting with a letter");
    }
    if (!schedule.matches("(rate|cron|at)\\(.+\\)")) {
      throw new IllegalArgumentException(
          "--schedule '"
              + schedule
              + "' is not a schedule expression such as rate(1 hour) or cron(0 6 * * ? *)");
    }
    // The names go into generated CloudFormation and Terraform, where ${...} and %{...} would be
    // read as references: accept only what ECS accepts in a cluster name or ARN.
    for (String cluster : source.clusters) {
      if (!cluster.matches("[A-Za-z0-9_:/.-]{1,2048}")) {
        throw new IllegalArgumentException(
            "--cluster '" + cluster + "' is not an ECS cluster name or ARN");
      }
    }
    Duration every = new DurationOption().convert(interval);
    DeployPlan plan =
        new DeployPlan(
            name,
            run != Run.watch,
            run != Run.scan,
            schedule,
            every.toSeconds() + "s",
            reportFormat.name(),
            ReportUpload.extension(reportFormat),
            source.clusters);
    Snapshot snapshot = source.load(context, config.load());
    RegionSnapshot region = region(snapshot);
    TextOut.write(Deploy.render(plan, snapshot, region, format), out, spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  // The alarms are regional, so the stack is: one region per output.
  private RegionSnapshot region(Snapshot snapshot) {
    if (!source.regions.isEmpty()) {
      if (source.regions.size() > 1)
        throw new IllegalArgumentException("a stack is per region: give one --region");
      return snapshot
          .region(source.regions.get(0))
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "the snapshot has no region " + source.regions.get(0)));
    }
    if (snapshot.regions().size() != 1) {
      throw new IllegalArgumentException(
          "a stack is per region and the snapshot has "
              + snapshot.regions().size()
              + ": give one --region");
    }
    return snapshot.regions().get(0);
  }
}
