package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.report.TriageReport;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.triage.ServiceScope;
import dev.fargatedoctor.triage.Symptom;
import dev.fargatedoctor.triage.Triage;
import dev.fargatedoctor.triage.TriageResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "triage",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Follow the write-up's Universal Laws for a symptom, step by step, and say what each step found "
          + "(passes too), the most probable cause, its fix and what to run next.",
      "",
      "SYMPTOM is one of: wont-start (ENI limits, security groups, IAM roles), slow (routes, NAT, DNS), "
          + "memory (trends, OOM kills, connections), deploy-hang (service events, not deployment logs), "
          + "intermittent (load balancer and cross-AZ), unknown (flow logs and ECS Exec)."
    })
final class TriageCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "SYMPTOM",
      description = "wont-start, slow, memory, deploy-hang, " + "intermittent or unknown.")
  String symptom;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "Only this service (name, cluster/name or ARN).")
  String service;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text or json (default: text).")
  String format = "text";

  @Mixin RenderOptions render;

  @Option(
      names = "--flow-minutes",
      paramLabel = "N",
      description =
          "Also read the last N minutes of the flow logs the snapshot finds: slow, intermittent and "
              + "unknown then look at what the network actually dropped, left unanswered or sent across "
              + "AZs.")
  Integer flowMinutes;

  @Mixin SourceOptions source;
  @Mixin AccountOptions account;
  @Mixin OneAccountOnly oneAccount;
  @Mixin ConfigOptions config;
  @Mixin AllowIncomplete incomplete;

  @Spec CommandSpec spec;

  private final Context context;

  TriageCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Symptom s = Symptom.parse(symptom);
    format = format.toLowerCase(java.util.Locale.ROOT); // -o JSON, as every command takes it
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("--output is text or json, not '" + format + "'");
    }
    render.check();
    var configuration = config.load();
    oneAccount.check("triage", "a symptom is triaged where its service runs");
    account.check(false, "--account");
    source.enter(account, context);
    Snapshot snapshot = source.load(context, configuration);
    if (!source.demo) { // the demo's flow records are bundled; there are no logs to read
      if (flowMinutes != null) {
        snapshot =
            FlowReading.everyRegion(
                snapshot, flowMinutes, source, context, spec.commandLine().getErr());
      }
    }
    ServiceScope scope = service == null ? ServiceScope.all() : ServiceScope.of(snapshot, service);
    Diagnosis diagnosis =
        new CheckEngine(CheckRegistry.all(), context.clock(), configuration).run(snapshot);
    TriageResult result =
        new Triage(CheckRegistry.all().stream().map(c -> c.info().id()).collect(Collectors.toSet()))
            .run(s, diagnosis, snapshot, scope);

    StringWriter buffer = new StringWriter();
    PrintWriter w = new PrintWriter(buffer);
    TriageReport report = new TriageReport(render.color(), render.width());
    if (format.equals("json")) {
      w.println(
          SnapshotJson.mapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(report.json(result)));
    } else {
      report.text(result, w);
    }
    w.flush();
    render.write(buffer.toString(), spec.commandLine().getOut());
    if (result.steps().stream().anyMatch(st -> st.status() == Status.FAIL)) {
      return ExitCodes.FINDINGS;
    }
    return incomplete.whenClean(
        result.steps().stream().anyMatch(st -> st.status() == Status.UNKNOWN));
  }
}
