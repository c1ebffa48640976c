package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import dev.fargatedoctor.testkit.JsonSchemas;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * watch --notify sns:ARN against moto: the topic's messages read back through an SQS queue
 * subscribed to it. A finding is published when it appears and when it clears, never twice in
 * between, with its fields in the message; SNS Publish is the only call it makes, and
 * docs/iam-policy-watch-notify-sns.json grants exactly that.
 */
@ExtendWith(MotoExtension.class)
class WatchNotifySnsIT {
  private static final String HEALTHY = "healthy-two-az-service.json";

  @TempDir Path tmp;

  private MotoServer moto;
  private SnsClient sns;
  private SqsClient sqs;
  private String topicArn;
  private String queueUrl;

  @BeforeEach
  void topicWithAQueue(MotoServer moto) throws Exception {
    this.moto = moto;
    moto.reset();
    sns =
        SnsClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(moto.endpoint())
            .credentialsProvider(MotoEnvironment.CREDENTIALS)
            .build();
    sqs =
        SqsClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(moto.endpoint())
            .credentialsProvider(MotoEnvironment.CREDENTIALS)
            .build();
    topicArn = sns.createTopic(b -> b.name("fargate-doctor-oncall")).topicArn();
    queueUrl = sqs.createQueue(b -> b.queueName("oncall-inbox")).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));

    SnapshotFiles.write(Fixtures.snapshot(HEALTHY), tmp.resolve("healthy.json"));
    SnapshotFiles.write(
        Fixtures.edited(
            HEALTHY,
            tree -> {
              for (var t : Fixtures.region(tree).get("ec2").get("routeTables")) {
                if (t.get("RouteTableId").asText().equals("rtb-private-a"))
                  ((ObjectNode) t.get("Routes").get(1)).put("NatGatewayId", "nat-b");
              }
            }),
        tmp.resolve("broken.json"));
  }

  @AfterEach
  void close() {
    sns.close();
    sqs.close();
  }

  private Run watch(ApiCallRecorder recorder, String snapshot) {
    return Run.live(
        recorder,
        "watch",
        "--snapshot",
        tmp.resolve(snapshot).toString(),
        "--state-dir",
        tmp.resolve("state").toString(),
        "--cycles",
        "1",
        "--endpoint-url",
        moto.endpoint().toString(),
        "--region",
        "us-east-1",
        "--notify",
        "sns:" + topicArn);
  }

  /** What the topic delivered since the last call: each SNS envelope's Subject and Message. */
  private List<JsonNode> delivered() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (Message m :
        sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()) {
      out.add(SnapshotJson.mapper().readTree(m.body()));
      sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
    }
    return out;
  }

  @Test
  void aFindingIsPublishedWhenItAppearsAndWhenItClearsWithItsFields() throws Exception {
    ApiCallRecorder recorder = new ApiCallRecorder();
    Run first = watch(recorder, "broken.json");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).contains("notified --notify #1 (sns " + topicArn + ")");

    List<JsonNode> appeared = delivered();
    assertThat(appeared).hasSize(1);
    assertThat(appeared.get(0).path("Subject").asText()).startsWith("Fargate Doctor: ");
    JsonNode message = SnapshotJson.mapper().readTree(appeared.get(0).path("Message").asText());
    assertThat(message.path("schema").asText()).isEqualTo("fargate-doctor/notification/v1");
    assertThat(JsonSchemas.problems("notification.schema.json", message)).isEmpty();
    assertThat(message.path("events"))
        .anySatisfy(
            e -> {
              assertThat(e.path("change").asText()).isEqualTo("appeared");
              assertThat(e.path("checkId").asText()).isEqualTo("ROUTE-CROSS-AZ-NAT");
              assertThat(e.path("severity").asText()).isEqualTo("HIGH");
              assertThat(e.path("account").asText()).isEqualTo("123456789012");
              assertThat(e.path("region").asText()).isEqualTo("us-east-1");
              assertThat(e.path("resourceType").asText()).isEqualTo("subnet");
              assertThat(e.path("resourceId").asText()).isEqualTo("subnet-private-a");
              assertThat(e.hasNonNull("statusBefore")).isFalse(); // absent: it is new
              assertThat(e.path("statusAfter").asText()).isEqualTo("FAIL");
              assertThat(e.path("fingerprint").asText()).matches("[0-9a-f]{32}");
            });
    assertThat(recorder.actions()).containsExactly("sns:Publish");
    List<String> granted = new ArrayList<>();
    SnapshotJson.mapper()
        .readTree(Path.of("..", "docs", "iam-policy-watch-notify-sns.json").toFile())
        .path("Statement")
        .forEach(s -> s.path("Action").forEach(a -> granted.add(a.asText())));
    assertThat(granted).containsExactly("sns:Publish");

    Run same = watch(new ApiCallRecorder(), "broken.json");
    assertThat(same.exitCode()).as(same.err()).isZero();
    assertThat(delivered()).as("the same findings again: nothing new to tell").isEmpty();

    Run fixed = watch(new ApiCallRecorder(), "healthy.json");
    assertThat(fixed.exitCode()).as(fixed.err()).isZero();
    List<JsonNode> cleared = delivered();
    assertThat(cleared).hasSize(1);
    JsonNode clearedMessage =
        SnapshotJson.mapper().readTree(cleared.get(0).path("Message").asText());
    assertThat(JsonSchemas.problems("notification.schema.json", clearedMessage)).isEmpty();
    assertThat(clearedMessage.path("events"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("change").asText()).isEqualTo("cleared");
              assertThat(e.path("checkId").asText()).isEqualTo("ROUTE-CROSS-AZ-NAT");
              assertThat(e.path("statusBefore").asText()).isEqualTo("FAIL");
              assertThat(e.hasNonNull("statusAfter")).isFalse(); // absent: it is gone
            });
  }

  @Test
  void aTopicThatDoesNotExistIsLoggedAndTheWatchGoesOn() {
    Run run =
        Run.live(
            new ApiCallRecorder(),
            "watch",
            "--snapshot",
            tmp.resolve("broken.json").toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "--cycles",
            "1",
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            "us-east-1",
            "--notify",
            "sns:arn:aws:sns:us-east-1:123456789012:no-such-topic");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "could not notify --notify #1 (sns arn:aws:sns:us-east-1:123456789012:no-such-topic)")
        .contains("kept for the next cycle")
        .doesNotContain("at dev.fargatedoctor");
  }
}
