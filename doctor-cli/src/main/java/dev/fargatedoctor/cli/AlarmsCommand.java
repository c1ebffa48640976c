package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.cli.alarms.Alarms;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "alarms",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Generate CloudWatch alarms and EventBridge rules for the scanned region, as CloudFormation or "
          + "Terraform: network interfaces at 80 %% and 90 %% of the actual quota (from watch's metric), memory per "
          + "service by metric math (MemoryUtilized / MemoryReserved), running below desired for 10 minutes, failed "
          + "deployments and service action errors, route / network ACL / NAT gateway changes and trust-policy changes "
          + "of the task roles (CloudTrail). Everything notifies an SNS topic given as a parameter.",
      "",
      "Example: fargate-doctor alarms --region us-east-1 --format terraform --out alarms.tf"
    })
final class AlarmsCommand implements Callable<Integer> {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      required = true,
      description = "cloudformation (a JSON template) or terraform (HCL for the AWS provider).")
  Alarms.Format format;

  @Mixin SourceOptions source;
  @Mixin ConfigOptions config;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write to FILE (written whole or not at all).")
  Path out;

  @Spec CommandSpec spec;

  private final Context context;

  AlarmsCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    OutputFile.check(out, "--out");
    Configuration configuration = config.load();
    Snapshot snapshot = source.load(context, configuration);
    RegionSnapshot region = region(snapshot);
    String text = Alarms.render(snapshot, region, format, configuration.thresholds());
    TextOut.write(text, out, spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  // Alarms are regional: one region per output. With a saved snapshot, --region picks one of its
  // regions.
  private RegionSnapshot region(Snapshot snapshot) {
    if (!source.regions.isEmpty()) {
      if (source.regions.size() > 1)
        throw new IllegalArgumentException("alarms are per region: give one --region");
      return snapshot
          .region(source.regions.get(0))
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "the snapshot has no region " + source.regions.get(0)));
    }
    if (snapshot.regions().size() != 1) {
      throw new IllegalArgumentException(
          "alarms are per region and the snapshot has "
              + snapshot.regions().size()
              + ": give one --region");
    }
    return snapshot.regions().get(0);
  }
}
