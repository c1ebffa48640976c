package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The two opt-in writes to S3, against moto: scan --report-s3 puts the report (latest and one per
 * run), watch --state-s3 keeps its state there so a second process, on another disk, carries on
 * where the first stopped. They call only PutObject (and GetObject for watch) on S3.
 */
@ExtendWith(MotoExtension.class)
class S3WritesIT {
  private static final Path FIXTURES =
      Path.of("..", "doctor-checks", "src", "test", "resources", "fixtures");

  @TempDir Path tmp;

  private MotoServer moto;
  private S3Client s3;

  @BeforeEach
  void bucket(MotoServer moto) {
    this.moto = moto;
    moto.reset();
    s3 =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(moto.endpoint())
            .forcePathStyle(true)
            .build();
    s3.createBucket(b -> b.bucket("doctor-reports"));
  }

  private List<String> keys(String prefix) {
    return s3.listObjectsV2(b -> b.bucket("doctor-reports").prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  private String object(String key) {
    return s3.getObjectAsBytes(b -> b.bucket("doctor-reports").key(key))
        .asString(StandardCharsets.UTF_8);
  }

  private static List<String> policyActions(String file) throws Exception {
    List<String> actions = new java.util.ArrayList<>();
    for (var statement :
        dev.fargatedoctor.snapshot.SnapshotJson.mapper()
            .readTree(Path.of("..", "docs", file).toFile())
            .path("Statement")) {
      statement.path("Action").forEach(a -> actions.add(a.asText()));
    }
    return actions;
  }

  private static String fixture(String name) {
    return FIXTURES.resolve(name).toAbsolutePath().toString();
  }

  @Test
  void scanPutsTheReportAsLatestAndAsThisRunsCopy() throws Exception {
    ApiCallRecorder recorder = new ApiCallRecorder();
    Run run =
        Run.with(
            recorder,
            "scan",
            "--snapshot",
            fixture("EXEC-ROLE-TRUST/fires-execution-role-trusts-ec2.json"),
            "--output",
            "json",
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            "us-east-1",
            "--report-s3",
            "s3://doctor-reports/reports/prod/",
            "--allow-incomplete"); // the fixture leaves checks UNKNOWN; this test is about S3
    assertThat(run.err()).isEmpty();
    assertThat(keys("reports/"))
        .containsExactly("reports/prod/2026-11-26T12-00-00Z.json", "reports/prod/latest.json");
    assertThat(object("reports/prod/latest.json")).isEqualTo(run.out()).contains("EXEC-ROLE-TRUST");
    assertThat(recorder.actions()).containsExactly("s3:PutObject");
    assertThat(policyActions("iam-policy-report-s3.json")).containsExactly("s3:PutObject");
  }

  @Test
  void aBucketThatCannotBeWrittenIsExitTwoNamingIt() {
    Run run =
        Run.of(
            "scan",
            "--snapshot",
            fixture("healthy-two-az-service.json"),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            "us-east-1",
            "--report-s3",
            "s3://no-such-bucket/reports");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("s3://no-such-bucket/reports/").contains("NoSuchBucket");
    assertThat(run.err()).doesNotContain("at dev.fargatedoctor");
  }

  @Test
  void aReportS3ThatIsNoS3UriIsRefusedBeforeAnything() {
    Run run =
        Run.of(
            "scan",
            "--snapshot",
            fixture("healthy-two-az-service.json"),
            "--report-s3",
            "/tmp/reports");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--report-s3", "s3://BUCKET/PREFIX");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void watchKeepsItsStateInS3AndASecondProcessCarriesOn() throws Exception {
    String state = "s3://doctor-reports/watch";
    Run first =
        Run.live(
            new ApiCallRecorder(),
            "watch",
            "--snapshot",
            fixture("healthy-two-az-service.json"),
            "--cycles",
            "1",
            "--state-dir",
            Files.createDirectories(tmp.resolve("first")).toString(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            "us-east-1",
            "--state-s3",
            state);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("first cycle in s3://doctor-reports/watch");
    assertThat(keys("watch/"))
        .containsExactly(
            "watch/findings.json", "watch/previous-snapshot.json.gz", "watch/stopped-tasks.json");

    ApiCallRecorder recorder = new ApiCallRecorder();
    Run second =
        Run.live(
            recorder,
            "watch",
            "--snapshot",
            fixture("EXEC-ROLE-TRUST/fires-execution-role-trusts-ec2.json"),
            "--cycles",
            "1",
            "--state-dir",
            Files.createDirectories(tmp.resolve("second")).toString(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            "us-east-1",
            "--state-s3",
            state);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).doesNotContain("first cycle");
    assertThat(second.out()).as("changes against the state the first process left").isNotBlank();
    assertThat(recorder.actions()).containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject");
    assertThat(policyActions("iam-policy-watch-state-s3.json"))
        .containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject", "s3:ListBucket");
  }
}
