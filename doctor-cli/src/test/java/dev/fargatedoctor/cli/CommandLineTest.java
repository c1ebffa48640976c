package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

  /** What the demo reports, as "STATUS resource-id" per check (passes left out). */
  private static Map<String, Set<String>> demoProblems;

  private static synchronized Map<String, Set<String>> demoProblems() throws Exception {
    if (demoProblems != null) return demoProblems;
    JsonNode report = SnapshotJson.mapper().readTree(Run.of("demo", "--output", "json").out());
    Map<String, Set<String>> problems = new TreeMap<>();
    report
        .get("findings")
        .forEach(
            f ->
                problems
                    .computeIfAbsent(f.get("checkId").asText(), k -> new TreeSet<>())
                    .add(f.get("status").asText() + " " + f.get("resource").get("id").asText()));
    demoProblems = problems;
    return problems;
  }

  static List<Check> checks() {
    return CheckRegistry.all();
  }

  /**
   * Each check's documentation says where it fires in the demo ({@code **In the demo.**} with
   * {@code `STATUS resource-id`} items, or quiet); the demo must report exactly that, no more.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void eachCheckFiresInTheDemoWhereItsDocumentationSays(Check check) throws Exception {
    String id = check.info().id();
    String doc = CheckRegistry.documentation(id).orElseThrow();
    Matcher paragraph =
        Pattern.compile("\\*\\*In the demo\\.\\*\\*([^\\n]*(\\n[^\\n]+)*)").matcher(doc);
    assertThat(paragraph.find())
        .as("checks/" + id + ".md has an **In the demo.** paragraph")
        .isTrue();
    Set<String> expected = new TreeSet<>();
    Matcher item = Pattern.compile("`((?:FAIL|WARN|UNKNOWN) [^`]+)`").matcher(paragraph.group(1));
    while (item.find()) expected.add(item.group(1));
    assertThat(demoProblems().getOrDefault(id, Set.of()))
        .as("%s in the demo (checks/%s.md, **In the demo.**)", id, id)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void demoJsonKeepsHealthyServicesAndSecretsOut() throws Exception {
    JsonNode report = SnapshotJson.mapper().readTree(Run.of("demo", "--output", "json").out());
    assertThat(demoProblems().values().stream().flatMap(Set::stream))
        .noneMatch(p -> p.endsWith(" subnet-0privateb"));
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
    assertThat(report.get("findings"))
        .anySatisfy(
            f -> {
              assertThat(f.get("checkId").asText()).isEqualTo("ENI-QUOTA");
              assertThat(f.get("severity").asText()).isEqualTo("MEDIUM");
              assertThat(f.get("status").asText()).isEqualTo("WARN");
            });
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
