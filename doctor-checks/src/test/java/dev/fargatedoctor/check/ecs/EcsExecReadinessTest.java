package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcsExecReadinessTest {
  private final EcsExecReadiness check = new EcsExecReadiness();

  private Finding of(String fixture, String service) {
    return CheckRunner.run(check, fixture).stream().filter(f -> f.resource().id().equals("production/" + service))
        .findFirst().orElseThrow();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyCheckerItemAScanCanSeeIsNamed() {
    Finding f = of("ecs-exec-not-ready.json", "api");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat((List<String>) f.evidence().get("would fail because")).containsExactly(
        "enableExecuteCommand is off for the service",
        "task role api-task does not allow ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, "
            + "ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel",
        "platform version 1.3.0 is older than 1.4.0",
        "api has readonlyRootFilesystem: the SSM agent cannot write its files",
        "vpc-1 uses interface endpoints but has none for ssmmessages, and the task subnets have no NAT or internet route");
    assertThat((List<String>) f.evidence().get("recommended")).containsExactly(
        "api: initProcessEnabled is off (sessions can leave zombie processes behind)",
        "api defines AWS_ACCESS_KEY_ID: the SSM agent would use those keys instead of the task role");
    assertThat(f.remediation().commands()).containsExactly(
        "aws ecs update-service --cluster production --service api --enable-execute-command --force-new-deployment "
            + "--region us-east-1",
        "aws iam put-role-policy --role-name api-task --policy-name ecs-exec --policy-document '{\"Version\":\"2012-10-17\","
            + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ssmmessages:CreateControlChannel\","
            + "\"ssmmessages:CreateDataChannel\",\"ssmmessages:OpenControlChannel\",\"ssmmessages:OpenDataChannel\"],"
            + "\"Resource\":\"*\"}]}' --region us-east-1",
        "aws ec2 create-vpc-endpoint --vpc-id vpc-1 --vpc-endpoint-type Interface --service-name "
            + "com.amazonaws.us-east-1.ssmmessages --subnet-ids subnet-private-a subnet-private-b --security-group-ids "
            + "sg-api --private-dns-enabled --region us-east-1");
  }

  @Test
  @SuppressWarnings("unchecked")
  void tasksStartedBeforeTheFlagAndAStoppedAgentFailEvenWithTheFlagOn() {
    Finding f = of("ecs-exec-not-ready.json", "worker");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat((List<String>) f.evidence().get("would fail because")).contains(
        "1 running task(s) started before enableExecuteCommand was set: they need replacing",
        "the ExecuteCommandAgent of worker in task w-new stopped: InternalError: failed to start");
    assertThat(f.remediation().commands()).contains("aws ecs update-service --cluster production --service worker "
        + "--force-new-deployment --region us-east-1");
  }

  @Test
  void aReadyServicePasses() {
    assertThat(CheckRunner.problems(check, "ecs-exec-ready.json")).isEmpty();
    assertThat(of("ecs-exec-ready.json", "api").title()).isEqualTo("api: ECS Exec is ready");
  }

  @Test
  void platformVersionsCompareNumerically() {
    assertThat(EcsExecReadiness.compare("1.10.0", "1.4.0")).isPositive();
    assertThat(EcsExecReadiness.compare("1.3.0", "1.4.0")).isNegative();
    assertThat(EcsExecReadiness.compare("1.4", "1.4.0")).isZero();
  }
}
