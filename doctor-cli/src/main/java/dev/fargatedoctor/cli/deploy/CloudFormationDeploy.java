package dev.fargatedoctor.cli.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.util.List;

/**
 * The deployment as one CloudFormation template (JSON): the report bucket, the log group, a
 * cluster, an egress-only security group, the roles, the scan's task definition and its EventBridge
 * Scheduler schedule, the watch service, and the alarms of {@code fargate-doctor alarms}, whose
 * network-interface alarms read the metrics the watch service publishes.
 */
final class CloudFormationDeploy {
  private static final String CONTAINER = "fargate-doctor";

  private CloudFormationDeploy() {}

  static String render(DeployPlan plan, ObjectNode alarms) {
    try {
      return SnapshotJson.mapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(template(plan, alarms))
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode template(DeployPlan plan, ObjectNode alarms) {
    ObjectNode t = object();
    t.put("AWSTemplateFormatVersion", "2010-09-09");
    t.put(
        "Description",
        "Fargate Doctor in this account: "
            + (plan.scan() ? "a scheduled read-only scan" : "")
            + (plan.scan() && plan.watch() ? " and " : "")
            + (plan.watch() ? "watch as a service" : "")
            + ", reports and state in the stack's bucket, alarms on its metrics"
            + " (fargate-doctor deploy --format cloudformation)");
    ObjectNode parameters = t.putObject("Parameters");
    parameter(
        parameters, "Image", "String", "The fargate-doctor container image (docs/containers.md).");
    parameter(parameters, "VpcId", "AWS::EC2::VPC::Id", "VPC of the task subnets.");
    parameter(
        parameters,
        "Subnets",
        "List<AWS::EC2::Subnet::Id>",
        "Subnets the tasks run in: private ones with a NAT gateway or VPC endpoints to the AWS APIs.");
    ObjectNode publicIp =
        parameter(
            parameters,
            "AssignPublicIp",
            "String",
            "ENABLED only for public subnets without a NAT gateway.");
    publicIp.put("Default", "DISABLED");
    publicIp.putArray("AllowedValues").add("ENABLED").add("DISABLED");
    if (plan.scan()) {
      ObjectNode schedule =
          parameter(
              parameters,
              "ScheduleExpression",
              "String",
              "When the scan runs (EventBridge Scheduler): rate(...) or cron(...).");
      schedule.put("Default", plan.schedule());
    }
    ObjectNode retention =
        parameter(
            parameters, "ReportRetentionDays", "Number", "Days a report is kept in the bucket.");
    retention.put("Default", 90);
    retention.put("MinValue", 1);
    alarms
        .path("Parameters")
        .fields()
        .forEachRemaining(e -> parameters.set(e.getKey(), e.getValue()));
    if (alarms.has("Conditions")) t.set("Conditions", alarms.get("Conditions"));

    ObjectNode r = t.putObject("Resources");
    bucket(r);
    ObjectNode logs = resource(r, "LogGroup", "AWS::Logs::LogGroup");
    logs.put("LogGroupName", "/ecs/" + plan.name());
    logs.put("RetentionInDays", 30);
    resource(r, "Cluster", "AWS::ECS::Cluster");
    ObjectNode sg = resource(r, "TaskSecurityGroup", "AWS::EC2::SecurityGroup");
    sg.put("GroupDescription", "Fargate Doctor tasks: HTTPS out to the AWS APIs, nothing in");
    sg.set("VpcId", ref("VpcId"));
    ObjectNode egress = sg.putArray("SecurityGroupEgress").addObject();
    egress.put("IpProtocol", "tcp");
    egress.put("FromPort", 443);
    egress.put("ToPort", 443);
    egress.put("CidrIp", "0.0.0.0/0");
    egress.put("Description", "AWS APIs over HTTPS");

    ObjectNode exec = resource(r, "ExecutionRole", "AWS::IAM::Role");
    exec.set("AssumeRolePolicyDocument", trust("ecs-tasks.amazonaws.com"));
    exec.putArray("ManagedPolicyArns")
        .add(
            sub(
                "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
    taskRole(r, plan);

    if (plan.scan()) {
      taskDefinition(
          r,
          "ScanTaskDefinition",
          plan.name() + "-scan",
          "1024",
          "2048",
          "scan",
          plan.scanCommand("${AWS::Region}", "${ReportBucket}"));
      schedule(r);
    }
    if (plan.watch()) {
      taskDefinition(
          r,
          "WatchTaskDefinition",
          plan.name() + "-watch",
          "512",
          "1024",
          "watch",
          plan.watchCommand("${AWS::Region}", "${ReportBucket}"));
      service(r);
    }
    alarms.path("Resources").fields().forEachRemaining(e -> r.set(e.getKey(), e.getValue()));

    ObjectNode outputs = t.putObject("Outputs");
    output(outputs, "ReportBucket", ref("ReportBucket"), "The bucket of reports and watch state");
    if (plan.scan()) {
      output(
          outputs,
          "LatestReport",
          sub("s3://${ReportBucket}/" + DeployPlan.REPORTS + "/latest." + plan.reportExtension()),
          "The newest scheduled report");
    }
    output(outputs, "LogGroup", ref("LogGroup"), "Where the tasks log");
    output(outputs, "Cluster", getAtt("Cluster", "Arn"), "The cluster the tasks run in");
    return t;
  }

  private static void bucket(ObjectNode r) {
    ObjectNode b = r.putObject("ReportBucket");
    b.put("Type", "AWS::S3::Bucket");
    // Reports outlive the stack: deleting it leaves the bucket to empty and delete by hand.
    b.put("DeletionPolicy", "Retain");
    b.put("UpdateReplacePolicy", "Retain");
    ObjectNode p = b.putObject("Properties");
    p.putObject("BucketEncryption")
        .putArray("ServerSideEncryptionConfiguration")
        .addObject()
        .putObject("ServerSideEncryptionByDefault")
        .put("SSEAlgorithm", "AES256");
    ObjectNode block = p.putObject("PublicAccessBlockConfiguration");
    for (String k :
        List.of(
            "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
      block.put(k, true);
    p.putObject("OwnershipControls")
        .putArray("Rules")
        .addObject()
        .put("ObjectOwnership", "BucketOwnerEnforced");
    ObjectNode rule = p.putObject("LifecycleConfiguration").putArray("Rules").addObject();
    rule.put("Id", "expire-reports");
    rule.put("Status", "Enabled");
    rule.put("Prefix", DeployPlan.REPORTS + "/");
    rule.set("ExpirationInDays", ref("ReportRetentionDays"));

    ObjectNode policy = resource(r, "ReportBucketPolicy", "AWS::S3::BucketPolicy");
    policy.set("Bucket", ref("ReportBucket"));
    ObjectNode doc = policy.putObject("PolicyDocument");
    doc.put("Version", "2012-10-17");
    ObjectNode deny = doc.putArray("Statement").addObject();
    deny.put("Sid", "HttpsOnly");
    deny.put("Effect", "Deny");
    deny.put("Principal", "*");
    deny.put("Action", "s3:*");
    deny.putArray("Resource").add(getAtt("ReportBucket", "Arn")).add(sub("${ReportBucket.Arn}/*"));
    deny.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
  }

  private static void taskRole(ObjectNode r, DeployPlan plan) {
    ObjectNode role = resource(r, "TaskRole", "AWS::IAM::Role");
    role.set("AssumeRolePolicyDocument", trust("ecs-tasks.amazonaws.com"));
    ArrayNode policies = role.putArray("Policies");
    inline(policies, "read-only-scan", DeployPlan.readOnlyPolicy());
    if (plan.scan()) {
      inline(
          policies,
          "put-reports",
          document(
              statement("s3:PutObject", sub("${ReportBucket.Arn}/" + DeployPlan.REPORTS + "/*"))));
    }
    if (plan.watch()) {
      ObjectNode list = statement("s3:ListBucket", getAtt("ReportBucket", "Arn"));
      list.putObject("Condition").putObject("StringLike").put("s3:prefix", DeployPlan.STATE + "/*");
      ObjectNode state =
          document(
              statement(
                  List.of("s3:GetObject", "s3:PutObject"),
                  sub("${ReportBucket.Arn}/" + DeployPlan.STATE + "/*")));
      ((ArrayNode) state.get("Statement")).add(list);
      inline(policies, "watch-state", state);
      inline(policies, "watch-publish", DeployPlan.publishPolicy());
    }
  }

  private static void taskDefinition(
      ObjectNode r,
      String id,
      String family,
      String cpu,
      String memory,
      String prefix,
      List<String> command) {
    ObjectNode td = resource(r, id, "AWS::ECS::TaskDefinition");
    td.put("Family", family);
    td.put("Cpu", cpu);
    td.put("Memory", memory);
    td.put("NetworkMode", "awsvpc");
    td.putArray("RequiresCompatibilities").add("FARGATE");
    td.set("ExecutionRoleArn", getAtt("ExecutionRole", "Arn"));
    td.set("TaskRoleArn", getAtt("TaskRole", "Arn"));
    td.putObject("RuntimePlatform")
        .put("OperatingSystemFamily", "LINUX")
        .put("CpuArchitecture", "X86_64");
    td.putArray("Volumes").addObject().put("Name", "tmp");
    ObjectNode c = td.putArray("ContainerDefinitions").addObject();
    c.put("Name", CONTAINER);
    c.set("Image", ref("Image"));
    c.put("Essential", true);
    c.put("ReadonlyRootFilesystem", true);
    ArrayNode cmd = c.putArray("Command");
    for (String arg : command) {
      if (arg.contains("${")) cmd.add(sub(arg));
      else cmd.add(arg);
    }
    c.putArray("MountPoints").addObject().put("SourceVolume", "tmp").put("ContainerPath", "/tmp");
    c.putArray("Environment")
        .addObject()
        .put("Name", "JAVA_TOOL_OPTIONS")
        .put("Value", DeployPlan.JAVA_TOOL_OPTIONS);
    ObjectNode log = c.putObject("LogConfiguration");
    log.put("LogDriver", "awslogs");
    ObjectNode o = log.putObject("Options");
    o.set("awslogs-group", ref("LogGroup"));
    o.set("awslogs-region", ref("AWS::Region"));
    o.put("awslogs-stream-prefix", prefix);
  }

  private static ObjectNode network() {
    ObjectNode n = object();
    ObjectNode vpc = n.putObject("AwsvpcConfiguration");
    vpc.set("Subnets", ref("Subnets"));
    vpc.putArray("SecurityGroups").add(getAtt("TaskSecurityGroup", "GroupId"));
    vpc.set("AssignPublicIp", ref("AssignPublicIp"));
    return n;
  }

  private static void schedule(ObjectNode r) {
    ObjectNode role = resource(r, "SchedulerRole", "AWS::IAM::Role");
    role.set("AssumeRolePolicyDocument", trust("scheduler.amazonaws.com"));
    ObjectNode run = statement("ecs:RunTask", ref("ScanTaskDefinition"));
    run.putObject("Condition").putObject("ArnEquals").set("ecs:cluster", getAtt("Cluster", "Arn"));
    ObjectNode pass = object();
    pass.put("Effect", "Allow");
    pass.put("Action", "iam:PassRole");
    pass.putArray("Resource").add(getAtt("ExecutionRole", "Arn")).add(getAtt("TaskRole", "Arn"));
    pass.putObject("Condition")
        .putObject("StringEquals")
        .put("iam:PassedToService", "ecs-tasks.amazonaws.com");
    ObjectNode doc = document(run);
    ((ArrayNode) doc.get("Statement")).add(pass);
    inline(role.putArray("Policies"), "run-the-scan", doc);

    ObjectNode s = resource(r, "ScanSchedule", "AWS::Scheduler::Schedule");
    s.put("Description", "Fargate Doctor: the read-only scan");
    s.set("ScheduleExpression", ref("ScheduleExpression"));
    s.put("State", "ENABLED");
    s.putObject("FlexibleTimeWindow").put("Mode", "OFF");
    ObjectNode target = s.putObject("Target");
    target.set("Arn", getAtt("Cluster", "Arn"));
    target.set("RoleArn", getAtt("SchedulerRole", "Arn"));
    ObjectNode ecs = target.putObject("EcsParameters");
    ecs.set("TaskDefinitionArn", ref("ScanTaskDefinition"));
    ecs.put("LaunchType", "FARGATE");
    ecs.put("TaskCount", 1);
    ecs.set("NetworkConfiguration", network());
    target.putObject("RetryPolicy").put("MaximumRetryAttempts", 0);
  }

  private static void service(ObjectNode r) {
    ObjectNode s = resource(r, "WatchService", "AWS::ECS::Service");
    s.set("Cluster", ref("Cluster"));
    s.set("TaskDefinition", ref("WatchTaskDefinition"));
    s.put("DesiredCount", 1);
    s.put("LaunchType", "FARGATE");
    s.set("NetworkConfiguration", network());
    // One watcher at a time: two would both write the state.
    ObjectNode d = s.putObject("DeploymentConfiguration");
    d.put("MaximumPercent", 100);
    d.put("MinimumHealthyPercent", 0);
    d.putObject("DeploymentCircuitBreaker").put("Enable", true).put("Rollback", true);
  }

  private static ObjectNode trust(String service) {
    ObjectNode s = object();
    s.put("Effect", "Allow");
    s.putObject("Principal").put("Service", service);
    s.put("Action", "sts:AssumeRole");
    s.putObject("Condition")
        .putObject("StringEquals")
        .set("aws:SourceAccount", ref("AWS::AccountId"));
    return document(s);
  }

  private static ObjectNode statement(String action, JsonNode resource) {
    return statement(List.of(action), resource);
  }

  private static ObjectNode statement(List<String> actions, JsonNode resource) {
    ObjectNode s = object();
    s.put("Effect", "Allow");
    ArrayNode a = s.putArray("Action");
    actions.forEach(a::add);
    s.set("Resource", resource);
    return s;
  }

  private static ObjectNode document(ObjectNode statement) {
    ObjectNode d = object();
    d.put("Version", "2012-10-17");
    d.putArray("Statement").add(statement);
    return d;
  }

  private static void inline(ArrayNode policies, String name, JsonNode document) {
    ObjectNode p = policies.addObject();
    p.put("PolicyName", name);
    p.set("PolicyDocument", document);
  }

  private static ObjectNode parameter(
      ObjectNode parameters, String name, String type, String description) {
    ObjectNode p = parameters.putObject(name);
    p.put("Type", type);
    p.put("Description", description);
    return p;
  }

  private static ObjectNode resource(ObjectNode resources, String id, String type) {
    ObjectNode r = resources.putObject(id);
    r.put("Type", type);
    return r.putObject("Properties");
  }

  private static void output(ObjectNode outputs, String name, JsonNode value, String description) {
    ObjectNode o = outputs.putObject(name);
    o.put("Description", description);
    o.set("Value", value);
  }

  private static ObjectNode object() {
    return SnapshotJson.mapper().createObjectNode();
  }

  private static ObjectNode ref(String name) {
    return object().put("Ref", name);
  }

  private static ObjectNode sub(String text) {
    return object().put("Fn::Sub", text);
  }

  private static ObjectNode getAtt(String resource, String attribute) {
    ObjectNode n = object();
    n.putArray("Fn::GetAtt").add(resource).add(attribute);
    return n;
  }
}
