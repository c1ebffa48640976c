package dev.fargatedoctor.cli;

import dev.fargatedoctor.cli.demo.DemoEnvironment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Scan the bundled snapshot of a broken production account: no AWS account needed.",
      "",
      "It holds the incidents of the write-up Fargate Doctor grew from — network interfaces near the Region "
          + "quota, a subnet routed to another AZ's NAT gateway, an execution role that lost its trust in "
          + "ecs-tasks.amazonaws.com and the deployment stuck behind it, a network ACL that drops a service's return "
          + "traffic, with the CloudTrail events of both network changes, a Node.js service OOM-killed by a memory "
          + "leak that climbs again — beside healthy services that stay quiet. "
          + "It exits 1, as a scan of that account would."
    })
final class DemoCommand implements Callable<Integer> {
  @Mixin OutputOptions output;
  @Mixin ConfigOptions config;

  @Option(
      names = "--save-snapshot",
      paramLabel = "FILE",
      description = "Write the demo snapshot, to read it or " + "to try --snapshot with it.")
  Path saveSnapshot;

  @Option(
      names = "--save-flow-log",
      paramLabel = "FILE",
      description =
          "Write the demo's flow-log records (gzip, with S3's header line), to read them with "
              + "`flows --file`.")
  Path saveFlowLog;

  @Option(
      names = "--org",
      description =
          "Scan a small bundled organisation instead: this production account, a network account"
              + " sharing a VPC with two workload accounts, one of them near its ENI quota, and one"
              + " account whose role could not be assumed (UNKNOWN). It exits 1.")
  boolean org;

  @Option(
      names = "--snapshot-dir",
      paramLabel = "DIR",
      description =
          "With --org: also write its snapshots, one per account and Region, to try `scan"
              + " --snapshot-dir` with.")
  Path snapshotDir;

  @Spec CommandSpec spec;

  private final Context context;

  DemoCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    output.check();
    OutputFile.check(saveSnapshot, "--save-snapshot");
    var configuration = config.load();
    if (saveFlowLog != null) {
      byte[] text =
          (String.join("\n", DemoEnvironment.flowLog(context.clock())) + "\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      dev.fargatedoctor.snapshot.AtomicFiles.write(
          saveFlowLog,
          out -> {
            var gz = new java.util.zip.GZIPOutputStream(out);
            gz.write(text);
            gz.finish();
          });
    }
    if (org) return organisation(configuration);
    if (snapshotDir != null) throw new IllegalArgumentException("--snapshot-dir needs --org");
    return Diagnose.run(
        DemoEnvironment.build(context.clock()),
        saveSnapshot,
        configuration,
        output,
        context.clock(),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  private int organisation(dev.fargatedoctor.check.Configuration configuration)
      throws java.io.IOException {
    if (saveSnapshot != null) {
      throw new IllegalArgumentException(
          "--save-snapshot holds one account: with --org, use --snapshot-dir");
    }
    OrgScan scan = new OrgScan(configuration, context.clock(), output.selection.checks());
    var directory =
        snapshotDir == null ? null : new dev.fargatedoctor.snapshot.SnapshotDirectory(snapshotDir);
    java.util.List<dev.fargatedoctor.report.AccountSection> sections = new java.util.ArrayList<>();
    for (var member : dev.fargatedoctor.cli.demo.DemoOrganisation.build(context.clock())) {
      if (directory != null) {
        try {
          directory.write(member.account(), member.name(), member.snapshot(), member.gaps());
        } catch (java.io.IOException e) {
          throw OutputFile.unwritable(snapshotDir, "--snapshot-dir", e);
        }
      }
      sections.add(
          scan.section(
              new dev.fargatedoctor.collect.org.Account(member.account(), member.name()),
              member.snapshot(),
              member.gaps()));
    }
    var organisation = scan.organisation("demo", DemoEnvironment.ACCOUNT, sections);
    return output.emit(
        organisation, context.clock(), spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
