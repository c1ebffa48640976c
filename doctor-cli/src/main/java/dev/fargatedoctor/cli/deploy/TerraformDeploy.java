package dev.fargatedoctor.cli.deploy;

import static dev.fargatedoctor.cli.alarms.TerraformAlarms.str;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.cli.alarms.TerraformAlarms;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.util.List;

/**
 * The deployment as Terraform for the AWS provider 6 or later: the same resources as the
 * CloudFormation template, each S3 bucket setting and each role policy as its own resource (the
 * provider deprecates the inline forms), and the alarms of {@code fargate-doctor alarms}. Policies
 * and container definitions are JSON heredocs whose only interpolations are the stack's own
 * references.
 */
final class TerraformDeploy {
  private static final String REGION = "${data.aws_region.deploy.region}";
  private static final String BUCKET = "${aws_s3_bucket.reports.bucket}";

  private TerraformDeploy() {}

  static String render(DeployPlan plan, String alarms) {
    StringBuilder tf = new StringBuilder();
    tf.append("# Fargate Doctor in this account (fargate-doctor deploy --format terraform)\n\n");
    tf.append(
        """
        terraform {
          required_version = ">= 1.5"
          required_providers {
            aws = {
              source  = "hashicorp/aws"
              version = ">= 6.0"
            }
          }
        }

        data "aws_region" "deploy" {}

        data "aws_caller_identity" "deploy" {}

        data "aws_partition" "deploy" {}
        """);
    variable(
        tf, "image", "string", "The fargate-doctor container image (docs/containers.md).", null);
    variable(tf, "vpc_id", "string", "VPC of the task subnets.", null);
    variable(
        tf,
        "subnets",
        "list(string)",
        "Subnets the tasks run in: private ones with a NAT gateway or VPC endpoints to the AWS APIs.",
        null);
    variable(
        tf,
        "assign_public_ip",
        "bool",
        "true only for public subnets without a NAT gateway.",
        "false");
    if (plan.scan()) {
      variable(
          tf,
          "schedule_expression",
          "string",
          "When the scan runs (EventBridge Scheduler): rate(...) or cron(...).",
          str(plan.schedule()));
    }
    variable(tf, "report_retention_days", "number", "Days a report is kept in the bucket.", "90");

    bucket(tf, plan);
    block(
        tf,
        "resource \"aws_cloudwatch_log_group\" \"doctor\"",
        "name              = " + str("/ecs/" + plan.name()),
        "retention_in_days = 30");
    block(tf, "resource \"aws_ecs_cluster\" \"doctor\"", "name = " + str(plan.name()));
    block(
        tf,
        "resource \"aws_security_group\" \"task\"",
        "name_prefix = " + str(plan.name() + "-"),
        "description = " + str("Fargate Doctor tasks: HTTPS out to the AWS APIs, nothing in"),
        "vpc_id      = var.vpc_id");
    block(
        tf,
        "resource \"aws_vpc_security_group_egress_rule\" \"https\"",
        "security_group_id = aws_security_group.task.id",
        "description       = " + str("AWS APIs over HTTPS"),
        "cidr_ipv4         = \"0.0.0.0/0\"",
        "ip_protocol       = \"tcp\"",
        "from_port         = 443",
        "to_port           = 443");

    role(tf, "execution", plan, "ecs-tasks.amazonaws.com");
    block(
        tf,
        "resource \"aws_iam_role_policy_attachment\" \"execution\"",
        "role       = aws_iam_role.execution.name",
        "policy_arn = \"arn:${data.aws_partition.deploy.partition}:iam::aws:policy/service-role/"
            + "AmazonECSTaskExecutionRolePolicy\"");
    role(tf, "task", plan, "ecs-tasks.amazonaws.com");
    rolePolicy(tf, "task_read_only", "task", "read-only-scan", DeployPlan.readOnlyPolicy());
    if (plan.scan()) {
      rolePolicy(
          tf,
          "task_put_reports",
          "task",
          "put-reports",
          document(statement(List.of("s3:PutObject"), "${aws_s3_bucket.reports.arn}/reports/*")));
    }
    if (plan.watch()) {
      ObjectNode state =
          document(
              statement(
                  List.of("s3:GetObject", "s3:PutObject"),
                  "${aws_s3_bucket.reports.arn}/" + DeployPlan.STATE + "/*"));
      ObjectNode list = statement(List.of("s3:ListBucket"), "${aws_s3_bucket.reports.arn}");
      list.putObject("Condition").putObject("StringLike").put("s3:prefix", DeployPlan.STATE + "/*");
      ((ArrayNode) state.get("Statement")).add(list);
      rolePolicy(tf, "task_watch_state", "task", "watch-state", state);
      rolePolicy(tf, "task_watch_publish", "task", "watch-publish", DeployPlan.publishPolicy());
    }

    if (plan.scan()) {
      taskDefinition(
          tf, "scan", plan.name() + "-scan", 1024, 2048, plan.scanCommand(REGION, BUCKET));
      schedule(tf, plan);
    }
    if (plan.watch()) {
      taskDefinition(
          tf, "watch", plan.name() + "-watch", 512, 1024, plan.watchCommand(REGION, BUCKET));
      tf.append(
          """

          resource "aws_ecs_service" "watch" {
            name                               = "%s"
            cluster                            = aws_ecs_cluster.doctor.id
            task_definition                    = aws_ecs_task_definition.watch.arn
            desired_count                      = 1
            launch_type                        = "FARGATE"
            deployment_maximum_percent         = 100
            deployment_minimum_healthy_percent = 0

            # One watcher at a time: two would both write the state.
            deployment_circuit_breaker {
              enable   = true
              rollback = true
            }

            network_configuration {
              subnets          = var.subnets
              security_groups  = [aws_security_group.task.id]
              assign_public_ip = var.assign_public_ip
            }
          }
          """
              .formatted(plan.name() + "-watch"));
    }

    tf.append("\noutput \"report_bucket\" {\n  value = aws_s3_bucket.reports.bucket\n}\n");
    if (plan.scan()) {
      tf.append("\noutput \"latest_report\" {\n  value = \"s3://")
          .append(BUCKET)
          .append("/")
          .append(DeployPlan.REPORTS)
          .append("/latest.")
          .append(plan.reportExtension())
          .append("\"\n}\n");
    }
    tf.append("\noutput \"log_group\" {\n  value = aws_cloudwatch_log_group.doctor.name\n}\n");

    // The alarms, as `fargate-doctor alarms --format terraform` prints them.
    tf.append("\n").append(alarms.strip()).append("\n");
    return TerraformAlarms.align(tf.toString());
  }

  private static void bucket(StringBuilder tf, DeployPlan plan) {
    block(
        tf,
        "resource \"aws_s3_bucket\" \"reports\"",
        "# Reports outlive the stack: empty the bucket before destroying it.",
        "bucket_prefix = " + str(plan.name() + "-"),
        "force_destroy = false");
    block(
        tf,
        "resource \"aws_s3_bucket_public_access_block\" \"reports\"",
        "bucket                  = aws_s3_bucket.reports.id",
        "block_public_acls       = true",
        "block_public_policy     = true",
        "ignore_public_acls      = true",
        "restrict_public_buckets = true");
    tf.append(
        """

        resource "aws_s3_bucket_ownership_controls" "reports" {
          bucket = aws_s3_bucket.reports.id

          rule {
            object_ownership = "BucketOwnerEnforced"
          }
        }

        resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
          bucket = aws_s3_bucket.reports.id

          rule {
            apply_server_side_encryption_by_default {
              sse_algorithm = "AES256"
            }
          }
        }

        resource "aws_s3_bucket_lifecycle_configuration" "reports" {
          bucket = aws_s3_bucket.reports.id

          rule {
            id     = "expire-reports"
            status = "Enabled"

            filter {
              prefix = "%s/"
            }

            expiration {
              days = var.report_retention_days
            }
          }
        }
        """
            .formatted(DeployPlan.REPORTS));
    ObjectNode deny = SnapshotJson.mapper().createObjectNode();
    deny.put("Sid", "HttpsOnly");
    deny.put("Effect", "Deny");
    deny.put("Principal", "*");
    deny.put("Action", "s3:*");
    deny.putArray("Resource")
        .add("${aws_s3_bucket.reports.arn}")
        .add("${aws_s3_bucket.reports.arn}/*");
    deny.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
    block(
        tf,
        "resource \"aws_s3_bucket_policy\" \"reports\"",
        "bucket = aws_s3_bucket.reports.id",
        "policy = " + heredoc(document(deny)));
  }

  private static void role(StringBuilder tf, String label, DeployPlan plan, String service) {
    ObjectNode s = SnapshotJson.mapper().createObjectNode();
    s.put("Effect", "Allow");
    s.putObject("Principal").put("Service", service);
    s.put("Action", "sts:AssumeRole");
    s.putObject("Condition")
        .putObject("StringEquals")
        .put("aws:SourceAccount", "${data.aws_caller_identity.deploy.account_id}");
    block(
        tf,
        "resource \"aws_iam_role\" \"" + label + "\"",
        "name_prefix        = " + str(plan.name() + "-" + label + "-"),
        "assume_role_policy = " + heredoc(document(s)));
  }

  private static void rolePolicy(
      StringBuilder tf, String label, String role, String name, JsonNode document) {
    block(
        tf,
        "resource \"aws_iam_role_policy\" \"" + label + "\"",
        "name   = " + str(name),
        "role   = aws_iam_role." + role + ".id",
        "policy = " + heredoc(document));
  }

  private static void taskDefinition(
      StringBuilder tf, String label, String family, int cpu, int memory, List<String> command) {
    ObjectNode c = SnapshotJson.mapper().createObjectNode();
    c.put("name", "fargate-doctor");
    c.put("image", "${var.image}");
    c.put("essential", true);
    c.put("readonlyRootFilesystem", true);
    ArrayNode cmd = c.putArray("command");
    command.forEach(cmd::add);
    c.putArray("mountPoints").addObject().put("sourceVolume", "tmp").put("containerPath", "/tmp");
    c.putArray("environment")
        .addObject()
        .put("name", "JAVA_TOOL_OPTIONS")
        .put("value", DeployPlan.JAVA_TOOL_OPTIONS);
    ObjectNode log = c.putObject("logConfiguration");
    log.put("logDriver", "awslogs");
    log.putObject("options")
        .put("awslogs-group", "${aws_cloudwatch_log_group.doctor.name}")
        .put("awslogs-region", REGION)
        .put("awslogs-stream-prefix", label);
    ArrayNode definitions = SnapshotJson.mapper().createArrayNode().add(c);
    tf.append("\nresource \"aws_ecs_task_definition\" \"").append(label).append("\" {\n");
    tf.append("  family                   = ").append(str(family)).append("\n");
    tf.append("  cpu                      = ").append(cpu).append("\n");
    tf.append("  memory                   = ").append(memory).append("\n");
    tf.append("  network_mode             = \"awsvpc\"\n");
    tf.append("  requires_compatibilities = [\"FARGATE\"]\n");
    tf.append("  execution_role_arn       = aws_iam_role.execution.arn\n");
    tf.append("  task_role_arn            = aws_iam_role.task.arn\n");
    tf.append("  container_definitions    = ").append(heredoc(definitions)).append("\n");
    tf.append("\n  runtime_platform {\n");
    tf.append("    operating_system_family = \"LINUX\"\n");
    tf.append("    cpu_architecture        = \"X86_64\"\n");
    tf.append("  }\n");
    tf.append("\n  volume {\n    name = \"tmp\"\n  }\n");
    tf.append("}\n");
  }

  private static void schedule(StringBuilder tf, DeployPlan plan) {
    role(tf, "scheduler", plan, "scheduler.amazonaws.com");
    ObjectNode run = statement(List.of("ecs:RunTask"), "${aws_ecs_task_definition.scan.arn}");
    run.putObject("Condition")
        .putObject("ArnEquals")
        .put("ecs:cluster", "${aws_ecs_cluster.doctor.arn}");
    ObjectNode pass = SnapshotJson.mapper().createObjectNode();
    pass.put("Effect", "Allow");
    pass.put("Action", "iam:PassRole");
    pass.putArray("Resource").add("${aws_iam_role.execution.arn}").add("${aws_iam_role.task.arn}");
    pass.putObject("Condition")
        .putObject("StringEquals")
        .put("iam:PassedToService", "ecs-tasks.amazonaws.com");
    ObjectNode doc = document(run);
    ((ArrayNode) doc.get("Statement")).add(pass);
    rolePolicy(tf, "scheduler", "scheduler", "run-the-scan", doc);
    tf.append(
        """

        resource "aws_scheduler_schedule" "scan" {
          name_prefix         = "%s"
          description         = "Fargate Doctor: the read-only scan"
          schedule_expression = var.schedule_expression
          state               = "ENABLED"

          flexible_time_window {
            mode = "OFF"
          }

          target {
            arn      = aws_ecs_cluster.doctor.arn
            role_arn = aws_iam_role.scheduler.arn

            ecs_parameters {
              task_definition_arn = aws_ecs_task_definition.scan.arn
              launch_type         = "FARGATE"
              task_count          = 1

              network_configuration {
                subnets          = var.subnets
                security_groups  = [aws_security_group.task.id]
                assign_public_ip = var.assign_public_ip
              }
            }

            retry_policy {
              maximum_retry_attempts = 0
            }
          }
        }
        """
            .formatted(plan.name() + "-scan-"));
  }

  private static ObjectNode statement(List<String> actions, String resource) {
    ObjectNode s = SnapshotJson.mapper().createObjectNode();
    s.put("Effect", "Allow");
    ArrayNode a = s.putArray("Action");
    actions.forEach(a::add);
    s.put("Resource", resource);
    return s;
  }

  private static ObjectNode document(ObjectNode statement) {
    ObjectNode d = SnapshotJson.mapper().createObjectNode();
    d.put("Version", "2012-10-17");
    d.putArray("Statement").add(statement);
    return d;
  }

  private static void variable(
      StringBuilder tf, String name, String type, String description, String defaultValue) {
    tf.append("\nvariable \"").append(name).append("\" {\n");
    tf.append("  type        = ").append(type).append("\n");
    tf.append("  description = ").append(str(description)).append("\n");
    if (defaultValue != null) tf.append("  default     = ").append(defaultValue).append("\n");
    tf.append("}\n");
  }

  private static void block(StringBuilder tf, String header, String... lines) {
    tf.append("\n").append(header).append(" {\n");
    for (String line : lines) tf.append("  ").append(line).append("\n");
    tf.append("}\n");
  }

  /**
   * JSON in a heredoc: Terraform interpolates its ${...}, which only the stack's own references
   * use; a %{ would start a template directive, so it is escaped.
   */
  private static String heredoc(JsonNode json) {
    try {
      String text = SnapshotJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
      return "<<-EOT\n" + text.replace("%{", "%%{").indent(4) + "  EOT";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
