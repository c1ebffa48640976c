package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * preflight against a live account (moto): the network interfaces and subnets are judged from what
 * the SDK collected; moto has no Fargate quotas, so the vCPU verdict is UNKNOWN and the plan is not
 * taken as fitting — exactly what an account that denies servicequotas:GetServiceQuota would get.
 */
@ExtendWith(MotoExtension.class)
class PreflightIT {

  @Test
  void aLivePlanIsJudgedFromTheCollectedAccountAndAnUnreadableQuotaIsNotAFit(MotoEnvironment env)
      throws Exception {
    String vpc = env.vpc("10.4.0.0/16");
    String a = env.subnet(vpc, "10.4.1.0/24", "us-east-1a");
    String b = env.subnet(vpc, "10.4.2.0/28", "us-east-1b");
    String exec =
        env.role("pf-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
    env.service(
        env.cluster("production"),
        "api",
        env.taskDefinition("api", exec, exec),
        List.of(a, b),
        List.of(env.securityGroup(vpc, "api")),
        2);

    Run run =
        Run.live(
            new ApiCallRecorder(),
            "preflight",
            "--endpoint-url",
            env.endpoint().toString(),
            "--region",
            "us-east-1",
            "--scale",
            "api=10x",
            "--output",
            "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode plan = SnapshotJson.mapper().readTree(run.out());
    Map<String, String> verdicts = new HashMap<>();
    plan.get("regions")
        .get(0)
        .get("resources")
        .forEach(
            r ->
                verdicts.put(
                    r.get("kind").asText() + " " + r.get("id").asText(),
                    r.get("verdict").asText()));
    // 2 -> 20 tasks, 40 at the deployment's peak: 20 per AZ. A /28 has 11 addresses.
    assertThat(verdicts)
        .containsEntry("network interfaces region", "FITS")
        .containsEntry("Fargate On-Demand vCPU region", "UNKNOWN");
    assertThat(verdicts.entrySet())
        .anySatisfy(
            e -> {
              assertThat(e.getKey()).startsWith("subnet IPs ");
              assertThat(e.getValue()).isEqualTo("DOES_NOT_FIT");
            });
    assertThat(plan.get("fits").asBoolean()).isFalse();
  }
}
