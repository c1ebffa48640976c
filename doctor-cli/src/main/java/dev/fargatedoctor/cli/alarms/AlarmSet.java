package dev.fargatedoctor.cli.alarms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.cli.watch.WatchMetrics;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alarms and event rules of one region, independent of the format they are written in, so the
 * CloudFormation and the Terraform output say exactly the same thing. Where the write-up's alarms
 * were wrong, these are not: the ENI thresholds come from the actual quota, memory is a percentage
 * by metric math (Container Insights reports megabytes), and every alarm notifies the given topic.
 */
final class AlarmSet {
  record Query(
      String id,
      String namespace,
      String metric,
      Map<String, String> dimensions,
      int period,
      String stat,
      String expression,
      String label,
      boolean returnData) {
    static Query metric(
        String id,
        String namespace,
        String metric,
        Map<String, String> dimensions,
        int period,
        String stat) {
      return new Query(id, namespace, metric, dimensions, period, stat, null, null, false);
    }

    static Query expression(String id, String expression, String label) {
      return new Query(id, null, null, Map.of(), 0, null, expression, label, true);
    }
  }

  /** A metric-math alarm: the last query is the one compared with the threshold. */
  record Alarm(
      String subject,
      String kind,
      String alarmName,
      String description,
      List<Query> queries,
      String comparison,
      double threshold,
      int evaluationPeriods,
      int datapointsToAlarm,
      String treatMissingData) {}

  /** An EventBridge rule that sends matching events to the topic. */
  record Rule(
      String subject,
      String kind,
      String ruleName,
      String description,
      ObjectNode pattern,
      boolean usEast1Only) {}

  final AlarmPlan plan;
  final List<Alarm> alarms = new ArrayList<>();
  final List<Rule> rules = new ArrayList<>();

  AlarmSet(AlarmPlan plan, Thresholds thresholds) {
    this.plan = plan;
    eni(thresholds.eniWarnPercent());
    eni(thresholds.eniCriticalPercent());
    for (AlarmPlan.ServiceRef s : plan.services()) {
      memory(s);
      runningBelowDesired(s);
    }
    deploymentFailed();
    serviceActionProblems();
    networkChanges();
    if (!plan.roleNames().isEmpty()) trustChanges();
  }

  private void eni(double percent) {
    Map<String, String> region = Map.of(WatchMetrics.REGION, plan.region());
    alarms.add(
        new Alarm(
            "eni",
            "utilization" + fmt(percent).replace(".", "p"),
            "fargate-doctor-" + plan.region() + "-eni-" + fmt(percent).replace('.', '-'),
            String.format(
                Locale.ROOT,
                "Network interfaces of %s at %s %% of the Region quota (vpc/L-DF5E4CA3; %s when "
                    + "generated: %d interfaces). Tasks stay PENDING at the quota. Needs fargate-doctor watch "
                    + "--publish cloudwatch.",
                plan.region(),
                fmt(percent),
                fmt(plan.eniQuota()),
                plan.eniAt(percent)),
            List.of(
                Query.metric(
                    "inuse",
                    WatchMetrics.NAMESPACE,
                    WatchMetrics.ENIS_IN_USE,
                    region,
                    300,
                    "Maximum"),
                Query.metric(
                    "quota",
                    WatchMetrics.NAMESPACE,
                    WatchMetrics.ENI_QUOTA,
                    region,
                    300,
                    "Maximum"),
                Query.expression("utilization", "100 * inuse / quota", "ENI utilisation (%)")),
            "GreaterThanOrEqualToThreshold",
            percent,
            2,
            2,
            "missing"));
  }

  private void memory(AlarmPlan.ServiceRef s) {
    Map<String, String> dims = serviceDimensions(s);
    alarms.add(
        new Alarm(
            s.name(),
            "memory",
            "fargate-doctor-" + s.cluster() + "-" + s.service() + "-memory",
            "Memory of "
                + s.name()
                + " above 80 % of its reservation: MemoryUtilized / MemoryReserved (Container "
                + "Insights, megabytes). "
                + insightsNote(s),
            List.of(
                Query.metric(
                    "utilized", "ECS/ContainerInsights", "MemoryUtilized", dims, 300, "Average"),
                Query.metric(
                    "reserved", "ECS/ContainerInsights", "MemoryReserved", dims, 300, "Average"),
                Query.expression("memory", "100 * utilized / reserved", "Memory utilisation (%)")),
            "GreaterThanThreshold",
            80,
            3,
            3,
            "missing"));
  }

  private void runningBelowDesired(AlarmPlan.ServiceRef s) {
    Map<String, String> dims = serviceDimensions(s);
    alarms.add(
        new Alarm(
            s.name(),
            "running",
            "fargate-doctor-" + s.cluster() + "-" + s.service() + "-running",
            "Fewer tasks of "
                + s.name()
                + " running than desired for 10 minutes (a deployment or scale-out that does "
                + "not progress: read the service events). "
                + insightsNote(s),
            List.of(
                Query.metric(
                    "running", "ECS/ContainerInsights", "RunningTaskCount", dims, 60, "Average"),
                Query.metric(
                    "desired", "ECS/ContainerInsights", "DesiredTaskCount", dims, 60, "Average"),
                Query.expression("missing", "desired - running", "Tasks missing")),
            "GreaterThanThreshold",
            0,
            10,
            10,
            "missing"));
  }

  private static Map<String, String> serviceDimensions(AlarmPlan.ServiceRef s) {
    Map<String, String> dims = new LinkedHashMap<>();
    dims.put("ClusterName", s.cluster());
    dims.put("ServiceName", s.service());
    return dims;
  }

  private static String insightsNote(AlarmPlan.ServiceRef s) {
    return s.insightsOn()
        ? "Container Insights is " + s.containerInsights() + " on " + s.cluster() + "."
        : "Needs Container Insights on cluster "
            + s.cluster()
            + " ("
            + (s.containerInsights() == null ? "not set in the snapshot" : s.containerInsights())
            + "): aws ecs update-cluster-settings --cluster "
            + s.cluster()
            + " --settings name=containerInsights,value=enabled";
  }

  private void deploymentFailed() {
    ObjectNode p = pattern("aws.ecs", "ECS Deployment State Change");
    p.putObject("detail").putArray("eventName").add("SERVICE_DEPLOYMENT_FAILED");
    rules.add(
        new Rule(
            "ecs",
            "deployment-failed",
            "fargate-doctor-" + plan.region() + "-deployment-failed",
            "ECS deployments that failed (sent for services with the deployment circuit breaker on)",
            p,
            false));
  }

  private void serviceActionProblems() {
    ObjectNode p = pattern("aws.ecs", "ECS Service Action");
    p.putObject("detail").putArray("eventType").add("WARN").add("ERROR");
    rules.add(
        new Rule(
            "ecs",
            "service-action",
            "fargate-doctor-" + plan.region() + "-service-action",
            "ECS service actions of type WARN or ERROR (task placement, start impaired, task configuration)",
            p,
            false));
  }

  private void networkChanges() {
    ObjectNode p = pattern("aws.ec2", "AWS API Call via CloudTrail");
    ObjectNode detail = p.putObject("detail");
    detail.putArray("eventSource").add("ec2.amazonaws.com");
    ArrayNode names = detail.putArray("eventName");
    AlarmPlan.NETWORK_CHANGES.forEach(names::add);
    rules.add(
        new Rule(
            "ec2",
            "network-changes",
            "fargate-doctor-" + plan.region() + "-network-changes",
            "Route, route table association, network ACL and NAT gateway changes (CloudTrail)",
            p,
            false));
  }

  private void trustChanges() {
    ObjectNode p = pattern("aws.iam", "AWS API Call via CloudTrail");
    ObjectNode detail = p.putObject("detail");
    detail.putArray("eventSource").add("iam.amazonaws.com");
    detail.putArray("eventName").add("UpdateAssumeRolePolicy");
    ArrayNode roles = detail.putObject("requestParameters").putArray("roleName");
    plan.roleNames().forEach(roles::add);
    rules.add(
        new Rule(
            "iam",
            "trust-changes",
            "fargate-doctor-task-role-trust-changes",
            "Trust policy changes of the task and execution roles (IAM events arrive in us-east-1 only)",
            p,
            true));
  }

  private static ObjectNode pattern(String source, String detailType) {
    ObjectNode p = SnapshotJson.mapper().createObjectNode();
    p.putArray("source").add(source);
    p.putArray("detail-type").add(detailType);
    return p;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
