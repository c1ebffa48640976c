package dev.fargatedoctor.check.ecs;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.iam.Need;
import dev.fargatedoctor.check.iam.Permissions;
import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EnvironmentVariable;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.iam.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether `aws ecs execute-command` would work for a service, by the items of AWS's ECS Exec
 * checker that a read-only scan can see: the service flag (and tasks started before it was set), a
 * task role allowing the four ssmmessages actions, platform version 1.4.0 or later, no read-only
 * root file system, the SSM agent's status in running tasks, what the cluster's ECS Exec
 * configuration adds to the task role (kms:Decrypt on its key, writing the session log to its log
 * group or bucket), and, in a VPC that uses interface endpoints, the ssmmessages endpoint.
 * initProcessEnabled and AWS credential variables in the environment are recommendations, as in the
 * checker.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "ECS-EXEC-NOT-READY",
    title = "ECS Exec would fail for the service",
    law = Law.NOTHING_MAKES_SENSE,
    severity = Severity.LOW,
    needs = {
      Input.ECS_CLUSTERS,
      Input.ECS_SERVICES,
      Input.TASK_DEFINITIONS,
      Input.IAM_ROLES,
      Input.TASKS,
      Input.VPC_ENDPOINTS
    })
public final class EcsExecReadiness implements Check {
  static final List<String> SSM_MESSAGES =
      List.of(
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel");
  private static final Set<String> CREDENTIAL_VARIABLES =
      Set.of("AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

  @Override
  public List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    return ctx.each(region.services(), Resource::service, s -> judgeService(ctx, s, region));
  }

  private static List<Finding> judgeService(CheckContext ctx, Service s, RegionView region) {
    Optional<TaskDefinition> td = region.taskDefinition(s.taskDefinition());
    if (td.isEmpty()) return List.of();
    Review r = new Review();
    String cmdRegion = region.name();
    if (!Boolean.TRUE.equals(s.enableExecuteCommand())) {
      r.must(
          "enableExecuteCommand is off for the service",
          AwsCommand.of("ecs", "update-service")
              .opt("--cluster", s.clusterName())
              .opt("--service", s.serviceName())
              .flag("--enable-execute-command")
              .flag("--force-new-deployment")
              .region(cmdRegion));
    } else {
      long old =
          region.tasksOf(s).stream()
              .filter(t -> !t.isStopped())
              .filter(t -> Boolean.FALSE.equals(t.enableExecuteCommand()))
              .count();
      if (old > 0) {
        r.must(
            old
                + " running task(s) started before enableExecuteCommand was set: they need replacing",
            AwsCommand.of("ecs", "update-service")
                .opt("--cluster", s.clusterName())
                .opt("--service", s.serviceName())
                .flag("--force-new-deployment")
                .region(cmdRegion));
      }
    }
    taskRole(ctx, s, td.get(), r);
    platform(s, td.get(), r);
    containers(td.get(), r);
    agents(region.tasksOf(s), r);
    endpoint(region, s, r);
    return List.of(r.finding(ctx, s));
  }

  // The task role carries the session: the SSM agent in the task opens the channels with it,
  // decrypts
  // with the cluster's KMS key, and writes the session log where the cluster's OVERRIDE sends it.
  private static void taskRole(CheckContext ctx, Service s, TaskDefinition td, Review r) {
    List<Need> needs = new ArrayList<>();
    for (String action : SSM_MESSAGES)
      needs.add(new Need(action, "*", List.of("*"), "open the session channels"));
    clusterNeeds(ctx.region(), s, r, needs);
    String ref = td.taskRoleArn();
    if (ref == null || ref.isBlank()) {
      r.must("the task definition has no task role: the SSM agent has no credentials", null);
      return;
    }
    Optional<Role> role = ctx.region().role(ref);
    if (role.isEmpty()) {
      r.uncertain("task role " + Arns.lastSegment(ref) + " was not read");
      return;
    }
    Permissions p = Permissions.of(role.get());
    List<Need> missing = new ArrayList<>();
    for (Need n : needs) {
      Permissions.Verdict v = p.evaluate(n.action(), n.forms());
      if (v.surelyMissing()) missing.add(n);
      else if (!v.surelyAllowed())
        r.uncertain(
            describe(n)
                + ": "
                + v.because()
                + (v.boundaryMayDeny() ? " (permissions boundary not evaluated)" : ""));
    }
    if (missing.isEmpty()) return;
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    for (Need n : missing)
      byReason.computeIfAbsent(n.why(), k -> new ArrayList<>()).add(describe(n));
    List<String> lines = new ArrayList<>();
    byReason.forEach((why, what) -> lines.add(String.join(", ", what) + " (to " + why + ")"));
    r.must(
        "task role " + role.get().roleName() + " does not allow " + String.join("; ", lines),
        AwsCommand.of("iam", "put-role-policy")
            .opt("--role-name", role.get().roleName())
            .opt("--policy-name", "ecs-exec")
            .opt("--policy-document", Need.policyDocument(missing))
            .region(ctx.region().name()));
  }

  private static String describe(Need n) {
    return n.resource().equals("*") ? n.action() : n.action() + " on " + n.resource();
  }

  /** What the cluster's executeCommandConfiguration adds to the task role's needs. */
  private static void clusterNeeds(RegionView region, Service s, Review r, List<Need> needs) {
    Optional<Cluster> cluster = region.cluster(s.clusterArn());
    Optional<Cluster.ExecuteCommandConfiguration> exec =
        cluster.flatMap(Cluster::executeCommandConfiguration);
    if (exec.isEmpty()) return;
    String name = cluster.get().clusterName();
    String partition = s.serviceArn() == null ? "aws" : s.serviceArn().split(":")[1];
    String account = region.accountId();
    Cluster.ExecuteCommandConfiguration config = exec.get();
    if ("NONE".equals(config.logging())) {
      r.recommend(
          "cluster "
              + name
              + " logs no ECS Exec sessions (logging NONE): commands run in tasks leave no record");
    }
    String key = config.kmsKeyId();
    if (key != null && !key.isBlank()) {
      String arn =
          key.startsWith("arn:")
              ? key
              : "arn:"
                  + partition
                  + ":kms:"
                  + region.name()
                  + ":"
                  + account
                  + ":"
                  + (key.startsWith("alias/") ? key : "key/" + key);
      String why = "decrypt the session with cluster " + name + "'s KMS key";
      if (arn.contains(":alias/")) {
        // A policy names the key, not its alias; this scan does not resolve aliases.
        r.uncertain(
            "kms:Decrypt on the key behind "
                + key
                + " (cluster "
                + name
                + "): aliases are not resolved");
      } else {
        needs.add(new Need("kms:Decrypt", arn, List.of(arn), why));
      }
    }
    Cluster.ExecuteCommandLogConfiguration log = config.logConfiguration();
    if (!"OVERRIDE".equals(config.logging()) || log == null) return;
    if (log.cloudWatchLogGroupName() != null && !log.cloudWatchLogGroupName().isBlank()) {
      String group =
          "arn:"
              + partition
              + ":logs:"
              + region.name()
              + ":"
              + account
              + ":log-group:"
              + log.cloudWatchLogGroupName();
      String why = "write the session log to " + log.cloudWatchLogGroupName();
      needs.add(
          new Need(
              "logs:DescribeLogGroups",
              "*",
              List.of(
                  "*",
                  "arn:" + partition + ":logs:" + region.name() + ":" + account + ":log-group:*"),
              why));
      List<String> forms = List.of(group, group + ":*", group + ":log-stream:*");
      for (String action :
          List.of("logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents")) {
        needs.add(new Need(action, group + ":*", forms, why));
      }
    }
    if (log.s3BucketName() != null && !log.s3BucketName().isBlank()) {
      String bucket = "arn:" + partition + ":s3:::" + log.s3BucketName();
      String prefix =
          log.s3KeyPrefix() == null || log.s3KeyPrefix().isBlank()
              ? ""
              : log.s3KeyPrefix().replaceAll("^/+|/+$", "") + "/";
      String why = "write the session log to s3://" + log.s3BucketName() + "/" + prefix;
      String objects = bucket + "/" + prefix + "*";
      needs.add(new Need("s3:PutObject", objects, List.of(objects), why));
      if (Boolean.TRUE.equals(log.s3EncryptionEnabled())) {
        needs.add(
            new Need(
                "s3:GetEncryptionConfiguration", bucket, List.of(bucket), why + " (encrypted)"));
      }
    }
  }

  private static void platform(Service s, TaskDefinition td, Review r) {
    String version = s.platformVersion();
    if (version == null || version.equalsIgnoreCase("LATEST")) return;
    boolean windows =
        td.runtimePlatform() != null
            && td.runtimePlatform().operatingSystemFamily() != null
            && td.runtimePlatform().operatingSystemFamily().startsWith("WINDOWS");
    String minimum = windows ? "1.0.0" : "1.4.0";
    if (compare(version, minimum) < 0) {
      r.must("platform version " + version + " is older than " + minimum, null);
    }
  }

  private static void containers(TaskDefinition td, Review r) {
    for (TaskDefinition.ContainerDefinition c : td.containerDefinitions()) {
      if (Boolean.TRUE.equals(c.readonlyRootFilesystem())) {
        r.must(
            c.name() + " has readonlyRootFilesystem: the SSM agent cannot write its files", null);
      }
      if (c.linuxParameters() == null
          || !Boolean.TRUE.equals(c.linuxParameters().initProcessEnabled())) {
        r.recommend(
            c.name() + ": initProcessEnabled is off (sessions can leave zombie processes behind)");
      }
      for (EnvironmentVariable e : c.environment()) {
        if (CREDENTIAL_VARIABLES.contains(e.name())) {
          r.recommend(
              c.name()
                  + " defines "
                  + e.name()
                  + ": the SSM agent would use those keys instead of the task role");
        }
      }
    }
  }

  private static void agents(List<Task> tasks, Review r) {
    for (Task t : tasks) {
      if (t.isStopped()) continue;
      for (Task.Container c : t.containers()) {
        for (Task.ManagedAgent a : c.managedAgents()) {
          if (!"ExecuteCommandAgent".equals(a.name())) continue;
          String id = Arns.lastSegment(t.taskArn());
          if ("STOPPED".equals(a.lastStatus())) {
            r.must(
                "the ExecuteCommandAgent of "
                    + c.name()
                    + " in task "
                    + id
                    + " stopped"
                    + (a.reason() == null ? "" : ": " + a.reason()),
                null);
          } else if ("PENDING".equals(a.lastStatus())) {
            r.recommend(
                "the ExecuteCommandAgent of " + c.name() + " in task " + id + " is still PENDING");
          }
        }
      }
    }
  }

  // In a VPC that uses interface endpoints, the session channel needs ssmmessages' endpoint unless
  // the task subnets have another way out.
  private static void endpoint(RegionView region, Service s, Review r) {
    Set<String> vpcs = new LinkedHashSet<>();
    for (String id : s.subnets()) region.subnet(id).map(Subnet::vpcId).ifPresent(vpcs::add);
    for (String vpc : vpcs) {
      List<VpcEndpoint> endpoints =
          region.vpcEndpoints(vpc).stream()
              .filter(e -> "Interface".equalsIgnoreCase(e.vpcEndpointType()))
              .toList();
      if (endpoints.isEmpty()) continue;
      String service = "com.amazonaws." + region.name() + ".ssmmessages";
      if (endpoints.stream().anyMatch(e -> service.equals(e.serviceName()))) continue;
      boolean egress =
          s.subnets().stream()
              .allMatch(
                  id ->
                      region
                          .routeTableFor(id)
                          .flatMap(t -> t.defaultRoute())
                          .filter(route -> !route.isBlackhole())
                          .map(
                              route ->
                                  route.natGatewayId() != null
                                      || (route.gatewayId() != null
                                          && route.gatewayId().startsWith("igw-")))
                          .orElse(false));
      List<String> subnets =
          s.subnets().stream()
              .filter(id -> region.subnet(id).map(x -> vpc.equals(x.vpcId())).orElse(false))
              .toList();
      String command =
          AwsCommand.of("ec2", "create-vpc-endpoint")
              .opt("--vpc-id", vpc)
              .opt("--vpc-endpoint-type", "Interface")
              .opt("--service-name", service)
              .optShell(
                  "--subnet-ids",
                  String.join(" ", subnets.stream().map(AwsCommand::quoteId).toList()))
              .optShell(
                  "--security-group-ids",
                  String.join(" ", s.securityGroups().stream().map(AwsCommand::quoteId).toList()))
              .flag("--private-dns-enabled")
              .region(region.name());
      String text = vpc + " uses interface endpoints but has none for ssmmessages";
      if (egress)
        r.recommend(text + " (the subnets' NAT or internet route carries the session meanwhile)");
      else r.must(text + ", and the task subnets have no NAT or internet route", command);
    }
  }

  /** Compares dotted versions numerically: 1.10.0 is newer than 1.4.0. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? parse(x[i]) : 0;
      int yi = i < y.length ? parse(y[i]) : 0;
      if (xi != yi) return Integer.compare(xi, yi);
    }
    return 0;
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s.replaceAll("\\D.*$", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * What one service's review found: what would make Exec fail, what is uncertain, what is advised.
   */
  private static final class Review {
    final List<String> musts = new ArrayList<>();
    final List<String> commands = new ArrayList<>();
    final List<String> uncertain = new ArrayList<>();
    final List<String> recommended = new ArrayList<>();

    void must(String what, String command) {
      musts.add(what);
      if (command != null && !commands.contains(command)) commands.add(command);
    }

    void uncertain(String what) {
      uncertain.add(what);
    }

    void recommend(String what) {
      recommended.add(what);
    }

    Finding finding(CheckContext ctx, Service s) {
      FindingBuilder f =
          ctx.finding(Resource.service(s))
              .evidence("would fail because", musts.isEmpty() ? null : musts)
              .evidence("not certain", uncertain.isEmpty() ? null : uncertain)
              .evidence("recommended", recommended.isEmpty() ? null : recommended);
      if (!musts.isEmpty()) {
        f.fail(
            s.serviceName()
                + ": ECS Exec would fail: "
                + musts.get(0)
                + (musts.size() > 1 ? " (and " + (musts.size() - 1) + " more)" : ""));
        f.fix(
            "ECS Exec is how you look inside a Fargate task without SSH; get it ready before the incident. "
                + "After changing the task role or definition, start new tasks.",
            commands.toArray(String[]::new));
        return f.build();
      }
      if (!uncertain.isEmpty()) {
        return f.unknown(
                s.serviceName() + ": ECS Exec readiness depends on what this scan cannot evaluate")
            .fix(
                "Review the items listed; aws-containers/amazon-ecs-exec-checker simulates the policies from a shell.")
            .build();
      }
      return f.pass(s.serviceName() + ": ECS Exec is ready").build();
    }
  }
}
