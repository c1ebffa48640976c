package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fargate-doctor path} on the demo snapshot: the real command, in-process. */
class PathCommandTest {
  @TempDir Path dir;
  private String demo;

  @BeforeEach
  void saveTheDemo() {
    demo = dir.resolve("demo.json").toString();
    Run.of("demo", "--save-snapshot", demo, "--output", "json");
  }

  @Test
  void aBlockedPathPrintsEveryHopNamesTheFirstBlockingOneAndExitsOne() {
    Run run = Run.of("path", "--snapshot", demo, "--service", "ingest", "--to", "s3");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "ingest (production, us-east-1) -> S3 (ECR image layers) (tcp/443) from "
                + "subnet-0data0: BLOCKED")
        .contains("gateway endpoint vpce-0datas3")
        .contains("BLOCKED       network ACL acl-0ingest")
        .contains("rule 90 denies tcp 1024-65535 from 0.0.0.0/0")
        .contains("[NACL_DENY_RETURN]")
        .contains(
            "first blocking hop: network ACL acl-0ingest — a network ACL denies the return traffic")
        .contains("Verdict: BLOCKED (2 paths: 2 blocked, 0 not evaluated)");
  }

  @Test
  void ecrMeansTheApiTheRegistryAndS3AndAReachablePathWithARiskExitsZero() {
    Run run = Run.of("path", "--snapshot", demo, "--service", "api", "--to", "ecr");

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .contains(
            "-> ECR API (auth token, image manifests) (tcp/443) from subnet-0privatea: REACHABLE")
        .contains("-> ECR registry (docker pull) (tcp/443) from subnet-0privateb: REACHABLE")
        .contains("-> S3 (ECR image layers) (tcp/443) from subnet-0privatec: REACHABLE")
        .contains("risk: AZ_CROSSED")
        .contains("Verdict: REACHABLE (9 paths: 0 blocked, 0 not evaluated)");
  }

  @Test
  void jsonHasTheVerdictTheHopsAndTheirCodes() throws Exception {
    Run run =
        Run.of(
            "path", "--snapshot", demo, "--service", "ingest", "--to", "logs", "--output", "json");
    JsonNode json = SnapshotJson.mapper().readTree(run.out());

    assertThat(json.get("schema").asText()).isEqualTo("fargate-doctor/path/v1");
    assertThat(json.get("service").asText()).isEqualTo("ingest");
    assertThat(json.get("paths")).hasSize(2);
    JsonNode first = json.get("paths").get(0);
    assertThat(first.get("destination").get("service").asText()).isEqualTo("logs");
    assertThat(first.get("verdict").asText()).isEqualTo("REACHABLE");
    assertThat(first.get("hops").toString())
        .contains("\"code\":\"ENDPOINT_PARTLY_BLOCKED\"")
        .contains("\"component\":\"VPC endpoint\"");
  }

  @Test
  void anAddressAndPortInsideTheVpcIsFollowedToTheSubnetThatHoldsIt() {
    Run run = Run.of("path", "--snapshot", demo, "--service", "orders", "--to", "10.0.101.10:443");

    // Not evaluable is incomplete, not blocked: exit 4, or 0 when the caller accepts that.
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(
            Run.of(
                    "path",
                    "--snapshot",
                    demo,
                    "--service",
                    "orders",
                    "--to",
                    "10.0.101.10:443",
                    "--allow-incomplete")
                .exitCode())
        .isZero();
    assertThat(run.out())
        .contains("-> 10.0.101.10:443 from subnet-0privatea: UNDETERMINED")
        .contains("route table rtb-0privatea")
        .contains("10.0.0.0/16 -> local")
        .contains("subnet-0publicb: rule 100 allows all traffic from 0.0.0.0/0")
        .contains("no network interface with this address in the snapshot");
  }

  @Test
  void anUnknownServiceIsBadUsageNamingTheServicesThereAre() {
    Run run = Run.of("path", "--snapshot", demo, "--service", "nope", "--to", "ecr");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--service nope matches no service in the snapshot")
        .contains("production/api", "production/catalog", "production/checkout");
  }

  @Test
  void aServiceIsFoundByClusterSlashNameAsTheErrorListsIt() {
    Run byName = Run.of("path", "--snapshot", demo, "--service", "ingest", "--to", "s3");
    Run byClusterAndName =
        Run.of("path", "--snapshot", demo, "--service", "production/ingest", "--to", "s3");
    Run otherCluster =
        Run.of("path", "--snapshot", demo, "--service", "staging/ingest", "--to", "s3");

    assertThat(byClusterAndName.exitCode()).as(byClusterAndName.err()).isEqualTo(1);
    assertThat(byClusterAndName.out()).isEqualTo(byName.out());
    assertThat(otherCluster.exitCode()).isEqualTo(2);
    assertThat(otherCluster.err()).contains("--service staging/ingest matches no service");
  }

  @Test
  void anUnknownDestinationIsBadUsage() {
    Run run = Run.of("path", "--snapshot", demo, "--service", "api", "--to", "the-moon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown destination 'the-moon'").contains("IP:PORT");
  }

  @Test
  void helpShowsThePathExitCodes() {
    assertThat(Run.of("path", "--help").out())
        .contains("0  every path is reachable", "1  a path is blocked");
  }
}
