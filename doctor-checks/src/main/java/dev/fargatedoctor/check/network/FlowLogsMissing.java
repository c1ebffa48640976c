package dev.fargatedoctor.check.network;

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
import dev.fargatedoctor.snapshot.ec2.FlowLog;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A VPC that runs tasks where no flow log records their traffic: the VPC has no ACTIVE flow log and
 * some task subnet has none of its own, or the only ones fail to deliver. When a path breaks (the
 * write-up's morning), flow logs are what shows where packets stop, and they only show traffic from
 * the moment they exist.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "FLOWLOGS-MISSING",
    title = "No flow log covers the subnets that run tasks",
    law = Law.NOTHING_MAKES_SENSE,
    severity = Severity.LOW,
    needs = {Input.ECS_SERVICES, Input.SUBNETS, Input.FLOW_LOGS})
public final class FlowLogsMissing implements Check {
  /**
   * The default fields, then those that place a flow (VPC, subnet, AZ, direction, path, addresses
   * before NAT), name the AWS service at the other end, and the version-7 ECS fields that tie it to
   * a cluster, service and task: everything the flow checks read.
   */
  public static final String LOG_FORMAT =
      "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} "
          + "${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${vpc-id} ${subnet-id} "
          + "${az-id} ${tcp-flags} ${pkt-srcaddr} ${pkt-dstaddr} ${flow-direction} ${traffic-path} "
          + "${pkt-src-aws-service} ${pkt-dst-aws-service} ${ecs-cluster-name} ${ecs-service-name} "
          + "${ecs-task-id}";

  @Override
  public List<Finding> run(CheckContext ctx) {
    RegionView region = ctx.region();
    List<FlowLog> logs = region.data().ec2().flowLogs();
    return ctx.each(
        taskSubnetsByVpc(region).entrySet(),
        e -> Resource.of("vpc", e.getKey()),
        e -> List.of(judgeVpc(ctx, region, logs, e.getKey(), e.getValue())));
  }

  /** The subnets the Region's services place tasks in, by VPC. */
  static Map<String, Set<String>> taskSubnetsByVpc(RegionView region) {
    Map<String, Set<String>> taskSubnetsByVpc = new LinkedHashMap<>();
    for (String subnetId : region.servicesBySubnet().keySet()) {
      region
          .subnet(subnetId)
          .ifPresent(
              s ->
                  taskSubnetsByVpc
                      .computeIfAbsent(s.vpcId(), k -> new LinkedHashSet<>())
                      .add(s.subnetId()));
    }
    return taskSubnetsByVpc;
  }

  private static Finding judgeVpc(
      CheckContext ctx, RegionView region, List<FlowLog> logs, String vpcId, Set<String> subnets) {
    Covered covered = Covered.of(vpcId, subnets, logs);
    FindingBuilder f = ctx.finding(new Resource("vpc", vpcId, null));
    String owner = ownerElsewhere(region, vpcId, covered.uncovered());
    if (!covered.uncovered().isEmpty() && covered.failing().isEmpty() && owner != null) {
      // A participant cannot describe the flow logs of a shared VPC or subnet (AWS VPC sharing):
      // none visible is not none there.
      return f.evidence("task subnets", List.copyOf(subnets))
          .evidence("flow logs", describe(covered.relevant()))
          .evidence("owner", "ownerAccount", owner + " (shared with this account)")
          .evidence("not visible from this account", covered.uncovered())
          .unknown(
              vpcId
                  + " is shared with this account by "
                  + owner
                  + ": a participant cannot see the flow logs of a shared VPC or its subnets, so whether"
                  + " one records the task subnets is not known here")
          .fix(
              "The owner, account "
                  + owner
                  + ", can tell from its own account (or scan it with this one: `fargate-doctor scan"
                  + " --accounts "
                  + owner
                  + ","
                  + region.accountId()
                  + "`). A participant may create flow logs on the network interfaces it owns.",
              AwsCommand.of("ec2", "describe-flow-logs")
                  .opt(
                      "--filter",
                      "Name=resource-id,Values="
                          + String.join(
                              ",",
                              Stream.concat(Stream.of(vpcId), covered.uncovered().stream())
                                  .toList()))
                  .region(region.name()))
          .build();
    }
    return judge(f, region.name(), region.accountId(), vpcId, subnets, covered, owner, false);
  }

  /**
   * FLOWLOGS-MISSING for a participant's task subnets in a VPC shared with it, judged with the flow
   * logs its owner's scan sees (a participant cannot describe them): the same rules as for one
   * account, and a fix to run in the owner's account, the only one that can create them.
   */
  public static Finding judge(VpcFlowLogs participant, VpcFlowLogs owner) {
    Map<String, FlowLog> logs = new LinkedHashMap<>();
    for (FlowLog l : owner.logs()) logs.putIfAbsent(l.flowLogId(), l);
    for (FlowLog l : participant.logs()) logs.putIfAbsent(l.flowLogId(), l);
    return judge(
        FindingBuilder.of(
            FlowLogsMissing.class,
            participant.account(),
            participant.region(),
            new Resource("vpc", participant.vpcId(), null)),
        participant.region(),
        owner.account(),
        participant.vpcId(),
        participant.taskSubnets(),
        Covered.of(participant.vpcId(), participant.taskSubnets(), List.copyOf(logs.values())),
        owner.account(),
        true);
  }

  /**
   * The verdict on a VPC's task subnets. {@code owner} is the VPC's owner when it is not {@code
   * account} (a shared VPC), whose account the fix is for; {@code ownersView} when the flow logs
   * are those the owner's scan sees.
   */
  private static Finding judge(
      FindingBuilder f,
      String region,
      String account,
      String vpcId,
      Set<String> subnets,
      Covered covered,
      String owner,
      boolean ownersView) {
    f.evidence("task subnets", List.copyOf(subnets));
    if (owner != null) f.evidence("owner", "ownerAccount", owner + " (shared with this account)");
    f.evidence(
        ownersView ? "flow logs as the owner " + owner + " sees them" : "flow logs",
        "flowLogs",
        describe(covered.relevant()));
    String whose = owner == null ? "" : " (owned by " + owner + ")";
    List<String> uncovered = covered.uncovered();
    List<FlowLog> failing = covered.failing();
    String fixAccount = owner == null ? account : owner;
    if (!uncovered.isEmpty()) {
      String title =
          failing.isEmpty()
              ? (uncovered.size() == subnets.size()
                  ? "no flow log records the traffic of " + vpcId + whose
                  : "no flow log covers task subnets "
                      + String.join(", ", uncovered)
                      + " of "
                      + vpcId
                      + whose)
              : "the flow logs of "
                  + vpcId
                  + whose
                  + " fail to deliver: "
                  + failing.get(0).deliverLogsErrorMessage();
      f.fail(title).evidence("not covered", uncovered);
      fix(f, region, fixAccount, vpcId, failing, owner);
      return f.build();
    }
    boolean rejects =
        covered.relevant().stream()
            .filter(FlowLogsMissing::works)
            .anyMatch(l -> !"ACCEPT".equalsIgnoreCase(l.trafficType()));
    if (!rejects) {
      f.warn(
          "the flow logs of "
              + vpcId
              + whose
              + " record only accepted traffic: packets a network ACL or security group "
              + "drops are not in them");
      fix(f, region, fixAccount, vpcId, List.of(), owner);
      return f.build();
    }
    return f.pass("an active flow log records the traffic of every task subnet").build();
  }

  /**
   * What the flow logs of a VPC and its task subnets cover: a VPC log that works covers every
   * subnet, else each needs a working one of its own; interface-level logs do not count (Fargate
   * interfaces come and go with tasks).
   */
  private record Covered(List<FlowLog> relevant, List<String> uncovered, List<FlowLog> failing) {
    static Covered of(String vpcId, Set<String> subnets, List<FlowLog> logs) {
      List<FlowLog> relevant =
          logs.stream()
              .filter(l -> vpcId.equals(l.resourceId()) || subnets.contains(l.resourceId()))
              .toList();
      boolean vpcCovered =
          relevant.stream().anyMatch(l -> vpcId.equals(l.resourceId()) && works(l));
      List<String> uncovered =
          subnets.stream()
              .filter(
                  s ->
                      !vpcCovered
                          && relevant.stream().noneMatch(l -> s.equals(l.resourceId()) && works(l)))
              .toList();
      return new Covered(relevant, uncovered, relevant.stream().filter(l -> !works(l)).toList());
    }
  }

  /** The account that owns the VPC or one of the subnets, when it is not the scanned one. */
  static String ownerElsewhere(RegionView region, String vpcId, Collection<String> subnets) {
    String account = region.accountId();
    for (var v : region.data().ec2().vpcs())
      if (vpcId.equals(v.vpcId())
          && v.ownerId() != null
          && account != null
          && !v.ownerId().equals(account)) return v.ownerId();
    for (String id : subnets) {
      var s = region.subnet(id);
      if (s.isPresent() && s.get().ownedByAnother(account)) return s.get().ownerId();
    }
    return null;
  }

  /** ACTIVE, and not failing to deliver (a log group it may not write, a bucket that is gone). */
  static boolean works(FlowLog l) {
    return (l.flowLogStatus() == null || "ACTIVE".equalsIgnoreCase(l.flowLogStatus()))
        && !"FAILED".equalsIgnoreCase(l.deliverLogsStatus());
  }

  private static Object describe(List<FlowLog> logs) {
    return logs.isEmpty() ? "none" : logs.stream().map(FlowLogsMissing::describe).toList();
  }

  private static String describe(FlowLog l) {
    return l.flowLogId()
        + " on "
        + l.resourceId()
        + ": "
        + l.trafficType()
        + " to "
        + (l.logDestinationType() == null ? "cloud-watch-logs" : l.logDestinationType())
        + ", "
        + l.flowLogStatus()
        + (l.deliverLogsStatus() == null ? "" : ", delivery " + l.deliverLogsStatus())
        + (l.deliverLogsErrorMessage() == null ? "" : " (" + l.deliverLogsErrorMessage() + ")");
  }

  /**
   * A VPC flow log of all traffic to CloudWatch Logs, with the role the service needs to write
   * there (trusting vpc-flow-logs.amazonaws.com, limited to the account when it is known). In a
   * shared VPC only the owner can create it, so the commands are for the owner's account.
   */
  private static void fix(
      FindingBuilder f,
      String r,
      String accountId,
      String vpcId,
      List<FlowLog> failing,
      String owner) {
    String group = "/aws/vpc/flowlogs/" + vpcId;
    String role = "flow-logs-" + vpcId;
    Optional<String> account = Optional.ofNullable(accountId);
    String condition =
        account
            .map(a -> ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"" + a + "\"}}")
            .orElse("");
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"vpc-flow-logs.amazonaws.com\"},\"Action\":\"sts:AssumeRole\""
            + condition
            + "}]}";
    String resource =
        account.map(a -> "arn:aws:logs:" + r + ":" + a + ":log-group:" + group + ":*").orElse("*");
    String permissions =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
            + "\"logs:CreateLogStream\",\"logs:PutLogEvents\",\"logs:DescribeLogGroups\",\"logs:DescribeLogStreams\"],"
            + "\"Resource\":\""
            + resource
            + "\"}]}";
    if (owner != null) {
      f.fix(
          "Only the owner of a shared VPC can create a flow log on it or its subnets: run these"
              + " commands in the owner's account, "
              + owner
              + " (the log group, the role and the flow log are the owner's).");
    }
    f.note(
        "Create a VPC flow log of all traffic (accepted and rejected) to CloudWatch Logs, in a format with the "
            + "ECS fields (cluster, service, task) that tie a flow to a task. It records from now on: create it before "
            + "the next incident. The role lets the flow-logs service write to the log group; to deliver to S3 instead, "
            + "use --log-destination-type s3 --log-destination with a bucket ARN and no role.");
    if (owner != null) {
      f.note(
          "A participant may instead create flow logs on the network interfaces it owns, but a"
              + " Fargate task's interface lasts only as long as its task: such a log misses every"
              + " task started after it, which is why this check does not count them.");
    }
    for (FlowLog l : failing) {
      f.note(
          "Flow log "
              + l.flowLogId()
              + " fails to deliver ("
              + l.deliverLogsErrorMessage()
              + "): delete it once "
              + "the new one is ACTIVE (aws ec2 delete-flow-logs --flow-log-ids "
              + l.flowLogId()
              + ").");
    }
    f.command(AwsCommand.of("logs", "create-log-group").opt("--log-group-name", group).region(r));
    f.command(
        AwsCommand.of("logs", "put-retention-policy")
            .opt("--log-group-name", group)
            .opt("--retention-in-days", 30)
            .region(r));
    f.command(
        AwsCommand.of("iam", "create-role")
            .opt("--role-name", role)
            .opt("--assume-role-policy-document", trust)
            .opt("--query", "Role.Arn")
            .opt("--output", "text")
            .captureAs("FLOW_LOGS_ROLE")
            .region(r));
    f.command(
        AwsCommand.of("iam", "put-role-policy")
            .opt("--role-name", role)
            .opt("--policy-name", "deliver-flow-logs")
            .opt("--policy-document", permissions)
            .region(r));
    f.command(
        AwsCommand.of("ec2", "create-flow-logs")
            .opt("--resource-type", "VPC")
            .opt("--resource-ids", vpcId)
            .opt("--traffic-type", "ALL")
            .opt("--log-destination-type", "cloud-watch-logs")
            .opt("--log-group-name", group)
            .optShell("--deliver-logs-permission-arn", "\"$FLOW_LOGS_ROLE\"")
            .opt("--max-aggregation-interval", 60)
            .opt("--log-format", LOG_FORMAT)
            .region(r));
  }
}
