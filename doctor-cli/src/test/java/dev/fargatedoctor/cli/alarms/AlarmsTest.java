package dev.fargatedoctor.cli.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import dev.fargatedoctor.snapshot.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated alarms: golden files for both formats, cfn-lint on the CloudFormation, an HCL
 * parser on the Terraform, and the points where the write-up's alarms were wrong. Set
 * -Dgolden.update=true to rewrite the golden files after a deliberate change.
 */
class AlarmsTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "alarms");

  @TempDir Path dir;

  private static String render(String fixture, Alarms.Format format) {
    Snapshot s = Fixtures.snapshot(fixture);
    return Alarms.render(s, s.regions().get(0), format);
  }

  private static JsonNode template(String fixture) throws Exception {
    return SnapshotJson.mapper().readTree(render(fixture, Alarms.Format.cloudformation));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> terraform(String fixture) throws Exception {
    return (Map<String, Object>) new HCLParser().parse(render(fixture, Alarms.Format.terraform));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String... path) {
    Map<String, Object> at = m;
    for (String key : path) at = (Map<String, Object>) at.get(key);
    return at;
  }

  private static void golden(String name, String actual) {
    Golden.matches(GOLDEN.resolve(name), actual);
  }

  @Test
  void theCloudFormationTemplateIsItsGoldenFile() throws Exception {
    golden(
        "healthy-two-az-service.cfn.json",
        render("healthy-two-az-service.json", Alarms.Format.cloudformation));
  }

  @Test
  void theTerraformIsItsGoldenFile() throws Exception {
    golden(
        "healthy-two-az-service.tf",
        render("healthy-two-az-service.json", Alarms.Format.terraform));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "healthy-two-az-service.json",
        "preflight-shop-fits.json",
        "ENI-QUOTA/fires-eni-8-of-quota-10.json"
      })
  void cfnLintAcceptsTheTemplate(String fixture) throws Exception {
    Path cfnLint = ExternalTool.find("cfn-lint", true);
    Path template = dir.resolve("alarms.json");
    Files.writeString(template, render(fixture, Alarms.Format.cloudformation));

    ExternalTool.Result result = ExternalTool.run(dir, cfnLint.toString(), template.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void terraformFmtFindsNothingToChangeWhenTerraformIsInstalled() throws Exception {
    Path terraform = ExternalTool.find("terraform", false);
    Files.writeString(
        dir.resolve("alarms.tf"), render("preflight-shop-fits.json", Alarms.Format.terraform));

    ExternalTool.Result result =
        ExternalTool.run(
            dir,
            "env",
            "TF_CLI_CONFIG_FILE=/dev/null",
            terraform.toString(),
            "fmt",
            "-check",
            "-diff",
            "alarms.tf");

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void theEniAlarmsAreEightyAndNinetyPercentOfTheActualQuotaFromWatchsMetrics() throws Exception {
    // The write-up hard-coded 4500 against an assumed 5000; this account's quota is 10.
    JsonNode resources = template("ENI-QUOTA/fires-eni-8-of-quota-10.json").get("Resources");

    JsonNode eni80 = resources.get("EniUtilization80").get("Properties");
    assertThat(eni80.get("Threshold").asDouble()).isEqualTo(80);
    assertThat(eni80.get("AlarmDescription").asText()).contains("10 when generated: 8 interfaces");
    assertThat(resources.get("EniUtilization90").get("Properties").get("AlarmDescription").asText())
        .contains("10 when generated: 9 interfaces");
    JsonNode metrics = eni80.get("Metrics");
    assertThat(metrics.get(0).get("MetricStat").get("Metric").get("Namespace").asText())
        .isEqualTo("FargateDoctor");
    assertThat(metrics.get(0).get("MetricStat").get("Metric").get("MetricName").asText())
        .isEqualTo("NetworkInterfacesInUse");
    assertThat(metrics.get(1).get("MetricStat").get("Metric").get("MetricName").asText())
        .isEqualTo("NetworkInterfacesQuota");
    assertThat(metrics.get(2).get("Expression").asText()).isEqualTo("100 * inuse / quota");
  }

  @Test
  void memoryIsAPercentageByMetricMathBecauseContainerInsightsReportsMegabytes() throws Exception {
    JsonNode memory =
        template("healthy-two-az-service.json")
            .get("Resources")
            .get("ProductionApiMemory")
            .get("Properties");

    assertThat(memory.get("Threshold").asDouble()).isEqualTo(80);
    assertThat(memory.has("MetricName")).isFalse();
    List<String> names = new ArrayList<>();
    memory
        .get("Metrics")
        .forEach(
            m ->
                names.add(
                    m.has("MetricStat")
                        ? m.get("MetricStat").get("Metric").get("MetricName").asText()
                        : m.get("Expression").asText()));
    assertThat(names)
        .containsExactly("MemoryUtilized", "MemoryReserved", "100 * utilized / reserved");
    assertThat(
            memory
                .get("Metrics")
                .get(0)
                .get("MetricStat")
                .get("Metric")
                .get("Dimensions")
                .toString())
        .contains(
            "\"Name\":\"ClusterName\",\"Value\":\"production\"",
            "\"Name\":\"ServiceName\",\"Value\":\"api\"");
    assertThat(memory.get("AlarmActions").get(0).get("Ref").asText()).isEqualTo("AlarmTopicArn");
  }

  @Test
  void runningBelowDesiredAlarmsAfterTenMinutes() throws Exception {
    JsonNode running =
        template("healthy-two-az-service.json")
            .get("Resources")
            .get("ProductionApiRunning")
            .get("Properties");

    assertThat(
            running.get("Metrics").get(0).get("MetricStat").get("Period").asInt()
                * running.get("EvaluationPeriods").asInt())
        .isEqualTo(600);
    assertThat(running.get("DatapointsToAlarm").asInt()).isEqualTo(10);
    assertThat(running.get("Metrics").get(2).get("Expression").asText())
        .isEqualTo("desired - running");
    assertThat(running.get("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
  }

  @Test
  void eventRulesCoverFailedDeploymentsNetworkChangesAndTheTaskRolesTrust() throws Exception {
    JsonNode t = template("healthy-two-az-service.json");
    JsonNode resources = t.get("Resources");

    assertThat(
            resources.get("EcsDeploymentFailed").get("Properties").get("EventPattern").toString())
        .isEqualTo(
            "{\"source\":[\"aws.ecs\"],\"detail-type\":[\"ECS Deployment State Change\"],"
                + "\"detail\":{\"eventName\":[\"SERVICE_DEPLOYMENT_FAILED\"]}}");
    assertThat(
            resources
                .get("Ec2NetworkChanges")
                .get("Properties")
                .get("EventPattern")
                .get("detail")
                .get("eventName")
                .toString())
        .contains("\"ReplaceRoute\"", "\"ReplaceNetworkAclEntry\"", "\"DeleteNatGateway\"");
    JsonNode trust = resources.get("IamTrustChanges");
    assertThat(trust.get("Condition").asText()).isEqualTo("InUsEast1");
    assertThat(
            trust
                .get("Properties")
                .get("EventPattern")
                .get("detail")
                .get("requestParameters")
                .get("roleName")
                .toString())
        .isEqualTo("[\"api-execution\",\"api-task\"]");
    assertThat(trust.get("Properties").get("Targets").get(0).get("Arn").get("Ref").asText())
        .isEqualTo("AlarmTopicArn");
    assertThat(t.get("Parameters").get("AlarmTopicArn").get("Type").asText()).isEqualTo("String");
  }

  @Test
  void theTerraformHasTheSameAlarmsAndRulesAsTheTemplate() throws Exception {
    Map<String, Object> tf = terraform("healthy-two-az-service.json");

    assertThat(map(tf, "variable")).containsKey("alarm_topic_arn");
    assertThat(map(tf, "resource", "aws_cloudwatch_metric_alarm"))
        .containsOnlyKeys(
            "eni_utilization80",
            "eni_utilization90",
            "production_api_memory",
            "production_api_running");
    assertThat(map(tf, "resource", "aws_cloudwatch_event_rule"))
        .containsOnlyKeys(
            "ecs_deployment_failed",
            "ecs_service_action",
            "ec2_network_changes",
            "iam_trust_changes");
    assertThat(map(tf, "resource", "aws_cloudwatch_event_target").keySet())
        .isEqualTo(map(tf, "resource", "aws_cloudwatch_event_rule").keySet());
    Map<String, Object> memory =
        map(tf, "resource", "aws_cloudwatch_metric_alarm", "production_api_memory");
    assertThat(memory.get("threshold")).isEqualTo(80.0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> queries = (List<Map<String, Object>>) memory.get("metric_query");
    assertThat(queries)
        .extracting(q -> q.get("id"))
        .containsExactly("utilized", "reserved", "memory");
    assertThat(queries.get(2))
        .containsEntry("expression", "100 * utilized / reserved")
        .containsEntry("return_data", true);
    JsonNode pattern =
        SnapshotJson.mapper()
            .readTree(
                map(tf, "resource", "aws_cloudwatch_event_rule", "iam_trust_changes")
                    .get("event_pattern")
                    .toString());
    assertThat(pattern.get("detail").get("eventName").get(0).asText())
        .isEqualTo("UpdateAssumeRolePolicy");
    assertThat(render("healthy-two-az-service.json", Alarms.Format.terraform))
        .contains("count         = data.aws_region.current.region == \"us-east-1\" ? 1 : 0");
  }

  @Test
  void aStringThatLooksLikeATemplateIsEscapedForHcl() {
    assertThat(TerraformAlarms.str("a \"b\" ${c} %{d} \\e"))
        .isEqualTo("\"a \\\"b\\\" $${c} %%{d} \\\\e\"");
  }
}
