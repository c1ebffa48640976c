package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline path end to end: scripts/aws-cli-dump.sh with the real aws CLI against moto, then a
 * scan of the dumps, which must find what a live scan of the same account finds.
 */
@ExtendWith(MotoExtension.class)
class AwsCliDumpIT {
  @TempDir Path dir;

  @Test
  void dumpsMadeWithTheAwsCliScanToTheSameFindingsAsALiveScan(MotoEnvironment env)
      throws Exception {
    String vpc = env.vpc("10.0.0.0/16");
    String publicA = env.subnet(vpc, "10.0.101.0/24", "us-east-1a");
    String publicB = env.subnet(vpc, "10.0.102.0/24", "us-east-1b");
    String privateA = env.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    String natA = env.natGateway(publicA);
    String natB = env.natGateway(publicB);
    env.defaultRouteToNat(env.routeTable(vpc, privateA), natB);
    String exec =
        env.role("dump-execution", MotoEnvironment.trustingService("\"ec2.amazonaws.com\""));
    // the managed policy's document must reach the dump too, or EXEC-ROLE-PERMS could only say
    // UNKNOWN offline
    env.iam.attachRolePolicy(
        r ->
            r.roleName("dump-execution")
                .policyArn(
                    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
    String task =
        env.role("dump-task", MotoEnvironment.trustingService("[\"ecs-tasks.amazonaws.com\"]"));
    String sg = env.securityGroup(vpc, "api");
    String cluster = env.cluster("production");
    String td = env.taskDefinition("api", exec, task);
    env.service(cluster, "api", td, List.of(privateA), List.of(sg), 2);
    env.runTask(cluster, "api", td, List.of(privateA), List.of(sg));
    assertThat(natA).isNotEqualTo(natB);
    Path dumps = dir.resolve("dumps");
    ProcessBuilder pb =
        new ProcessBuilder(Path.of("..", "scripts", "aws-cli-dump.sh").toString(), dumps.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("script.log").toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    pb.environment().put("AWS_ENDPOINT_URL", env.endpoint().toString());
    // moto answers LookupEvents with HTTP 500: fail fast rather than through the CLI's default
    // retries
    pb.environment().put("AWS_RETRY_MODE", "standard");
    pb.environment().put("AWS_MAX_ATTEMPTS", "2");
    Process p = pb.start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("script.log"))).isZero();

    Run offline =
        Run.live(
            new ApiCallRecorder(), "scan", "--aws-cli-dir", dumps.toString(), "--output", "json");
    Run live =
        Run.live(
            new ApiCallRecorder(),
            "scan",
            "--endpoint-url",
            env.endpoint().toString(),
            "--region",
            "us-east-1",
            "--output",
            "json");

    assertThat(offline.err()).isEmpty();
    assertThat(problems(offline))
        .isEqualTo(problems(live))
        .contains("FAIL ROUTE-CROSS-AZ-NAT", "FAIL EXEC-ROLE-TRUST dump-execution")
        .noneMatch(problem -> problem.startsWith("UNKNOWN EXEC-ROLE-PERMS"));
    Path saved = dir.resolve("snapshot.json");
    Run.live(
        new ApiCallRecorder(),
        "snapshot",
        "save",
        "--aws-cli-dir",
        dumps.toString(),
        saved.toString());
    assertThat(Files.readString(saved, StandardCharsets.UTF_8))
        .contains("DB_PASSWORD")
        .doesNotContain("hunter2-not-a-real-secret");
  }

  private static TreeSet<String> problems(Run run) throws Exception {
    JsonNode report = SnapshotJson.mapper().readTree(run.out());
    TreeSet<String> out = new TreeSet<>();
    report
        .get("findings")
        .forEach(
            f ->
                out.add(
                    f.get("status").asText()
                        + " "
                        + f.get("checkId").asText()
                        + (f.get("resource").get("type").asText().equals("iam-role")
                            ? " " + f.get("resource").get("id").asText()
                            : "")));
    return out;
  }
}
