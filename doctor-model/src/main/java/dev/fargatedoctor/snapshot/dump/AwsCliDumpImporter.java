package dev.fargatedoctor.snapshot.dump;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.InputLimit;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.RequiredFields;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.dump.IamDumpRecords.ManagedPolicyDetail;
import dev.fargatedoctor.snapshot.dump.IamDumpRecords.PolicyVersion;
import dev.fargatedoctor.snapshot.dump.IamDumpRecords.RoleDetail;
import dev.fargatedoctor.snapshot.ec2.Ec2Data;
import dev.fargatedoctor.snapshot.ec2.FlowLog;
import dev.fargatedoctor.snapshot.ec2.InternetGateway;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.PrefixList;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.elb.ElbData;
import dev.fargatedoctor.snapshot.iam.IamData;
import dev.fargatedoctor.snapshot.iam.PolicyDocuments;
import dev.fargatedoctor.snapshot.iam.Role;
import dev.fargatedoctor.snapshot.metrics.MetricLabel;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import dev.fargatedoctor.snapshot.trail.CloudTrailEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a directory of {@code aws ... --output json} dumps into a Snapshot, so someone without
 * credentials for this tool can still be helped from plain CLI output. One directory is one region;
 * a directory whose sub-directories are named like regions ({@code us-east-1/}) holds several, with
 * the global dumps (STS, IAM) at the top.
 */
public final class AwsCliDumpImporter {
  private static final Pattern REGION_NAME =
      Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+");
  private static final ObjectMapper MAPPER = SnapshotJson.mapper();

  private final Clock clock;
  private final String toolVersion;
  private final InputLimit limit;

  public AwsCliDumpImporter(Clock clock, String toolVersion) {
    this(clock, toolVersion, InputLimit.DEFAULT);
  }

  /** An importer that refuses a dump file larger than the limit. */
  public AwsCliDumpImporter(Clock clock, String toolVersion, InputLimit limit) {
    this.clock = clock;
    this.toolVersion = toolVersion;
    this.limit = limit;
  }

  /**
   * @param regionHint the region of a flat directory when it cannot be read from the dumps (may be
   *     null)
   */
  public Snapshot importDirectory(Path dir, String regionHint) {
    if (!Files.isDirectory(dir))
      throw new InvalidInputException(dir, "not a directory of aws-CLI dumps");
    List<Path> regionDirs =
        list(dir)
            .filter(Files::isDirectory)
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted()
            .toList();
    for (Path sub : regionDirs) {
      // a mistyped region (us-east1, eu-west-01) would otherwise be skipped without a word
      if (!REGION_NAME.matcher(sub.getFileName().toString()).matches()) {
        throw new InvalidInputException(
            sub,
            "not a region: a sub-directory of an aws-CLI dump directory is named after the region "
                + "its dumps are from (us-east-1, eu-west-1)");
      }
    }

    Dumps global = readDumps(dir, regionDirs.isEmpty() ? null : commands(false));
    List<Dumps> perRegion = new ArrayList<>();
    if (regionDirs.isEmpty()) {
      perRegion.add(global);
    } else {
      for (Path r : regionDirs) {
        Dumps d = readDumps(r, commands(true));
        d.region = r.getFileName().toString();
        perRegion.add(d);
      }
    }

    List<RegionSnapshot> regions = new ArrayList<>();
    List<Coverage> coverage = new ArrayList<>();
    for (Dumps d : perRegion) {
      String region = d.region != null ? d.region : d.inferRegion().orElse(regionHint);
      if (region == null) {
        throw new InvalidInputException(
            dir,
            "cannot tell which region these dumps are from "
                + "(no subnet, ARN or quota names one): pass --region");
      }
      regions.add(
          new RegionSnapshot(
              region,
              new Ec2Data(
                  d.vpcs,
                  d.subnets,
                  d.routeTables,
                  d.natGateways,
                  d.internetGateways,
                  d.vpcEndpoints,
                  d.networkAcls,
                  d.securityGroups,
                  d.networkInterfaces,
                  d.flowLogs,
                  d.prefixLists),
              new EcsData(d.clusters, d.services, d.taskDefinitions, d.tasks),
              d.quotas(),
              d.elb(),
              List.copyOf(d.metrics.values()),
              d.trailEvents()));
      for (DumpCommand c : DumpCommand.values()) {
        if (!c.regional) continue;
        if (c == DumpCommand.ELBV2_DESCRIBE_TARGET_HEALTH
            && !d.present.contains(c)
            && d.present.contains(DumpCommand.ELBV2_DESCRIBE_TARGET_GROUPS)
            && d.targetGroups.isEmpty()) {
          // No target group, so no health to describe: that is complete information.
          coverage.add(
              new Coverage(
                  region,
                  c.action,
                  Coverage.Outcome.OK,
                  null,
                  "no target groups in elbv2-describe-target-groups dumps",
                  0,
                  0));
          continue;
        }
        coverage.add(coverageOf(c, region, d.present.contains(c), d.dir));
      }
      coverage.addAll(impliedListings(region, d));
    }
    IamData iam = global.iam();
    coverage.add(iamCoverage(global));
    coverage.add(
        coverageOf(
            DumpCommand.STS_GET_CALLER_IDENTITY,
            Coverage.GLOBAL,
            global.present.contains(DumpCommand.STS_GET_CALLER_IDENTITY),
            dir));

    String account =
        global.account != null
            ? global.account
            : perRegion.stream()
                .map(Dumps::inferAccount)
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(null);
    Capture capture =
        new Capture(
            "fargate-doctor",
            toolVersion,
            clock.instant(),
            "aws-cli-dir",
            account,
            global.callerArn,
            regions.stream().map(RegionSnapshot::region).toList(),
            null);
    Snapshot snapshot = new Snapshot(Snapshot.SCHEMA, capture, regions, iam, coverage);
    // the path is the snapshot's; each part names the dump it came from (regions[0].ecs.services
    // is ecs-describe-services*.json of the first region)
    RequiredFields.check(snapshot, dir.toString());
    return snapshot;
  }

  /**
   * ECS describes take names that only a list call gives, so a describe dump implies its listing;
   * without the dump, the listing counts as not collected too.
   */
  private static List<Coverage> impliedListings(String region, Dumps d) {
    List<Coverage> out = new ArrayList<>();
    boolean clusters =
        d.present.contains(DumpCommand.ECS_DESCRIBE_CLUSTERS)
            || d.present.contains(DumpCommand.ECS_DESCRIBE_SERVICES)
            || d.present.contains(DumpCommand.ECS_DESCRIBE_TASKS);
    out.add(implied(region, "ecs:ListClusters", clusters, "ecs-describe-clusters", d.dir));
    out.add(
        implied(
            region,
            "ecs:ListServices",
            d.present.contains(DumpCommand.ECS_DESCRIBE_SERVICES),
            "ecs-describe-services",
            d.dir));
    out.add(
        implied(
            region,
            "ecs:ListTasks",
            d.present.contains(DumpCommand.ECS_DESCRIBE_TASKS),
            "ecs-describe-tasks",
            d.dir));
    return out;
  }

  private static Coverage implied(
      String region, String action, boolean present, String dump, Path dir) {
    if (present)
      return new Coverage(
          region, action, Coverage.Outcome.OK, null, "implied by " + dump + " dumps", 0, 0);
    return new Coverage(
        region,
        action,
        Coverage.Outcome.NOT_COLLECTED,
        null,
        "no " + dump + ".json in " + dir + " (scripts/aws-cli-dump.sh lists and describes)",
        0,
        0);
  }

  private static Coverage coverageOf(DumpCommand c, String region, boolean present, Path dir) {
    if (present) return Coverage.ok(region, c.action, null, 1, 0);
    return new Coverage(
        region,
        c.action,
        Coverage.Outcome.NOT_COLLECTED,
        null,
        "no " + c.fileStem + ".json in " + dir + " (run `" + c.cli() + " --output json`)",
        0,
        0);
  }

  // Either IAM dump covers the roles, each under its own action; the authorization details also
  // cover
  // their policies, and are what the live collector reads.
  private static Coverage iamCoverage(Dumps global) {
    if (global.present.contains(DumpCommand.IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS)) {
      return Coverage.ok(
          Coverage.GLOBAL, DumpCommand.IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS.action, null, 1, 0);
    }
    if (global.present.contains(DumpCommand.IAM_GET_ROLE)) {
      return Coverage.ok(Coverage.GLOBAL, DumpCommand.IAM_GET_ROLE.action, null, 1, 0);
    }
    return new Coverage(
        Coverage.GLOBAL,
        DumpCommand.IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS.action,
        Coverage.Outcome.NOT_COLLECTED,
        null,
        "no iam-get-account-authorization-details.json or iam-get-role.*.json in "
            + global.dir
            + " (run `aws iam get-account-authorization-details --filter Role LocalManagedPolicy "
            + "AWSManagedPolicy --output json`)",
        0,
        0);
  }

  private Dumps readDumps(Path dir, Set<DumpCommand> only) {
    Dumps dumps = new Dumps(dir);
    List<Path> files =
        list(dir)
            .filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().endsWith(".json"))
            .sorted()
            .toList();
    for (Path file : files) {
      String name = file.getFileName().toString();
      DumpCommand command =
          DumpCommand.forFileName(name)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          file,
                          "unknown dump: the file name must be an aws-CLI command this importer reads, optionally with a "
                              + ".label before .json; known: "
                              + knownNames()));
      if (only != null && !only.contains(command)) {
        throw new InvalidInputException(
            file,
            command.regional
                ? "regional dump at the top of a directory with region sub-directories: move it into its region's "
                    + "directory"
                : "global dump (IAM, STS) in a region sub-directory: move it to the top directory");
      }
      dumps.present.add(command);
      readFile(file, command, command.label(name), dumps);
    }
    return dumps;
  }

  private static Set<DumpCommand> commands(boolean regional) {
    return EnumSet.allOf(DumpCommand.class).stream()
        .filter(c -> c.regional == regional)
        .collect(Collectors.toSet());
  }

  private static String knownNames() {
    return new TreeSet<>(
            EnumSet.allOf(DumpCommand.class).stream().map(c -> c.fileStem + ".json").toList())
        .toString();
  }

  private void readFile(Path file, DumpCommand command, String label, Dumps d) {
    Map<String, JsonLocation> seen = new LinkedHashMap<>();
    boolean found = false;
    try (InputStream in = SnapshotFiles.open(file, limit);
        JsonParser p = MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException(
            file.toString(),
            p.currentLocation().getLineNr(),
            p.currentLocation().getColumnNr(),
            "expected the JSON object printed by `" + command.cli() + " --output json`");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        seen.put(key, p.currentTokenLocation());
        p.nextToken();
        if (key.equals(command.topLevelKey)) {
          found = true;
          bind(command, p, d, file, label);
        } else if (command == DumpCommand.IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS
            && key.equals("Policies")) {
          d.managedPolicies.addAll(MAPPER.readValue(p, listOf(ManagedPolicyDetail.class)));
        } else if (command == DumpCommand.STS_GET_CALLER_IDENTITY && key.equals("Arn")) {
          d.callerArn = p.getValueAsString();
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new InvalidInputException(
            file.toString(),
            p.currentLocation().getLineNr(),
            p.currentLocation().getColumnNr(),
            "unexpected content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof IOException io && !(io instanceof JsonProcessingException)) {
        throw SnapshotFiles.refused(file.toString(), io);
      }
      throw InvalidInputException.fromJson(file, e);
    } catch (IOException e) {
      throw SnapshotFiles.refused(file.toString(), e);
    }
    if (!found) throw wrongCommand(file, command, seen);
  }

  private static InvalidInputException wrongCommand(
      Path file, DumpCommand command, Map<String, JsonLocation> seen) {
    String msg =
        "not the output of `"
            + command.cli()
            + "`: expected a top-level \""
            + command.topLevelKey
            + "\" key, found "
            + (seen.isEmpty() ? "an empty object" : seen.keySet());
    Optional<Map.Entry<String, JsonLocation>> other =
        seen.entrySet().stream()
            .filter(e -> DumpCommand.producing(e.getKey()).isPresent())
            .findFirst();
    if (other.isPresent()) {
      DumpCommand real = DumpCommand.producing(other.get().getKey()).orElseThrow();
      msg += "; this looks like `" + real.cli() + "` (name it " + real.fileStem + ".json)";
      JsonLocation at = other.get().getValue();
      return new InvalidInputException(file.toString(), at.getLineNr(), at.getColumnNr(), msg);
    }
    JsonLocation first = seen.isEmpty() ? null : seen.values().iterator().next();
    return new InvalidInputException(
        file.toString(),
        first == null ? 1 : first.getLineNr(),
        first == null ? 1 : first.getColumnNr(),
        msg);
  }

  private void bind(DumpCommand command, JsonParser p, Dumps d, Path file, String label)
      throws IOException {
    switch (command) {
      case STS_GET_CALLER_IDENTITY -> d.account = p.getValueAsString();
      case EC2_DESCRIBE_VPCS -> d.vpcs.addAll(MAPPER.readValue(p, listOf(Vpc.class)));
      case EC2_DESCRIBE_SUBNETS -> d.subnets.addAll(MAPPER.readValue(p, listOf(Subnet.class)));
      case EC2_DESCRIBE_ROUTE_TABLES ->
          d.routeTables.addAll(MAPPER.readValue(p, listOf(RouteTable.class)));
      case EC2_DESCRIBE_NAT_GATEWAYS ->
          d.natGateways.addAll(MAPPER.readValue(p, listOf(NatGateway.class)));
      case EC2_DESCRIBE_INTERNET_GATEWAYS ->
          d.internetGateways.addAll(MAPPER.readValue(p, listOf(InternetGateway.class)));
      case EC2_DESCRIBE_VPC_ENDPOINTS ->
          d.vpcEndpoints.addAll(MAPPER.readValue(p, listOf(VpcEndpoint.class)));
      case EC2_DESCRIBE_NETWORK_ACLS ->
          d.networkAcls.addAll(MAPPER.readValue(p, listOf(NetworkAcl.class)));
      case EC2_DESCRIBE_SECURITY_GROUPS ->
          d.securityGroups.addAll(MAPPER.readValue(p, listOf(SecurityGroup.class)));
      case EC2_DESCRIBE_NETWORK_INTERFACES ->
          d.networkInterfaces.addAll(MAPPER.readValue(p, listOf(NetworkInterface.class)));
      case EC2_DESCRIBE_FLOW_LOGS -> d.flowLogs.addAll(MAPPER.readValue(p, listOf(FlowLog.class)));
      case EC2_DESCRIBE_PREFIX_LISTS ->
          d.prefixLists.addAll(MAPPER.readValue(p, listOf(PrefixList.class)));
      case CLOUDTRAIL_LOOKUP_EVENTS ->
          d.trailEvents.addAll(MAPPER.readValue(p, listOf(CloudTrailEvent.class)));
      case ECS_DESCRIBE_CLUSTERS -> d.clusters.addAll(MAPPER.readValue(p, listOf(Cluster.class)));
      case ECS_DESCRIBE_SERVICES -> d.services.addAll(MAPPER.readValue(p, listOf(Service.class)));
      case ECS_DESCRIBE_TASK_DEFINITION ->
          d.taskDefinitions.add(MAPPER.readValue(p, TaskDefinition.class));
      case ECS_DESCRIBE_TASKS -> d.tasks.addAll(MAPPER.readValue(p, listOf(Task.class)));
      case IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS ->
          d.roleDetails.addAll(MAPPER.readValue(p, listOf(RoleDetail.class)));
      case IAM_GET_ROLE -> d.roles.add(MAPPER.readValue(p, RoleDetail.class));
      case SERVICE_QUOTAS_GET_SERVICE_QUOTA ->
          d.appliedQuotas.add(MAPPER.readValue(p, ServiceQuota.class));
      case SERVICE_QUOTAS_LIST_SERVICE_QUOTAS ->
          d.listedQuotas.addAll(MAPPER.readValue(p, listOf(ServiceQuota.class)));
      case SERVICE_QUOTAS_LIST_AWS_DEFAULT_SERVICE_QUOTAS ->
          d.defaultQuotas.addAll(MAPPER.readValue(p, listOf(ServiceQuota.class)));
      case ELBV2_DESCRIBE_LOAD_BALANCERS ->
          d.loadBalancers.addAll(MAPPER.readValue(p, listOf(ElbData.LoadBalancer.class)));
      case ELBV2_DESCRIBE_TARGET_GROUPS ->
          d.targetGroups.addAll(MAPPER.readValue(p, listOf(ElbData.TargetGroup.class)));
      case ELBV2_DESCRIBE_TARGET_HEALTH -> {
        if (label == null) {
          throw new InvalidInputException(
              file,
              "the output of `aws elbv2 describe-target-health` does not name its "
                  + "target group: name the file elbv2-describe-target-health.TARGET-GROUP-NAME.json");
        }
        d.targetHealth
            .computeIfAbsent(label, k -> new ArrayList<>())
            .addAll(MAPPER.readValue(p, listOf(ElbData.TargetHealthDescription.class)));
        d.targetHealthFiles.put(label, file);
      }
      case CLOUDWATCH_GET_METRIC_DATA -> {
        JsonLocation start = p.currentTokenLocation();
        List<MetricDataResult> results = MAPPER.readValue(p, listOf(MetricDataResult.class));
        for (MetricDataResult r : results) {
          MetricLabel what =
              MetricLabel.parse(r.label())
                  .orElseThrow(
                      () ->
                          new InvalidInputException(
                              file.toString(),
                              start.getLineNr(),
                              start.getColumnNr(),
                              "result \""
                                  + r.id()
                                  + "\" has the label \""
                                  + r.label()
                                  + "\": each query's Label must say what it is, as NAMESPACE|METRIC|STAT|PERIOD|Key=Value,... "
                                  + "(scripts/aws-cli-dump.sh writes such queries)"));
          d.addMetric(what, r);
        }
      }
    }
  }

  /** One entry of {@code aws cloudwatch get-metric-data}'s MetricDataResults. */
  @com.fasterxml.jackson.databind.annotation.JsonNaming(
      com.fasterxml.jackson.databind.PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record MetricDataResult(
      String id, String label, List<Instant> timestamps, List<Double> values, String statusCode) {}

  private static JavaType listOf(Class<?> type) {
    return MAPPER.getTypeFactory().constructCollectionType(List.class, type);
  }

  private static Stream<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList().stream();
    } catch (IOException e) {
      throw new InvalidInputException(dir, "cannot list: " + e.getMessage());
    }
  }

  /** What one directory's dumps hold, accumulated across files of the same command. */
  private static final class Dumps {
    final Path dir;
    final Set<DumpCommand> present = EnumSet.noneOf(DumpCommand.class);
    String region;
    String account;
    String callerArn;
    final List<Vpc> vpcs = new ArrayList<>();
    final List<Subnet> subnets = new ArrayList<>();
    final List<RouteTable> routeTables = new ArrayList<>();
    final List<NatGateway> natGateways = new ArrayList<>();
    final List<InternetGateway> internetGateways = new ArrayList<>();
    final List<VpcEndpoint> vpcEndpoints = new ArrayList<>();
    final List<NetworkAcl> networkAcls = new ArrayList<>();
    final List<SecurityGroup> securityGroups = new ArrayList<>();
    final List<NetworkInterface> networkInterfaces = new ArrayList<>();
    final List<FlowLog> flowLogs = new ArrayList<>();
    final List<PrefixList> prefixLists = new ArrayList<>();
    final List<CloudTrailEvent> trailEvents = new ArrayList<>();
    final List<Cluster> clusters = new ArrayList<>();
    final List<Service> services = new ArrayList<>();
    final List<TaskDefinition> taskDefinitions = new ArrayList<>();
    final List<Task> tasks = new ArrayList<>();
    final List<RoleDetail> roleDetails = new ArrayList<>();
    final List<ManagedPolicyDetail> managedPolicies = new ArrayList<>();

    /** From {@code iam get-role}: the same shape as a RoleDetail, without policies. */
    final List<RoleDetail> roles = new ArrayList<>();

    final List<ServiceQuota> appliedQuotas = new ArrayList<>();
    final List<ServiceQuota> listedQuotas = new ArrayList<>();
    final List<ServiceQuota> defaultQuotas = new ArrayList<>();
    final List<ElbData.LoadBalancer> loadBalancers = new ArrayList<>();
    final List<ElbData.TargetGroup> targetGroups = new ArrayList<>();

    /** Target health by the file's label: the target group's name (or its ARN's id part). */
    final Map<String, List<ElbData.TargetHealthDescription>> targetHealth = new LinkedHashMap<>();

    final Map<String, Path> targetHealthFiles = new LinkedHashMap<>();

    /** Series by label: the aws CLI pages GetMetricData itself and lists a result per page. */
    final Map<String, MetricSeries> metrics = new LinkedHashMap<>();

    // A series that spans pages arrives in pieces: its points are joined, and the last page's
    // status is the series' status.
    void addMetric(MetricLabel label, MetricDataResult r) {
      MetricSeries page = label.series(r.timestamps(), r.values(), r.statusCode());
      metrics.merge(
          label.format(),
          page,
          (before, next) -> {
            List<Instant> times = new ArrayList<>(before.timestamps());
            times.addAll(next.timestamps());
            List<Double> values = new ArrayList<>(before.values());
            values.addAll(next.values());
            return label.series(times, values, next.statusCode());
          });
    }

    Dumps(Path dir) {
      this.dir = dir;
    }

    Optional<String> inferRegion() {
      // The region is the AZ's prefix: us-east-1a, but also Local Zones (us-west-2-lax-1a).
      Optional<String> fromSubnet =
          subnets.stream()
              .map(Subnet::availabilityZone)
              .filter(az -> az != null)
              .map(REGION_NAME::matcher)
              .filter(Matcher::lookingAt)
              .map(Matcher::group)
              .findFirst();
      if (fromSubnet.isPresent()) return fromSubnet;
      return Stream.of(
              clusters.stream().map(Cluster::clusterArn),
              services.stream().map(Service::serviceArn),
              tasks.stream().map(Task::taskArn),
              taskDefinitions.stream().map(TaskDefinition::taskDefinitionArn))
          .flatMap(s -> s)
          .map(Arns::region)
          .filter(r -> r != null)
          .findFirst();
    }

    Optional<String> inferAccount() {
      return Stream.of(
              clusters.stream().map(Cluster::clusterArn),
              services.stream().map(Service::serviceArn))
          .flatMap(s -> s)
          .map(Arns::account)
          .filter(a -> a != null)
          .findFirst();
    }

    /**
     * The network changes of the lookup-events dumps, once each (one dump per event name may
     * overlap with an unfiltered one); events of other names are not kept, as the collector never
     * asks for them.
     */
    List<CloudTrailEvent> trailEvents() {
      Map<String, CloudTrailEvent> byId = new LinkedHashMap<>();
      for (CloudTrailEvent e : trailEvents) {
        if (!CloudTrailEvent.NETWORK_CHANGES.contains(e.eventName())) continue;
        byId.putIfAbsent(
            e.eventId() != null ? e.eventId() : e.eventName() + "@" + e.eventTime(), e);
      }
      return List.copyOf(byId.values());
    }

    /** Applied values first, then the same quota found by name, then AWS's defaults. */
    List<ServiceQuota> quotas() {
      Map<String, ServiceQuota> byCode = new LinkedHashMap<>();
      for (ServiceQuota q : defaultQuotas)
        byCode.put(key(q), withSource(q, ServiceQuota.SOURCE_AWS_DEFAULT));
      for (ServiceQuota q : listedQuotas)
        byCode.put(key(q), withSource(q, ServiceQuota.SOURCE_APPLIED));
      for (ServiceQuota q : appliedQuotas)
        byCode.put(key(q), withSource(q, ServiceQuota.SOURCE_APPLIED));
      return List.copyOf(byCode.values());
    }

    private static String key(ServiceQuota q) {
      return q.serviceCode() + "/" + q.quotaCode();
    }

    private static ServiceQuota withSource(ServiceQuota q, String source) {
      return new ServiceQuota(q.serviceCode(), q.quotaCode(), q.quotaName(), q.value(), source);
    }

    /** Target health joined to its target group through the file's label. */
    ElbData elb() {
      List<ElbData.TargetHealthDescription> health = new ArrayList<>();
      for (Map.Entry<String, List<ElbData.TargetHealthDescription>> e : targetHealth.entrySet()) {
        String arn =
            targetGroups.stream()
                .filter(t -> e.getKey().equals(t.targetGroupName()))
                .map(ElbData.TargetGroup::targetGroupArn)
                .findFirst()
                .orElseThrow(
                    () ->
                        new InvalidInputException(
                            targetHealthFiles.get(e.getKey()),
                            "no target group named \""
                                + e.getKey()
                                + "\" in the elbv2-describe-target-groups dumps: the label before .json must be the "
                                + "name of the target group this health belongs to"));
        e.getValue()
            .forEach(
                h ->
                    health.add(
                        new ElbData.TargetHealthDescription(
                            arn, h.target(), h.healthCheckPort(), h.targetHealth())));
      }
      return new ElbData(loadBalancers, targetGroups, health);
    }

    IamData iam() {
      Map<String, ManagedPolicyDetail> policies = new LinkedHashMap<>();
      managedPolicies.forEach(p -> policies.put(p.arn(), p));
      Map<String, Role> byArn = new LinkedHashMap<>();
      for (RoleDetail r : roleDetails) {
        List<Role.AttachedPolicy> attached =
            r.attachedManagedPolicies() == null
                ? List.of()
                : r.attachedManagedPolicies().stream()
                    .map(
                        a ->
                            attachedPolicy(
                                a.policyName(), a.policyArn(), policies.get(a.policyArn())))
                    .toList();
        List<Role.InlinePolicy> inline =
            r.rolePolicyList() == null
                ? List.of()
                : r.rolePolicyList().stream()
                    .map(i -> new Role.InlinePolicy(i.policyName(), decoded(i.policyDocument())))
                    .toList();
        String boundary =
            r.permissionsBoundary() == null
                ? null
                : r.permissionsBoundary().permissionsBoundaryArn();
        byArn.put(
            r.arn(),
            new Role(
                r.roleName(),
                r.arn(),
                r.roleId(),
                r.path(),
                decoded(r.assumeRolePolicyDocument()),
                boundary,
                attached,
                inline,
                boundary == null
                    ? null
                    : attachedPolicy(null, boundary, policies.get(boundary)).document()));
      }
      // `iam get-role` shows the trust policy, not the role's policies: they stay unknown.
      for (RoleDetail r : roles) {
        byArn.putIfAbsent(
            r.arn(),
            new Role(
                r.roleName(),
                r.arn(),
                r.roleId(),
                r.path(),
                decoded(r.assumeRolePolicyDocument()),
                r.permissionsBoundary() == null
                    ? null
                    : r.permissionsBoundary().permissionsBoundaryArn(),
                List.of(),
                List.of(),
                null,
                List.of(
                    "inline and attached policies: an iam-get-role dump has none (dump"
                        + " iam-get-account-authorization-details for them)")));
      }
      return new IamData(List.copyOf(byArn.values()), List.of());
    }

    private static Role.AttachedPolicy attachedPolicy(
        String name, String arn, ManagedPolicyDetail detail) {
      if (detail == null) return new Role.AttachedPolicy(name, arn, null, null);
      JsonNode doc =
          detail.policyVersionList() == null
              ? null
              : detail.policyVersionList().stream()
                  .filter(
                      v ->
                          Boolean.TRUE.equals(v.isDefaultVersion())
                              || (v.versionId() != null
                                  && v.versionId().equals(detail.defaultVersionId())))
                  .map(PolicyVersion::document)
                  .findFirst()
                  .orElse(null);
      return new Role.AttachedPolicy(name, arn, detail.defaultVersionId(), decoded(doc));
    }

    private static JsonNode decoded(JsonNode doc) {
      return doc != null && doc.isTextual() ? PolicyDocuments.decode(doc.asText()) : doc;
    }
  }
}
