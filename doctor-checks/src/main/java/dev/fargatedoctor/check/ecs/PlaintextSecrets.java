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
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.ecs.EnvironmentVariable;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Environment variables whose names look like secrets and whose values are plaintext in the task
 * definition, where anyone allowed ecs:DescribeTaskDefinition reads them. The snapshot never holds
 * the values (only a kind: empty, an ARN, or text), so nothing here can print one.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "PLAINTEXT-SECRETS",
    title = "Secret-looking environment variables in plaintext",
    law = Law.HYGIENE,
    severity = Severity.MEDIUM,
    needs = {Input.TASK_DEFINITIONS})
public final class PlaintextSecrets implements Check {
  // Name parts that mean a secret, and suffixes that mean a reference to one or a setting about it.
  private static final Pattern SECRET =
      Pattern.compile(
          "(^|[_-])(PASSWORD|PASSWD|PWD|PASS|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CREDENTIALS?"
              + "|AUTH|SIGNING_?KEY|ENCRYPTION_?KEY|CONNECTION_?STRING|DSN)([_-]|$)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NOT_A_SECRET =
      Pattern.compile(
          "[_-](ARN|NAME|ID|PATH|FILE|URL|URI|ENDPOINT|HEADER|TTL|EXPIRY|EXPIRES|LENGTH|TIMEOUT|ENABLED|TYPE|REGION"
              + "|VERSION|HOST|PORT|USER|USERNAME)$",
          Pattern.CASE_INSENSITIVE);

  static boolean looksSecret(String name) {
    return name != null && SECRET.matcher(name).find() && !NOT_A_SECRET.matcher(name).find();
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    return ctx.each(
        ctx.region().data().ecs().taskDefinitions(),
        Resource::taskDefinition,
        td -> judge(ctx, td));
  }

  private static List<Finding> judge(CheckContext ctx, TaskDefinition td) {
    List<String> exposed = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    for (TaskDefinition.ContainerDefinition c : td.containerDefinitions()) {
      for (EnvironmentVariable e : c.environment()) {
        if (e.valueKind() != EnvironmentVariable.ValueKind.TEXT || !looksSecret(e.name())) continue;
        exposed.add(c.name() + ": " + e.name());
        commands.add(
            AwsCommand.of("secretsmanager", "create-secret")
                .opt("--name", td.family() + "/" + e.name())
                .optShell(
                    "--secret-string", "\"$" + e.name().replaceAll("[^A-Za-z0-9_]", "_") + "\"")
                .region(ctx.region().name()));
      }
    }
    String id = td.family() + ":" + td.revision();
    FindingBuilder f = ctx.finding(Resource.taskDefinition(td));
    if (exposed.isEmpty()) {
      return List.of(f.pass(id + ": no secret-looking variable has a plaintext value").build());
    }
    return List.of(
        f.fail(
                id
                    + ": "
                    + exposed.size()
                    + " secret-looking variable"
                    + (exposed.size() == 1 ? "" : "s")
                    + " in plaintext ("
                    + String.join(
                        ", ",
                        exposed.stream()
                            .map(x -> x.substring(x.indexOf(": ") + 2))
                            .distinct()
                            .toList())
                    + ")")
            .evidence("variables", exposed)
            .evidence("values", "not shown: a snapshot never holds them")
            .fix(
                "Anyone who may describe the task definition reads these values, and they stay in every revision. "
                    + "Store each in Secrets Manager (set the variable in your shell first), reference it from the "
                    + "container's secrets (valueFrom: the secret's ARN) in a new revision, allow the execution role "
                    + "secretsmanager:GetSecretValue on it, and rotate the value: the old one has been exposed.",
                commands.toArray(String[]::new))
            .build());
  }
}
