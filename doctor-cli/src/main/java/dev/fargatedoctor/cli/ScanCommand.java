package dev.fargatedoctor.cli;

import dev.fargatedoctor.publish.S3Location;
import dev.fargatedoctor.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Collect a read-only snapshot of an account (or read a saved one, or aws-CLI dumps) and run every "
          + "check: each finding comes with its evidence and the exact fix.",
      "",
      "The scan only calls Describe/List/Get operations; docs/iam-policy.json lists exactly those. "
          + "It writes only when asked: --report-s3, --publish securityhub."
    })
final class ScanCommand implements Callable<Integer> {
  @Mixin SourceOptions source;
  @Mixin OutputOptions output;
  @Mixin ConfigOptions config;
  @Mixin OrgOptions accounts;

  @Option(
      names = "--save-snapshot",
      paramLabel = "FILE",
      description =
          "Also save the snapshot (.json or .json.gz) " + "for offline use, sharing or diffing.")
  Path saveSnapshot;

  @Option(
      names = "--report-s3",
      paramLabel = "S3URI",
      description =
          "Also put the report into S3 (s3://BUCKET/PREFIX): PREFIX/latest.EXT and "
              + "PREFIX/TIMESTAMP.EXT. An opt-in write: s3:PutObject (docs/iam-policy-report-s3.json).")
  String reportS3;

  /** Where scan can send its findings besides the report. */
  enum Destination {
    securityhub
  }

  @Option(
      names = "--publish",
      paramLabel = "DESTINATION",
      description =
          "Also send the findings to securityhub: the ASFF of --output asff, imported with "
              + "BatchImportFindings into each finding's Region (--include-passed also marks cleared "
              + "ones RESOLVED). An opt-in write: securityhub:BatchImportFindings "
              + "(docs/iam-policy-securityhub-import.json).")
  Destination publish;

  @Option(
      names = "--flow-minutes",
      paramLabel = "N",
      description =
          "Also read the last N minutes of every active flow log the snapshot finds (CloudWatch Logs, "
              + "S3) and add the flow checks (FLOW-REJECTED, FLOW-NO-REPLY, CROSS-AZ-TRAFFIC, "
              + "NAT-TRAFFIC-ENDPOINT).")
  Integer flowMinutes;

  @Spec CommandSpec spec;

  private final Context context;

  ScanCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    output.check();
    OutputFile.check(saveSnapshot, "--save-snapshot");
    var configuration = config.load(); // a broken config fails before any AWS call
    accounts.check();
    if (accounts.any()) return scanOrganisation(configuration);
    S3Location upload = reportS3 == null ? null : S3Location.parse("--report-s3", reportS3);
    source.enter(accounts.account, context);
    Snapshot snapshot = source.load(context, configuration);
    if (upload != null) {
      String region =
          !source.regions.isEmpty()
              ? source.regions.get(0)
              : snapshot.regions().isEmpty() ? "us-east-1" : snapshot.regions().get(0).region();
      ReportUpload target =
          new ReportUpload(
              upload, source.settings(configuration), region, context.recorder(), context.clock());
      output.alsoWrite = target::put;
    }
    if (publish == Destination.securityhub) {
      output.alsoPublish =
          new SecurityHubPublish(
                  source.settings(configuration),
                  context.recorder(),
                  context.clock(),
                  output.includePassed,
                  spec.commandLine().getErr())
              ::publish;
    }
    if (flowMinutes != null) {
      snapshot =
          FlowReading.everyRegion(
              snapshot, flowMinutes, source, context, spec.commandLine().getErr());
    }
    return Diagnose.run(
        snapshot,
        saveSnapshot,
        configuration,
        output,
        context.clock(),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  private int scanOrganisation(dev.fargatedoctor.check.Configuration configuration)
      throws java.io.IOException {
    if (source.snapshot != null || source.awsCliDir != null) {
      throw new IllegalArgumentException(
          "--snapshot and --aws-cli-dir read one account: with several, use --snapshot-dir");
    }
    if (saveSnapshot != null) {
      throw new IllegalArgumentException(
          "--save-snapshot holds one account: with several, use --snapshot-dir DIR");
    }
    if (reportS3 != null || flowMinutes != null || publish != null) {
      throw new IllegalArgumentException(
          (reportS3 != null ? "--report-s3" : publish != null ? "--publish" : "--flow-minutes")
              + " works on one account: leave it out of an organisation scan");
    }
    OrgScan scan = new OrgScan(configuration, context.clock(), output.selection.checks());
    var organisation =
        accounts.offline()
            ? scan.offline(accounts.snapshotDirs, source.inputLimit())
            : scan.live(source, accounts, context);
    return output.emit(
        organisation, context.clock(), spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
