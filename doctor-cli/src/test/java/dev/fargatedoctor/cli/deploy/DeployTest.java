package dev.fargatedoctor.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.cli.alarms.ExternalTool;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stacks deploy prints: cfn-lint on the CloudFormation, terraform fmt and an HCL parser on the
 * Terraform, the read-only policy taken from docs/iam-policy.json, and writes confined to the
 * stack's bucket and the FargateDoctor metrics.
 */
class DeployTest {
  private static final String FIXTURE = "healthy-two-az-service.json";

  @TempDir Path dir;

  enum Runs {
    SCAN(true, false),
    WATCH(false, true),
    BOTH(true, true);

    final boolean scan;
    final boolean watch;

    Runs(boolean scan, boolean watch) {
      this.scan = scan;
      this.watch = watch;
    }
  }

  private static DeployPlan plan(Runs runs) {
    return new DeployPlan(
        "fargate-doctor",
        runs.scan,
        runs.watch,
        "rate(1 hour)",
        "300s",
        "html",
        "html",
        List.of("production"));
  }

  private static String render(Runs runs, Deploy.Format format) {
    Snapshot s = Fixtures.snapshot(FIXTURE);
    return Deploy.render(plan(runs), s, s.regions().get(0), format);
  }

  private static JsonNode template(Runs runs) throws Exception {
    return SnapshotJson.mapper().readTree(render(runs, Deploy.Format.cloudformation));
  }

  private static JsonNode docsPolicy(String file) throws Exception {
    return SnapshotJson.mapper().readTree(Path.of("..", "docs", file).toFile());
  }

  @ParameterizedTest
  @EnumSource(Runs.class)
  void cfnLintAcceptsTheStack(Runs runs) throws Exception {
    Path cfnLint = ExternalTool.find("cfn-lint", true);
    Path file = dir.resolve("stack.json");
    Files.writeString(file, render(runs, Deploy.Format.cloudformation));
    ExternalTool.Result result = ExternalTool.run(dir, cfnLint.toString(), file.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Runs.class)
  void terraformFmtFindsNothingToChange(Runs runs) throws Exception {
    Path terraform = ExternalTool.find("terraform", false);
    Files.writeString(dir.resolve("main.tf"), render(runs, Deploy.Format.terraform));
    ExternalTool.Result result =
        ExternalTool.run(
            dir,
            "env",
            "TF_CLI_CONFIG_FILE=/dev/null",
            terraform.toString(),
            "fmt",
            "-check",
            "-diff",
            "main.tf");
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void theTaskRoleReadsWithExactlyTheDocumentedPolicyAndWritesOnlyItsBucketAndMetrics()
      throws Exception {
    JsonNode policies = template(Runs.BOTH).at("/Resources/TaskRole/Properties/Policies");
    assertThat(byName(policies, "read-only-scan")).isEqualTo(docsPolicy("iam-policy.json"));
    assertThat(byName(policies, "watch-publish"))
        .isEqualTo(docsPolicy("iam-policy-watch-publish.json"));
    TreeSet<String> writes = new TreeSet<>();
    for (String name : List.of("put-reports", "watch-state")) {
      for (JsonNode statement : byName(policies, name).path("Statement")) {
        statement.path("Action").forEach(a -> writes.add(a.asText()));
        assertThat(statement.path("Resource").toString()).contains("ReportBucket");
      }
    }
    assertThat(writes).containsExactly("s3:GetObject", "s3:ListBucket", "s3:PutObject");
  }

  @Test
  void theScheduledScanPutsItsReportAndWatchKeepsItsStateInTheStacksBucket() throws Exception {
    JsonNode r = template(Runs.BOTH).path("Resources");
    String scan = r.at("/ScanTaskDefinition/Properties/ContainerDefinitions/0/Command").toString();
    assertThat(scan)
        .contains("\"scan\"", "\"--cluster\",\"production\"", "\"--report-s3\"")
        .contains("s3://${ReportBucket}/reports");
    String watch =
        r.at("/WatchTaskDefinition/Properties/ContainerDefinitions/0/Command").toString();
    assertThat(watch)
        .contains("\"watch\"", "\"--state-s3\"", "s3://${ReportBucket}/watch")
        .contains("\"--publish\",\"cloudwatch\"");
    assertThat(r.at("/ScanSchedule/Type").asText()).isEqualTo("AWS::Scheduler::Schedule");
    assertThat(r.at("/ScanSchedule/Properties/Target/EcsParameters/LaunchType").asText())
        .isEqualTo("FARGATE");
    assertThat(r.at("/WatchService/Properties/DesiredCount").asInt()).isEqualTo(1);
    for (String td : List.of("ScanTaskDefinition", "WatchTaskDefinition")) {
      JsonNode c = r.at("/" + td + "/Properties/ContainerDefinitions/0");
      assertThat(c.path("ReadonlyRootFilesystem").asBoolean()).as(td).isTrue();
      assertThat(c.at("/LogConfiguration/LogDriver").asText()).isEqualTo("awslogs");
    }
  }

  @Test
  void theAlarmsOfAlarmsAreInTheStack() throws Exception {
    JsonNode t = template(Runs.BOTH);
    assertThat(t.at("/Parameters/AlarmTopicArn/Type").asText()).isEqualTo("String");
    String alarms = t.path("Resources").toString();
    assertThat(alarms)
        .contains("AWS::CloudWatch::Alarm", "NetworkInterfacesInUse", "FargateDoctor");
  }

  @Test
  void onlyWhatIsAskedForRuns() throws Exception {
    assertThat(template(Runs.SCAN).path("Resources").has("WatchService")).isFalse();
    assertThat(template(Runs.SCAN).path("Resources").has("ScanSchedule")).isTrue();
    assertThat(template(Runs.WATCH).path("Resources").has("ScanSchedule")).isFalse();
    assertThat(template(Runs.WATCH).path("Resources").has("WatchService")).isTrue();
    assertThat(render(Runs.WATCH, Deploy.Format.terraform))
        .doesNotContain("aws_scheduler_schedule");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTerraformDeclaresItsProviderAndUsesNoDeprecatedForm() throws Exception {
    String tf = render(Runs.BOTH, Deploy.Format.terraform);
    Map<String, Object> hcl = (Map<String, Object>) new HCLParser().parse(tf);
    Map<String, Object> terraform = (Map<String, Object>) hcl.get("terraform");
    assertThat(terraform).containsKey("required_providers");
    assertThat(terraform.get("required_providers").toString()).contains("hashicorp/aws", ">= 6.0");
    Map<String, Object> resources = (Map<String, Object>) hcl.get("resource");
    Map<String, Object> bucket =
        (Map<String, Object>) ((Map<String, Object>) resources.get("aws_s3_bucket")).get("reports");
    assertThat(bucket)
        .doesNotContainKeys(
            "acl",
            "versioning",
            "lifecycle_rule",
            "server_side_encryption_configuration",
            "logging",
            "policy");
    assertThat(resources)
        .containsKeys(
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_lifecycle_configuration",
            "aws_iam_role_policy",
            "aws_iam_role_policy_attachment",
            "aws_scheduler_schedule",
            "aws_ecs_service",
            "aws_cloudwatch_metric_alarm");
    Map<String, Object> roles = (Map<String, Object>) resources.get("aws_iam_role");
    for (Object role : roles.values()) {
      assertThat((Map<String, Object>) role)
          .doesNotContainKeys("inline_policy", "managed_policy_arns");
    }
    assertThat(tf).doesNotContain("aws_region.current.name").doesNotContain(".deploy.name");
  }

  @Test
  void theTerraformReadOnlyPolicyIsTheDocumentedOne() throws Exception {
    String tf = render(Runs.BOTH, Deploy.Format.terraform);
    Matcher m =
        Pattern.compile(
                "resource \"aws_iam_role_policy\" \"task_read_only\" \\{.*?policy += <<-EOT\\n(.*?)\\n +EOT",
                Pattern.DOTALL)
            .matcher(tf);
    assertThat(m.find()).as(tf).isTrue();
    assertThat(SnapshotJson.mapper().readTree(m.group(1))).isEqualTo(docsPolicy("iam-policy.json"));
  }

  private static JsonNode byName(JsonNode policies, String name) {
    List<String> names = new ArrayList<>();
    for (JsonNode p : policies) {
      if (p.path("PolicyName").asText().equals(name)) return p.path("PolicyDocument");
      names.add(p.path("PolicyName").asText());
    }
    throw new AssertionError("no policy " + name + " in " + names);
  }
}
