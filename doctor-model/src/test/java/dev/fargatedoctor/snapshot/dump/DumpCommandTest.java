package dev.fargatedoctor.snapshot.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DumpCommandTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ec2-describe-subnets.json,                          EC2_DESCRIBE_SUBNETS",
    "ec2-describe-subnets.private.json,                  EC2_DESCRIBE_SUBNETS",
    "ecs-describe-services.prod.eu-west-1.json,          ECS_DESCRIBE_SERVICES",
    "ecs-describe-tasks.json,                            ECS_DESCRIBE_TASKS",
    "ecs-describe-task-definition.json,                  ECS_DESCRIBE_TASK_DEFINITION",
    "ecs-describe-task-definition.web-7.json,            ECS_DESCRIBE_TASK_DEFINITION",
    "iam-get-role.ecsTaskExecutionRole.json,             IAM_GET_ROLE",
    "iam-get-account-authorization-details.json,         IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS",
    "service-quotas-get-service-quota.L-DF5E4CA3.json,   SERVICE_QUOTAS_GET_SERVICE_QUOTA",
    "service-quotas-list-service-quotas.fargate.json,    SERVICE_QUOTAS_LIST_SERVICE_QUOTAS",
    "service-quotas-list-aws-default-service-quotas.json, SERVICE_QUOTAS_LIST_AWS_DEFAULT_SERVICE_QUOTAS",
    "sts-get-caller-identity.json,                       STS_GET_CALLER_IDENTITY",
  })
  void aFileNameIsTheCommandOptionallyFollowedByALabel(String fileName, DumpCommand command) {
    assertThat(DumpCommand.forFileName(fileName)).contains(command);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ec2-describe-subnet.json",
        "ec2-describe-subnets-private.json",
        "ec2-describe-subnets",
        "ec2-describe-subnets.txt",
        "ec2-describe-subnets.json.gz",
        "ecs-list-services.json",
        "describe-subnets.json",
        "EC2-DESCRIBE-SUBNETS.JSON",
        "iam-get-role-policy.json",
        ".json"
      })
  void otherNamesStandForNoCommand(String fileName) {
    assertThat(DumpCommand.forFileName(fileName)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(DumpCommand.class)
  void everyCommandIsFoundByItsOwnFileName(DumpCommand command) {
    assertThat(DumpCommand.forFileName(command.fileStem + ".json")).contains(command);
    assertThat(DumpCommand.forFileName(command.fileStem + ".some-label.json")).contains(command);
  }

  @ParameterizedTest(name = "{0} is `{1}`")
  @CsvSource({
    "EC2_DESCRIBE_SUBNETS,                  aws ec2 describe-subnets",
    "ECS_DESCRIBE_TASK_DEFINITION,          aws ecs describe-task-definition",
    "IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS, aws iam get-account-authorization-details",
    "STS_GET_CALLER_IDENTITY,               aws sts get-caller-identity",
    "SERVICE_QUOTAS_GET_SERVICE_QUOTA,      aws service-quotas get-service-quota",
    "SERVICE_QUOTAS_LIST_AWS_DEFAULT_SERVICE_QUOTAS, aws service-quotas list-aws-default-service-quotas",
    "ELBV2_DESCRIBE_TARGET_HEALTH,          aws elbv2 describe-target-health",
    "CLOUDWATCH_GET_METRIC_DATA,            aws cloudwatch get-metric-data",
  })
  void theCliInvocationIsSpelledForMessages(DumpCommand command, String cli) {
    assertThat(command.cli()).isEqualTo(cli);
  }

  @Test
  void aTopLevelKeyPointsBackToItsCommand() {
    assertThat(DumpCommand.producing("Subnets")).contains(DumpCommand.EC2_DESCRIBE_SUBNETS);
    assertThat(DumpCommand.producing("NetworkInterfaces"))
        .contains(DumpCommand.EC2_DESCRIBE_NETWORK_INTERFACES);
    assertThat(DumpCommand.producing("taskDefinition"))
        .contains(DumpCommand.ECS_DESCRIBE_TASK_DEFINITION);
    assertThat(DumpCommand.producing("Reservations")).isEmpty();
    assertThat(DumpCommand.producing("failures")).isEmpty();
  }

  @Test
  void onlyStsAndIamAreGlobal() {
    assertThat(Arrays.stream(DumpCommand.values()).filter(c -> !c.regional))
        .containsExactlyInAnyOrder(
            DumpCommand.STS_GET_CALLER_IDENTITY,
            DumpCommand.IAM_GET_ROLE,
            DumpCommand.IAM_GET_ACCOUNT_AUTHORIZATION_DETAILS);
  }

  @ParameterizedTest
  @EnumSource(DumpCommand.class)
  void everyActionIsAnIamActionOfTheCommandsService(DumpCommand command) {
    String service =
        command.fileStem.startsWith("service-quotas")
            ? "servicequotas"
            : command.fileStem.startsWith("elbv2-")
                ? "elasticloadbalancing"
                : command.fileStem.split("-")[0];
    assertThat(command.action).startsWith(service + ":");
  }
}
