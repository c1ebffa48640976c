package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcsExecReadinessTest {
  private final EcsExecReadiness check = new EcsExecReadiness();

  private Finding of(String fixture, String service) {
    return CheckRunner.run(check, fixture).stream()
        .filter(f -> f.resource().id().equals("production/" + service))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyCheckerItemAScanCanSeeIsNamed() {
    Finding f = of("ECS-EXEC-NOT-READY/fires-ecs-exec-not-ready.json", "api");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat((List<String>) f.evidence().get("would fail because"))
        .containsExactly(
            "enableExecuteCommand is off for the service",
            "task role api-task does not allow ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, "
                + "ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel (to open the session channels)",
            "platform version 1.3.0 is older than 1.4.0",
            "api has readonlyRootFilesystem: the SSM agent cannot write its files",
            "vpc-1 uses interface endpoints but has none for ssmmessages, and the task subnets have no NAT or internet route");
    assertThat((List<String>) f.evidence().get("recommended"))
        .containsExactly(
            "api: initProcessEnabled is off (sessions can leave zombie processes behind)",
            "api defines AWS_ACCESS_KEY_ID: the SSM agent would use those keys instead of the task role");
    assertThat(f.remediation().commands())
        .containsExactly(
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
    Finding f = of("ECS-EXEC-NOT-READY/fires-ecs-exec-not-ready.json", "worker");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat((List<String>) f.evidence().get("would fail because"))
        .contains(
            "1 running task(s) started before enableExecuteCommand was set: they need replacing",
            "the ExecuteCommandAgent of worker in task w-new stopped: InternalError: failed to start");
    assertThat(f.remediation().commands())
        .contains(
            "aws ecs update-service --cluster production --service worker "
                + "--force-new-deployment --region us-east-1");
  }

  @Test
  void aReadyServicePasses() {
    assertThat(CheckRunner.problems(check, "ECS-EXEC-NOT-READY/quiet-ecs-exec-ready.json"))
        .isEmpty();
    assertThat(of("ECS-EXEC-NOT-READY/quiet-ecs-exec-ready.json", "api").title())
        .isEqualTo("api: ECS Exec is ready");
  }

  /** The ready service's cluster with a KMS key and session logs sent to CloudWatch Logs and S3. */
  private static Snapshot clusterWithKmsAndLogging(String extraTaskRoleStatement) {
    return Fixtures.edited(
        "ECS-EXEC-NOT-READY/quiet-ecs-exec-ready.json",
        tree -> {
          ObjectNode cluster = (ObjectNode) Fixtures.region(tree).get("ecs").get("clusters").get(0);
          ObjectNode exec =
              cluster.putObject("configuration").putObject("executeCommandConfiguration");
          exec.put(
              "kmsKeyId",
              "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
          exec.put("logging", "OVERRIDE");
          exec.putObject("logConfiguration")
              .put("cloudWatchLogGroupName", "/ecs/exec-audit")
              .put("s3BucketName", "exec-audit-logs")
              .put("s3KeyPrefix", "sessions")
              .put("s3EncryptionEnabled", true);
          if (extraTaskRoleStatement != null) {
            ArrayNode statements =
                (ArrayNode)
                    tree.get("iam")
                        .get("roles")
                        .get(0)
                        .get("InlinePolicies")
                        .get(0)
                        .get("Document")
                        .get("Statement");
            try {
              statements.add(SnapshotJson.mapper().readTree(extraTaskRoleStatement));
            } catch (Exception e) {
              throw new IllegalArgumentException(e);
            }
          }
        });
  }

  @Test
  @SuppressWarnings("unchecked")
  void theClustersKmsKeyAndSessionLoggingAreTheTaskRolesToo() {
    Finding f = CheckRunner.run(check, clusterWithKmsAndLogging(null)).get(0);

    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat((List<String>) f.evidence().get("would fail because"))
        .containsExactly(
            "task role api-task does not allow kms:Decrypt on arn:aws:kms:us-east-1:123456789012:key/"
                + "1234abcd-12ab-34cd-56ef-1234567890ab (to decrypt the session with cluster production's KMS key); "
                + "logs:DescribeLogGroups, logs:CreateLogStream on arn:aws:logs:us-east-1:123456789012:log-group:/ecs/"
                + "exec-audit:*, logs:DescribeLogStreams on arn:aws:logs:us-east-1:123456789012:log-group:/ecs/exec-audit:*, "
                + "logs:PutLogEvents on arn:aws:logs:us-east-1:123456789012:log-group:/ecs/exec-audit:* (to write the "
                + "session log to /ecs/exec-audit); s3:PutObject on arn:aws:s3:::exec-audit-logs/sessions/* (to write the "
                + "session log to s3://exec-audit-logs/sessions/); s3:GetEncryptionConfiguration on "
                + "arn:aws:s3:::exec-audit-logs (to write the session log to s3://exec-audit-logs/sessions/ (encrypted))");
    assertThat(f.remediation().commands())
        .singleElement()
        .asString()
        .contains(
            "\"Action\":[\"logs:CreateLogStream\",\"logs:DescribeLogStreams\",\"logs:PutLogEvents\"],"
                + "\"Resource\":\"arn:aws:logs:us-east-1:123456789012:log-group:/ecs/exec-audit:*\"")
        .contains(
            "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::exec-audit-logs/sessions/*\"")
        .doesNotContain("ssmmessages");
  }

  @Test
  void aTaskRoleThatAllowsTheKeyAndTheLogDestinationsPasses() {
    Snapshot snapshot =
        clusterWithKmsAndLogging(
            """
        {"Effect":"Allow","Action":["kms:Decrypt","logs:DescribeLogGroups","logs:CreateLogStream",
         "logs:DescribeLogStreams","logs:PutLogEvents","s3:PutObject","s3:GetEncryptionConfiguration"],
         "Resource":["arn:aws:kms:us-east-1:123456789012:key/*","arn:aws:logs:us-east-1:123456789012:log-group:*",
         "arn:aws:s3:::exec-audit-logs","arn:aws:s3:::exec-audit-logs/*"]}""");

    List<Finding> findings = CheckRunner.run(check, snapshot);

    assertThat(findings)
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }

  @Test
  @SuppressWarnings("unchecked")
  void sessionLoggingOffIsARecommendationAndAnAliasIsNotGuessed() {
    Snapshot snapshot =
        Fixtures.edited(
            "ECS-EXEC-NOT-READY/quiet-ecs-exec-ready.json",
            tree -> {
              ObjectNode cluster =
                  (ObjectNode) Fixtures.region(tree).get("ecs").get("clusters").get(0);
              cluster
                  .putObject("configuration")
                  .putObject("executeCommandConfiguration")
                  .put("kmsKeyId", "alias/exec")
                  .put("logging", "NONE");
            });

    Finding f = CheckRunner.run(check, snapshot).get(0);

    assertThat(f.status()).isEqualTo(Status.UNKNOWN);
    assertThat((List<String>) f.evidence().get("not certain"))
        .containsExactly(
            "kms:Decrypt on the key behind alias/exec (cluster production): aliases are not resolved");
    assertThat((List<String>) f.evidence().get("recommended"))
        .contains(
            "cluster production logs no ECS Exec sessions (logging NONE): commands run in tasks leave no record");
  }

  @Test
  void platformVersionsCompareNumerically() {
    assertThat(EcsExecReadiness.compare("1.10.0", "1.4.0")).isPositive();
    assertThat(EcsExecReadiness.compare("1.3.0", "1.4.0")).isNegative();
    assertThat(EcsExecReadiness.compare("1.4", "1.4.0")).isZero();
  }
}
