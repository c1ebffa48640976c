package dev.fargatedoctor.check.iam;

import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition.ContainerDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ECS does with a task's execution role before any container starts, read from the task
 * definition: pull images from ECR, create log streams and put log events for awslogs (and create
 * the group when awslogs-create-group is true), fetch every referenced secret from Secrets Manager
 * or SSM Parameter Store.
 */
final class ExecutionNeeds {
  private static final Pattern ECR_IMAGE =
      Pattern.compile(
          "^(\\d{12})\\.dkr\\.ecr(-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/([^:@]+)");

  private ExecutionNeeds() {}

  static List<Need> of(TaskDefinition td) {
    String region = Arns.region(td.taskDefinitionArn());
    String account = Arns.account(td.taskDefinitionArn());
    String partition =
        td.taskDefinitionArn() == null ? "aws" : td.taskDefinitionArn().split(":")[1];
    Map<String, Need> needs = new LinkedHashMap<>();
    for (ContainerDefinition c : td.containerDefinitions()) {
      Matcher m = c.image() == null ? null : ECR_IMAGE.matcher(c.image());
      if (m != null && m.find()) {
        String repo =
            "arn:"
                + partition
                + ":ecr:"
                + m.group(3)
                + ":"
                + m.group(1)
                + ":repository/"
                + m.group(5);
        String why = "pull " + c.name() + "'s image from ECR";
        put(needs, new Need("ecr:GetAuthorizationToken", "*", List.of("*"), why));
        for (String action :
            List.of(
                "ecr:BatchCheckLayerAvailability",
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchGetImage")) {
          put(needs, new Need(action, repo, List.of(repo), why));
        }
      }
      TaskDefinition.LogConfiguration log = c.logConfiguration();
      if (log != null
          && "awslogs".equals(log.logDriver())
          && log.options().get("awslogs-group") != null
          && region != null
          && account != null) {
        String logRegion = log.options().getOrDefault("awslogs-region", region);
        String group =
            "arn:"
                + partition
                + ":logs:"
                + logRegion
                + ":"
                + account
                + ":log-group:"
                + log.options().get("awslogs-group");
        List<String> forms = List.of(group, group + ":*", group + ":log-stream:" + c.name());
        String why = "send " + c.name() + "'s logs (awslogs)";
        put(needs, new Need("logs:CreateLogStream", group + ":*", forms, why));
        put(needs, new Need("logs:PutLogEvents", group + ":*", forms, why));
        if ("true".equalsIgnoreCase(log.options().get("awslogs-create-group"))) {
          put(
              needs,
              new Need(
                  "logs:CreateLogGroup",
                  group + ":*",
                  forms,
                  "create the log group "
                      + log.options().get("awslogs-group")
                      + " (awslogs-create-group=true)"));
        }
      }
      for (TaskDefinition.Secret s : c.secrets()) {
        Need n = secret(s, partition, region, account, c.name());
        if (n != null) put(needs, n);
      }
    }
    return new ArrayList<>(needs.values());
  }

  private static void put(Map<String, Need> needs, Need n) {
    needs.putIfAbsent(n.action() + " " + n.resource(), n);
  }

  private static Need secret(
      TaskDefinition.Secret s, String partition, String region, String account, String container) {
    String from = s.valueFrom();
    if (from == null || from.isBlank()) return null;
    String why = "read secret " + s.name() + " of " + container;
    if (from.startsWith("arn:")
        && from.split(":").length > 2
        && from.split(":")[2].equals("secretsmanager")) {
      // valueFrom may add :json-key:version-stage:version-id after the secret's own seven fields.
      String[] f = from.split(":");
      String secret = String.join(":", java.util.Arrays.copyOf(f, Math.min(f.length, 7)));
      return new Need(
          "secretsmanager:GetSecretValue", secret, List.of(secret, secret + "-??????"), why);
    }
    if (from.startsWith("arn:")) return new Need("ssm:GetParameters", from, List.of(from), why);
    if (region == null || account == null) return null;
    String parameter =
        "arn:"
            + partition
            + ":ssm:"
            + region
            + ":"
            + account
            + ":parameter"
            + (from.startsWith("/") ? from : "/" + from);
    return new Need("ssm:GetParameters", parameter, List.of(parameter), why);
  }
}
