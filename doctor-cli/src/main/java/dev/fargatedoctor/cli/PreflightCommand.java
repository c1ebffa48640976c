package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.capacity.PeakPlan;
import dev.fargatedoctor.check.capacity.Preflight;
import dev.fargatedoctor.check.capacity.ScaleRequest;
import dev.fargatedoctor.report.PreflightReport;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "preflight",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Capacity for a planned peak: would the account hold the planned desired counts, and a rolling "
          + "deployment of those services at their maximumPercent during the peak?",
      "",
      "Per region and service: network interfaces against the Region quota, free IPs per subnet and AZ with "
          + "tasks spread over the service's AZs, Fargate On-Demand and Spot vCPU against their quotas, and how long "
          + "Fargate needs to launch the new tasks. A limit that cannot be read is UNKNOWN, never taken as fitting.",
      "",
      "With --org or --accounts, each account is planned on its own (quotas and subnets are per"
          + " account and Region) for the planned services it runs, and reported on its own; a subnet"
          + " several of the accounts share is judged on all their services at the planned peak.",
      "",
      "Example: fargate-doctor preflight --region us-east-1 --scale api=10x --scale worker=+40"
    })
final class PreflightCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  @Option(
      names = "--scale",
      paramLabel = "SERVICE=FACTOR",
      required = true,
      description =
          "A service (name, or "
              + "CLUSTER/NAME) and its planned desired count: 10x (times), +40 (more tasks), 120 (tasks). Repeat for several.")
  List<String> scale = new ArrayList<>();

  @Option(
      names = "--no-deployment",
      description = "Plan the scale-out alone, without a deployment during the peak.")
  boolean noDeployment;

  @Mixin SourceOptions source;
  @Mixin OrgOptions accounts;
  @Mixin AllowIncomplete incomplete;
  @Mixin ConfigOptions config;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Mixin RenderOptions render;

  @Spec CommandSpec spec;

  private final Context context;

  PreflightCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    List<ScaleRequest> requests = scale.stream().map(ScaleRequest::parse).toList();
    render.check();
    Configuration configuration = config.load();
    accounts.check();
    if (accounts.any()) return planOrganisation(requests, configuration);
    source.enter(accounts.account, context);
    Snapshot snapshot = source.load(context, configuration);
    // The team's thresholds (subnet reserve, ENI and vCPU limits) decide what fits, as in a scan.
    PeakPlan plan =
        new Preflight(configuration.thresholds(), context.clock())
            .plan(snapshot, requests, !noDeployment);
    print((report, w) -> report.text(plan, w), report -> report.json(plan));
    if (plan.fits()) return ExitCodes.OK;
    boolean doesNotFit =
        plan.regions().stream()
            .flatMap(r -> r.resources().stream())
            .anyMatch(r -> r.verdict() == PeakPlan.Verdict.DOES_NOT_FIT);
    return doesNotFit ? ExitCodes.FINDINGS : incomplete.whenClean(true);
  }

  /** Each account planned on its own: headroom is per account and Region. */
  private int planOrganisation(List<ScaleRequest> requests, Configuration configuration)
      throws java.io.IOException {
    if (!source.isLive()) {
      throw new IllegalArgumentException(
          "--snapshot, --aws-cli-dir and --demo read one account: with several, use"
              + " --snapshot-dir");
    }
    OrgPreflight plans = new OrgPreflight(configuration, context.clock(), requests, !noDeployment);
    new OrgScan(configuration, context.clock()).each(source, accounts, context, plans::add);
    plans.joinSharedSubnets();
    plans.requireEveryServiceSomewhere();
    print((report, w) -> plans.text(report, w), plans::json);
    return plans.exitCode(incomplete);
  }

  /** Prints the text or the JSON, as --output says, through the render options. */
  private void print(
      java.util.function.BiConsumer<PreflightReport, PrintWriter> text,
      java.util.function.Function<PreflightReport, com.fasterxml.jackson.databind.JsonNode> json)
      throws java.io.IOException {
    StringWriter buffer = new StringWriter();
    PrintWriter w = new PrintWriter(buffer);
    PreflightReport report = new PreflightReport(render.color(), render.width());
    switch (format) {
      case text -> text.accept(report, w);
      case json ->
          w.println(
              SnapshotJson.mapper()
                  .writerWithDefaultPrettyPrinter()
                  .writeValueAsString(json.apply(report)));
    }
    w.flush();
    render.write(buffer.toString(), spec.commandLine().getOut());
  }
}
