package dev.fargatedoctor.cli;

import dev.fargatedoctor.cli.alarms.Alarms;
import dev.fargatedoctor.collect.Progress;
import dev.fargatedoctor.snapshot.AtomicFiles;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "alarms", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Generate CloudWatch alarms and EventBridge rules for the scanned region, as CloudFormation or "
        + "Terraform: network interfaces at 80 %% and 90 %% of the actual quota (from watch's metric), memory per "
        + "service by metric math (MemoryUtilized / MemoryReserved), running below desired for 10 minutes, failed "
        + "deployments and service action errors, route / network ACL / NAT gateway changes and trust-policy changes "
        + "of the task roles (CloudTrail). Everything notifies an SNS topic given as a parameter.",
        "", "Example: fargate-doctor alarms --region us-east-1 --format terraform --out alarms.tf"},
    footer = ExitCodes.HELP)
final class AlarmsCommand implements Callable<Integer> {
  @Option(names = "--format", paramLabel = "FORMAT", required = true,
      description = "cloudformation (a JSON template) or terraform (HCL for the AWS provider).")
  Alarms.Format format;

  @Mixin SourceOptions source;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (written whole or not at all).")
  Path out;

  @Spec CommandSpec spec;

  private final Context context;

  AlarmsCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Progress progress = source.isLive() ? TerminalProgress.forTerminal(context.err()) : Progress.NONE;
    Snapshot snapshot;
    try {
      snapshot = source.load(context.clock(), context.recorder(), progress);
    } finally {
      TerminalProgress.clear(progress, context.err());
    }
    RegionSnapshot region = region(snapshot);
    String text = Alarms.render(snapshot, region, format);
    if (out == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      AtomicFiles.write(out, o -> {
        OutputStreamWriter w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        w.write(text);
        w.flush();
      });
    }
    return ExitCodes.OK;
  }

  // Alarms are regional: one region per output. With a saved snapshot, --region picks one of its regions.
  private RegionSnapshot region(Snapshot snapshot) {
    if (!source.regions.isEmpty()) {
      if (source.regions.size() > 1) throw new IllegalArgumentException("alarms are per region: give one --region");
      return snapshot.region(source.regions.get(0)).orElseThrow(() -> new IllegalArgumentException(
          "the snapshot has no region " + source.regions.get(0)));
    }
    if (snapshot.regions().size() != 1) {
      throw new IllegalArgumentException("alarms are per region and the snapshot has " + snapshot.regions().size()
          + ": give one --region");
    }
    return snapshot.regions().get(0);
  }
}
