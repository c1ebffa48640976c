package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** deploy as a user runs it: a stack on stdout, bad choices refused with exit 2 and no stack. */
class DeployCommandTest {
  private static final String SNAPSHOT =
      Path.of("..", "doctor-checks", "src", "test", "resources", "fixtures")
          .resolve("healthy-two-az-service.json")
          .toString();

  @Test
  void printsTheStackForTheSnapshotsRegion() {
    Run run =
        Run.of("deploy", "--snapshot", SNAPSHOT, "--format", "cloudformation", "--run", "scan");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("AWS::Scheduler::Schedule", "rate(1 hour)", "--report-s3")
        .doesNotContain("WatchService");
  }

  @Test
  void theScheduleAndTheReportFormatReachTheStack() {
    Run run =
        Run.of(
            "deploy",
            "--snapshot",
            SNAPSHOT,
            "--format",
            "terraform",
            "--schedule",
            "cron(0 6 * * ? *)",
            "--report-format",
            "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("cron(0 6 * * ? *)", "reports/latest.json", "\"json\"");
  }

  @Test
  void aScheduleThatIsNoExpressionIsExitTwo() {
    Run run =
        Run.of("deploy", "--snapshot", SNAPSHOT, "--format", "terraform", "--schedule", "hourly");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--schedule 'hourly'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aNameThatCannotNameResourcesIsExitTwo() {
    Run run =
        Run.of(
            "deploy", "--snapshot", SNAPSHOT, "--format", "cloudformation", "--name", "Doctor_1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--name 'Doctor_1'");
  }

  @Test
  void aClusterThatCouldInjectATemplateReferenceIsExitTwo() {
    Run run =
        Run.of(
            "deploy",
            "--snapshot",
            SNAPSHOT,
            "--format",
            "terraform",
            "--cluster",
            "production${aws_iam_role.task.arn}");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("is not an ECS cluster name or ARN");
    assertThat(run.out()).isEmpty();
  }
}
