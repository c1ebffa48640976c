package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * --cluster against a live account: what it names is scanned, a name that matches none is exit 2.
 */
@ExtendWith(MotoExtension.class)
class ClusterChoiceIT {
  private MotoServer moto;

  @BeforeEach
  void twoClusters(MotoServer moto) throws Exception {
    this.moto = moto;
    moto.reset();
    try (MotoEnvironment env = new MotoEnvironment(moto.endpoint(), "us-east-1")) {
      String vpc = env.vpc("10.8.0.0/16");
      String subnet = env.subnet(vpc, "10.8.1.0/24", "us-east-1a");
      String sg = env.securityGroup(vpc, "app");
      String role =
          env.role("cc-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
      for (String cluster : List.of("production", "staging")) {
        env.service(
            env.cluster(cluster),
            cluster + "-api",
            env.taskDefinition(cluster + "-api", role, role),
            List.of(subnet),
            List.of(sg),
            1);
      }
    }
  }

  private Run scan(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "scan",
                "--endpoint-url",
                moto.endpoint().toString(),
                "--region",
                "us-east-1",
                "--output",
                "json"));
    args.addAll(List.of(extra));
    return Run.live(new ApiCallRecorder(), args.toArray(String[]::new));
  }

  @Test
  void aClusterThatMatchesNothingIsExitTwoListingTheClustersThereAre() {
    Run run = scan("--cluster", "prodution");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--cluster prodution matches no active cluster in us-east-1; the clusters there: production, staging");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void theNamedClusterAloneIsScannedByNameOrArn() throws Exception {
    for (String cluster :
        List.of(
            "staging", "arn:aws:ecs:us-east-1:" + MotoEnvironment.ACCOUNT + ":cluster/staging")) {
      Run run = scan("--cluster", cluster, "--include-passed");

      List<String> services = new ArrayList<>();
      for (JsonNode f : SnapshotJson.mapper().readTree(run.out()).get("findings")) {
        if (f.get("resource").get("type").asText().equals("service"))
          services.add(f.get("resource").get("id").asText());
      }
      assertThat(services)
          .as(cluster + "\n" + run.err() + "\n" + run.out())
          .isNotEmpty()
          .allMatch(id -> id.equals("staging/staging-api"));
    }
  }
}
