package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.KnownServices;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.network.AwsService;
import dev.fargatedoctor.check.network.Destination;
import dev.fargatedoctor.check.network.PathResult;
import dev.fargatedoctor.check.network.Reachability;
import dev.fargatedoctor.check.network.TaskNetwork;
import dev.fargatedoctor.check.network.Verdict;
import dev.fargatedoctor.report.PathReport;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "path",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Follow a service's network path, hop by hop, from each of its subnets to a destination: security "
          + "groups, route table, NAT or internet gateway, VPC endpoints and network ACLs both ways, as VPC Reachability "
          + "Analyzer would, offline and read-only.",
      "",
      "Destinations: ecr (ECR API, registry and S3 for the layers), ecr-api, ecr-dkr, s3, logs, secrets, ssm, "
          + "ssmmessages, internet, or IP:PORT."
    })
final class PathCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  @Option(
      names = "--service",
      required = true,
      paramLabel = "NAME",
      description = "The ECS service (name, cluster/name or ARN).")
  String service;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DESTINATION",
      description =
          "ecr | ecr-api | ecr-dkr | s3 | logs | secrets | ssm | ssmmessages | internet | IP:PORT")
  String to;

  @Mixin SourceOptions source;
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

  PathCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    List<Destination> destinations = destinations(to);
    render.check();
    Configuration configuration = config.load();
    Snapshot snapshot = source.load(context, configuration);
    Found found = find(snapshot);
    RegionView view = new RegionView(snapshot, found.region());
    Reachability engine = Reachability.of(view);
    List<PathResult> paths = new ArrayList<>();
    for (TaskNetwork task : TaskNetwork.of(found.service())) {
      for (Destination d : destinations) paths.add(engine.evaluate(task, d));
    }
    PathReport.ServicePaths result =
        new PathReport.ServicePaths(
            found.region().region(),
            found.service().clusterName(),
            found.service().serviceName(),
            paths,
            decisions(configuration, found.service()));
    java.io.StringWriter buffer = new java.io.StringWriter();
    PrintWriter out = new PrintWriter(buffer);
    switch (format) {
      case json -> PathReport.json(result, out);
      case text -> PathReport.text(result, out, render.width());
    }
    out.flush();
    render.write(buffer.toString(), spec.commandLine().getOut());
    if (result.verdict() == Verdict.BLOCKED) return ExitCodes.FINDINGS;
    return incomplete.whenClean(result.verdict() == Verdict.UNDETERMINED);
  }

  // The team's excludes of this service's egress findings: a path asked for is shown all the same,
  // with the decision beside it.
  private List<String> decisions(Configuration configuration, Service service) {
    java.time.LocalDate today =
        java.time.LocalDate.ofInstant(context.clock().instant(), context.clock().getZone());
    List<String> out = new ArrayList<>();
    for (Configuration.Exclusion x : configuration.excludes()) {
      if (!x.matches("NO-EGRESS-PATH", Resource.service(service))) continue;
      out.add(
          x.describe()
              + " in "
              + configuration.source()
              + ": "
              + x.reason()
              + (x.expiredOn(today) ? " (expired: it no longer hides the finding)" : ""));
    }
    return out;
  }

  static List<Destination> destinations(String text) {
    if ("ecr".equalsIgnoreCase(text.trim())) {
      // An image pull needs all three: the API for the token and manifest, the registry, S3 for the
      // layers.
      return List.of(
          Destination.service(AwsService.ECR_API),
          Destination.service(AwsService.ECR_DKR),
          Destination.service(AwsService.S3));
    }
    return List.of(
        Destination.parse(text)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown destination '"
                            + text
                            + "': expected ecr, ecr-api, ecr-dkr, s3, logs, secrets, ssm, ssmmessages, internet or IP:PORT "
                            + "(e.g. 10.0.2.15:5432)")));
  }

  private record Found(RegionSnapshot region, Service service) {}

  private Found find(Snapshot snapshot) {
    List<Found> matches = new ArrayList<>();
    for (RegionSnapshot r : snapshot.regions()) {
      for (Service s : r.ecs().services()) {
        // the three ways the tool names a service, cluster/name as the error below lists them
        boolean name =
            service.equals(s.serviceName())
                || service.equals(s.serviceArn())
                || service.equals(s.clusterName() + "/" + s.serviceName());
        boolean cluster =
            source.clusters.isEmpty()
                || source.clusters.stream()
                    .anyMatch(c -> c.equals(s.clusterName()) || c.equals(s.clusterArn()));
        if (name && cluster) matches.add(new Found(r, s));
      }
    }
    if (matches.isEmpty()) throw KnownServices.notFound(snapshot, "--service " + service);
    if (matches.size() > 1) {
      throw new IllegalArgumentException(
          "service '"
              + service
              + "' exists in "
              + matches.stream()
                  .map(m -> m.service().clusterName() + " (" + m.region().region() + ")")
                  .toList()
              + ": pass --cluster (and --region) to choose one");
    }
    Found f = matches.get(0);
    if (f.service().subnets().isEmpty()) {
      throw new IllegalArgumentException(
          "service '"
              + service
              + "' has no awsvpc subnets: its network mode is "
              + Optional.ofNullable(f.service().launchType())
                  .orElse("unknown")
                  .toLowerCase(Locale.ROOT)
              + "'s, not one a path can be followed from");
    }
    return f;
  }
}
