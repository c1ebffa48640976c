package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The launcher a new user runs: bin/fargate-doctor over the shaded jar, as separate processes. */
@ExtendWith(MotoExtension.class)
class ShadedJarIT {
  private static final Path LAUNCHER =
      Path.of("..", "bin", "fargate-doctor").toAbsolutePath().normalize();

  private record Result(int code, String out, String err) {}

  private static Result launch(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("fd-out", ".txt");
    Path err = Files.createTempFile("fd-err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("HOME", Files.createTempDirectory("fd-home").toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theDemoRunsFromTheLauncherAndExitsOne() throws Exception {
    Result r = launch(Map.of(), "demo");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("ROUTE-CROSS-AZ-NAT", "EXEC-ROLE-TRUST", "DEPLOY-STUCK", "ENI-QUOTA");
  }

  @Test
  void aScanAgainstMotoPrintsTheJsonReport(MotoEnvironment env) throws Exception {
    String vpc = env.vpc("10.0.0.0/16");
    String subnet = env.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    String exec =
        env.role("jar-execution", MotoEnvironment.trustingService("\"ec2.amazonaws.com\""));
    env.service(
        env.cluster("production"),
        "api",
        env.taskDefinition("api", exec, exec),
        List.of(subnet),
        List.of(env.securityGroup(vpc, "api")),
        1);

    Result r =
        launch(
            Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"),
            "scan",
            "--endpoint-url",
            env.endpoint().toString(),
            "--region",
            "us-east-1",
            "--output",
            "json");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode report = SnapshotJson.mapper().readTree(r.out());
    assertThat(report.get("schema").asText()).isEqualTo("fargate-doctor/report/v1");
    assertThat(report.get("account").asText()).isEqualTo("123456789012");
    assertThat(report.get("findings").toString())
        .contains("\"checkId\":\"EXEC-ROLE-TRUST\"")
        .contains("jar-execution");
  }

  @Test
  void withoutCredentialsNothingIsCollectedAndTheExitCodeIsThree() throws Exception {
    Result r =
        launch(
            Map.of("AWS_EC2_METADATA_DISABLED", "true"),
            "scan",
            "--region",
            "us-east-1",
            "--endpoint-url",
            "http://127.0.0.1:9");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("no AWS credentials");
  }
}
