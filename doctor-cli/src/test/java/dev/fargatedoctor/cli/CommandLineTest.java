package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
  @TempDir Path dir;

  @Test
  void demoShowsEveryIncidentOfTheWriteUpAndExitsOne() {
    Run run = Run.of("demo", "--no-color");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "CRITICAL ENI-QUOTA  region us-east-1",
            "4614 of 5000 network interfaces in use (92 %)",
            "CRITICAL EXEC-ROLE-TRUST  iam-role checkout-execution",
            "HIGH     ROUTE-CROSS-AZ-NAT  subnet subnet-0privatea",
            "HIGH     DEPLOY-STUCK  service production/checkout",
            "HIGH     TASK-ROLE-TRUST  iam-role payments-worker-task",
            "UNKNOWN  DEPLOY-STUCK  region us-east-1",
            "partly evaluated: ecs:DescribeTasks stayed throttled",
            "CRITICAL NO-EGRESS-PATH  service production/ingest",
            "HIGH     NACL-RETURN-BLOCKED  network-acl acl-0ingest",
            "$ aws ec2 delete-network-acl-entry --network-acl-id acl-0ingest --ingress --rule-number 90",
            "HIGH     ROUTE-RECENT-CHANGE  route-table rtb-0privatea",
            "(ReplaceRoute)",
            "LOW      FLOWLOGS-MISSING  vpc vpc-0data",
            "HIGH     ENI-SURGE  region us-east-1",
            "development/load-test alone (+3800) does not fit",
            "HIGH     SUBNET-IPS  subnet subnet-0searcha",
            "5 task(s) would fail",
            "MEDIUM   SUBNET-IPS  subnet subnet-0searchb");
    // the stuck deployment with its cause, the OOM-killed service and its memory trend
    assertThat(run.out())
        .contains(
            "deployment of checkout stuck at 0/4 for 3 h 12 min: ECS cannot assume a role",
            "HIGH     OOM-KILLS  service production/catalog",
            "catalog: 2 tasks OOM-killed",
            "HIGH     MEMORY-LEAK-TREND  service production/catalog",
            "catalog: memory climbs 350 MB/hour",
            "MEDIUM   LB-AZ-SKEW  load-balancer prod-web",
            "us-east-1a: p99 target response time 2.90 s");
    // release day: the families ECS words its own way, each with the message behind it
    assertThat(run.out())
        .contains(
            "HIGH     DEPLOY-FAILED  service production/billing",
            "did not contain json key STRIPE_API_KEY",
            "MEDIUM   DEPLOY-FAILED  service production/thumbnails",
            "failed and was rolled back: the image was",
            "descriptor matching platform 'linux/arm64'",
            "docs-site: the registry refused the pull because its rate limit was reached",
            "family:nightly-export: 1 task stopped",
            "error family: CannotStartContainerError",
            "read next: the container's entryPoint");
  }

  @Test
  void demoJsonPutsTheFindingsOnTheRightResourcesAndHealthyServicesStayQuiet() throws Exception {
    Run run = Run.of("demo", "--output", "json");
    JsonNode report = SnapshotJson.mapper().readTree(run.out());

    List<String> problems = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f ->
                problems.add(
                    f.get("status").asText()
                        + " "
                        + f.get("checkId").asText()
                        + " "
                        + f.get("resource").get("id").asText()));
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "FAIL ENI-QUOTA us-east-1",
            "FAIL EXEC-ROLE-TRUST checkout-execution",
            "FAIL TASK-ROLE-TRUST payments-worker-task",
            "FAIL ROUTE-CROSS-AZ-NAT subnet-0privatea",
            "FAIL ROUTE-CROSS-AZ-NAT subnet-0searcha",
            "FAIL DEPLOY-STUCK production/checkout",
            "UNKNOWN DEPLOY-STUCK us-east-1",
            "FAIL NO-EGRESS-PATH production/ingest",
            "FAIL NACL-RETURN-BLOCKED acl-0ingest",
            "FAIL FLOWLOGS-MISSING vpc-0data",
            "WARN ROUTE-RECENT-CHANGE rtb-0privatea",
            "WARN ROUTE-RECENT-CHANGE acl-0ingest",
            "FAIL ENI-SURGE us-east-1",
            "FAIL SUBNET-IPS subnet-0searcha",
            "WARN SUBNET-IPS subnet-0searchb",
            "UNKNOWN FARGATE-VCPU-QUOTA us-east-1",
            "FAIL SERVICE-EVENT-ERRORS production/checkout",
            "FAIL TASK-STOP-REASONS production/checkout",
            "UNKNOWN TASK-STOP-REASONS us-east-1",
            "WARN DEPLOY-NO-CIRCUIT-BREAKER production/checkout",
            "FAIL EXEC-ROLE-PERMS payments-worker:9",
            "FAIL OOM-KILLS production/catalog",
            "UNKNOWN OOM-KILLS us-east-1",
            "FAIL MEMORY-LEAK-TREND production/catalog",
            "FAIL LB-AZ-SKEW prod-web",
            "FAIL DEPLOY-CONFIG-BLOCKED production/reports",
            "FAIL PLAINTEXT-SECRETS reports:3",
            "FAIL ECS-EXEC-NOT-READY production/reports",
            "FAIL ECS-EXEC-NOT-READY development/load-test",
            "FAIL ECS-EXEC-NOT-READY production/ingest",
            "FAIL ECS-EXEC-NOT-READY production/search",
            "UNKNOWN ECS-EXEC-NOT-READY us-east-1",
            // release day: three rollouts ECS gave up on, and a job no catalogue explains
            "FAIL DEPLOY-FAILED production/billing",
            "WARN DEPLOY-FAILED production/thumbnails",
            "UNKNOWN DEPLOY-FAILED us-east-1",
            "WARN DEPLOY-NO-CIRCUIT-BREAKER production/billing",
            "FAIL SERVICE-EVENT-ERRORS production/billing",
            "FAIL SERVICE-EVENT-ERRORS production/docs-site",
            "WARN SERVICE-EVENT-ERRORS production/thumbnails",
            "FAIL TASK-STOP-REASONS production/billing",
            "FAIL TASK-STOP-REASONS production/thumbnails",
            "FAIL TASK-STOP-REASONS production/family:nightly-export",
            // what the flow logs show: the partner API unanswered from us-east-1a, S3's replies to
            // ingest rejected, S3 through the NAT gateways (and across AZs from us-east-1a)
            "FAIL FLOW-NO-REPLY production/api",
            "FAIL FLOW-REJECTED production/ingest",
            "FAIL CROSS-AZ-TRAFFIC production/api",
            "WARN CROSS-AZ-TRAFFIC production/orders",
            "FAIL NAT-TRAFFIC-ENDPOINT production/api");
    assertThat(problems).noneMatch(p -> p.endsWith(" subnet-0privateb"));
    assertThat(report.toString())
        .doesNotContain("api-execution\",\"status\":\"FAIL")
        .doesNotContain("demo-not-a-secret");
  }

  @Test
  void aSavedSnapshotScansOfflineToTheSameResultAndGzipWorks() throws Exception {
    Path json = dir.resolve("demo.json");
    Path gz = dir.resolve("demo.json.gz");
    Run.of("demo", "--save-snapshot", json.toString(), "--output", "json");
    Run.of("demo", "--save-snapshot", gz.toString(), "--output", "json");

    Run fromJson = Run.of("scan", "--snapshot", json.toString(), "--output", "json");
    Run fromGz = Run.of("scan", "--snapshot", gz.toString(), "--output", "json");
    Run demo = Run.of("demo", "--output", "json");

    assertThat(fromJson.exitCode()).isEqualTo(1);
    assertThat(SnapshotJson.mapper().readTree(fromJson.out()).get("findings"))
        .isEqualTo(SnapshotJson.mapper().readTree(demo.out()).get("findings"));
    assertThat(fromGz.out()).isEqualTo(fromJson.out());
    assertThat(Files.size(gz)).isLessThan(Files.size(json) / 5);
  }

  @Test
  void failOnSetsTheThresholdForExitCodeOne() {
    assertThat(Run.of("demo", "--fail-on", "critical").exitCode()).isEqualTo(1);
    Path quiet = dir.resolve("quiet.json");
    // the demo has CRITICAL findings; a fixture with only a HIGH one passes --fail-on critical
    assertThat(Run.of("demo", "--fail-on", "nonsense").exitCode()).isEqualTo(2);
    assertThat(quiet).doesNotExist();
  }

  @Test
  void aBrokenSnapshotIsExitTwoNamingFileLineAndColumnAndNothingIsWritten() throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(
        broken,
        "{\n  \"schema\": \"fargate-doctor/snapshot/v1\",\n  \"regions\": [ {\"region\": }\n]}");
    Path report = dir.resolve("report.json");

    Run run = Run.of("scan", "--snapshot", broken.toString(), "--out", report.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(broken + ":3:");
    assertThat(report).doesNotExist();
    assertThat(dir.toFile().list()).containsExactly("broken.json");
  }

  @Test
  void aSnapshotOfAnotherSchemaIsRefused() throws Exception {
    Path other = dir.resolve("other.json");
    Files.writeString(other, "{\"schema\":\"fargate-doctor/report/v1\",\"findings\":[]}");

    Run run = Run.of("scan", "--snapshot", other.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unsupported snapshot schema \"fargate-doctor/report/v1\"");
  }

  @Test
  void aDumpOfTheWrongCommandIsExitTwoWithTheRightNameSuggested() throws Exception {
    Path dumps = Files.createDirectory(dir.resolve("dumps"));
    Files.writeString(
        dumps.resolve("ec2-describe-subnets.json"), "{\n  \"NetworkInterfaces\": []\n}\n");

    Run run = Run.of("scan", "--aws-cli-dir", dumps.toString(), "--region", "us-east-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("ec2-describe-subnets.json:2:3")
        .contains("ec2-describe-network-interfaces.json");
  }

  @Test
  void anAwsCliDirectoryIsScannedAndWhatIsMissingIsUnknownNotFine() throws Exception {
    Path dumps = Files.createDirectory(dir.resolve("dumps"));
    StringBuilder enis = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      enis.append(i == 0 ? "" : ",")
          .append("{\"NetworkInterfaceId\":\"eni-")
          .append(i)
          .append(
              "\",\"SubnetId\":"
                  + "\"subnet-1\",\"AvailabilityZone\":\"eu-west-1a\",\"Description\":\"arn:aws:ecs:eu-west-1:123456789012:"
                  + "attachment/")
          .append(i)
          .append("\",\"Status\":\"in-use\"}");
    }
    Files.writeString(
        dumps.resolve("ec2-describe-network-interfaces.json"),
        "{\"NetworkInterfaces\": [" + enis + "]}");
    Files.writeString(
        dumps.resolve("service-quotas-get-service-quota.json"),
        "{\"Quota\":{\"ServiceCode\":\"vpc\","
            + "\"QuotaCode\":\"L-DF5E4CA3\",\"QuotaName\":\"Network interfaces per Region\",\"Value\":5.0}}");

    Run run =
        Run.of(
            "scan",
            "--aws-cli-dir",
            dumps.toString(),
            "--region",
            "eu-west-1",
            "--output",
            "json",
            "--fail-on",
            "medium");
    JsonNode report = SnapshotJson.mapper().readTree(run.out());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(report.get("findings").toString())
        .contains("\"checkId\":\"ENI-QUOTA\",\"severity\":\"MEDIUM\"" + ",\"status\":\"WARN\"");
    assertThat(report.get("findings").toString())
        .contains("\"checkId\":\"ROUTE-CROSS-AZ-NAT\"")
        .contains("ec2:DescribeSubnets")
        .contains("\"status\":\"UNKNOWN\"");
  }

  @Test
  void reportOutGoesToTheFileAndNotToStdout() throws Exception {
    Path report = dir.resolve("out/report.json");

    Run run = Run.of("demo", "--output", "json", "--out", report.toString());

    assertThat(run.out()).isEmpty();
    assertThat(
            SnapshotJson.mapper()
                .readTree(Files.readString(report, StandardCharsets.UTF_8))
                .get("schema")
                .asText())
        .isEqualTo("fargate-doctor/report/v1");
  }

  @Test
  void checksListsTheCatalogue() {
    Run run = Run.of("checks");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "ENI-QUOTA",
            "ROUTE-CROSS-AZ-NAT",
            "EXEC-ROLE-TRUST",
            "TASK-ROLE-TRUST",
            "DEPLOY-STUCK",
            "SERVICE-EVENT-ERRORS",
            "TASK-STOP-REASONS",
            "OOM-KILLS",
            "MEMORY-LEAK-TREND",
            "LB-AZ-SKEW",
            "DEPLOY-FAILED");
  }

  @Test
  void checksMessagesPrintsTheMessageCatalogueWithItsMeasure() {
    Run run = Run.of("checks", "--messages");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("# The ECS messages Fargate Doctor reads")
        .containsPattern(
            "recognised \\d+ of \\d+ documented messages, \\d+ of \\d+ real-world examples")
        .contains(
            "### image-platform-mismatch", "https://github.com/aws/containers-roadmap/issues/1120");
  }

  @Test
  void helpShowsTheExitCodesAndUsageErrorsAreExitTwo() {
    assertThat(Run.of("scan", "--help").out())
        .contains("Exit codes:", "3  nothing could be collected");
    Run bad = Run.of("scan", "--no-such-option");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("Unknown option");
  }

  @Test
  void snapshotSaveWritesAFileWithoutEnvironmentValues() throws Exception {
    Path dumps = Files.createDirectory(dir.resolve("dumps"));
    Files.writeString(
        dumps.resolve("ecs-describe-task-definition.json"),
        "{\"taskDefinition\":{"
            + "\"taskDefinitionArn\":\"arn:aws:ecs:us-east-1:123456789012:task-definition/api:1\",\"family\":\"api\","
            + "\"containerDefinitions\":[{\"name\":\"api\",\"environment\":[{\"name\":\"DB_PASSWORD\","
            + "\"value\":\"s3cr3t-value\"}]}]}}");
    Path out = dir.resolve("snap.json");

    Run run = Run.of("snapshot", "save", "--aws-cli-dir", dumps.toString(), out.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(Files.readString(out)).contains("DB_PASSWORD").doesNotContain("s3cr3t-value");
  }

  @Test
  void aMetricsWindowOutsideOneHourToTwoWeeksIsBadUsage() {
    Run run =
        Run.of(
            "scan",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--region",
            "us-east-1",
            "--metrics-hours",
            "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--metrics-hours must be between 1 and 336");
  }

  @Test
  void anUnreachableEndpointIsExitThree() {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    Run run = Run.of("scan", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("nothing could be collected");
  }

  @Test
  void aServiceWithoutItsNameIsExitTwoNamingItsJsonPathNotAStackTrace() throws Exception {
    Path snap = dir.resolve("demo.json");
    Run.of("demo", "--save-snapshot", snap.toString());
    JsonNode tree = SnapshotJson.mapper().readTree(snap.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/regions/0/ecs/services").get(3))
        .remove("serviceName");
    Files.writeString(snap, SnapshotJson.mapper().writeValueAsString(tree));

    Run run = Run.of("scan", "--snapshot", snap.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(snap + ": required field regions[0].ecs.services[3].serviceName is missing")
        .doesNotContain("\tat ");
  }

  @Test
  void aScaleBelowZeroTasksIsExitTwoNotAPlanThatFits() {
    Path snap = dir.resolve("demo.json");
    Run.of("demo", "--save-snapshot", snap.toString());
    Run run = Run.of("preflight", "--snapshot", snap.toString(), "--scale", "api=-999999");
    assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
    assertThat(run.err()).contains("at most 100000 tasks");
  }

  @Test
  void watchWithAStateDirThatIsAFileIsExitTwoNamingTheCause() throws Exception {
    Path snap = dir.resolve("demo.json");
    Run.of("demo", "--save-snapshot", snap.toString());
    Path file = Files.writeString(dir.resolve("state"), "not a directory");

    Run run = Run.of("watch", "--snapshot", snap.toString(), "--state-dir", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(file + ": --state-dir is not a directory");
  }

  @Test
  void watchOnABrokenSnapshotStopsWithExitTwoInsteadOfRetryingForEver() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schema\": 1");

    Run run =
        Run.of(
            "watch",
            "--snapshot",
            broken.toString(),
            "--state-dir",
            dir.resolve("state").toString(),
            "--interval",
            "1h");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cycle 1 failed", "watch stops", "watch stopped after 1 cycle");
  }
}
