package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.cli.demo.DemoEnvironment;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "flows",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Read VPC flow-log records for a window and say what they show, per service: rejected traffic and "
          + "the rule that rejects it (FLOW-REJECTED), connections nobody answered (FLOW-NO-REPLY), bytes "
          + "crossing AZs and what they cost (CROSS-AZ-TRAFFIC), AWS service traffic paying for a NAT "
          + "gateway (NAT-TRAFFIC-ENDPOINT).",
      "",
      "Records come from CloudWatch Logs (--log-group), S3 (--s3) or files (--file); with none of them, "
          + "from every active flow log the snapshot finds. The snapshot (live, --snapshot or "
          + "--aws-cli-dir) ties interfaces to tasks, services and AZs. Reading is read-only: "
          + "logs:FilterLogEvents, s3:ListBucket, s3:GetObject. Bad lines, truncated files and SKIPDATA "
          + "are counted and shown as coverage; only when nothing at all can be read does it exit 2."
    })
final class FlowsCommand implements Callable<Integer> {
  static final List<String> CHECKS =
      List.of("CROSS-AZ-TRAFFIC", "FLOW-NO-REPLY", "FLOW-REJECTED", "NAT-TRAFFIC-ENDPOINT");

  @Mixin FlowOptions flows;
  @Mixin SourceOptions source;
  @Mixin OutputOptions output;
  @Mixin ConfigOptions config;

  @Option(
      names = "--athena",
      description =
          "Run the analyses as SQL on Amazon Athena over flow logs in S3 (too big for one machine). "
              + "Writes query results to S3: opt-in, see docs/iam-policy-athena.json.")
  boolean athena;

  @Option(
      names = "--workgroup",
      paramLabel = "W",
      defaultValue = "primary",
      description = "Athena workgroup (default: ${DEFAULT-VALUE}).")
  String workgroup;

  @Option(
      names = "--database",
      paramLabel = "DB",
      defaultValue = "flowlogs",
      description = "Glue database of the flow-log table (default: ${DEFAULT-VALUE}).")
  String database;

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      defaultValue = "vpc_flow_logs",
      description = "The flow-log table (default: ${DEFAULT-VALUE}).")
  String table;

  @Option(
      names = "--create-table",
      description =
          "Create the database and the table (partition projection over the standard S3 layout of "
              + "--s3) when they do not exist: a write to the Glue catalogue.")
  boolean createTable;

  @Option(
      names = "--athena-output",
      paramLabel = "s3://BUCKET/PREFIX",
      description = "Where Athena writes query results (default: the workgroup's setting).")
  String athenaOutput;

  @Option(
      names = "--athena-timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description = "Stop a query that runs longer (default: ${DEFAULT-VALUE}).")
  String athenaTimeout;

  @Option(
      names = "--save-snapshot",
      paramLabel = "FILE",
      description = "Also save the snapshot with what the flow records showed (offline re-runs).")
  Path saveSnapshot;

  @Spec CommandSpec spec;

  private final Context context;

  FlowsCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    output.check();
    OutputFile.check(saveSnapshot, "--save-snapshot");
    var configuration = config.load(); // a broken config fails before any AWS call
    Snapshot snapshot;
    if (source.demo) { // the demo account comes with its flow records (try --file instead)
      snapshot = source.load(context, configuration);
      if (flows.anySource()) {
        snapshot = withoutFlows(snapshot);
        snapshot =
            FlowReading.attach(
                snapshot,
                flows.request(context.clock()),
                source,
                context,
                DemoEnvironment.REGION,
                spec.commandLine().getErr());
      }
    } else if (athena) {
      snapshot = source.load(context, configuration);
      snapshot =
          FlowReading.athena(
              snapshot,
              flows,
              new dev.fargatedoctor.collect.AthenaFlows.Settings(
                  workgroup,
                  database,
                  table,
                  flows.s3.isEmpty() ? null : flows.s3.get(0),
                  createTable,
                  athenaOutput,
                  FlowOptions.duration(athenaTimeout)),
              source,
              context,
              source.regions.isEmpty() ? null : source.regions.get(0));
    } else {
      snapshot = source.load(context, configuration);
      snapshot =
          FlowReading.attach(
              snapshot,
              flows.request(context.clock()),
              source,
              context,
              source.regions.isEmpty() ? null : source.regions.get(0),
              spec.commandLine().getErr());
    }
    if (saveSnapshot != null) SnapshotFiles.write(snapshot, saveSnapshot);
    List<Check> checks =
        output.selection.checks().stream()
            .filter(c -> Arrays.asList(c.info().needs()).contains(Input.FLOW_RECORDS))
            .toList();
    if (checks.isEmpty()) {
      throw new IllegalArgumentException(
          "flows runs the flow checks only, and --checks/--exclude-checks leave none of them");
    }
    Diagnosis diagnosis = new CheckEngine(checks, context.clock(), configuration).run(snapshot);
    return output.emit(
        diagnosis,
        snapshot,
        context.clock(),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  private static Snapshot withoutFlows(Snapshot s) {
    return new Snapshot(
        s.schema(),
        s.capture(),
        s.regions().stream().map(r -> r.withFlows(null)).toList(),
        s.iam(),
        s.coverage().stream()
            .filter(c -> !Input.FLOW_RECORDS.actions().contains(c.action()))
            .toList());
  }
}
