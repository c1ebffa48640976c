package dev.fargatedoctor.agent.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskMetadataClientTest {

  private static final String APP = "bfa2636268144d039771334145e490c5-3681984407";

  @Test
  void readsTheAvailabilityZoneArnAndLimitsOfTheDocumentedFargateTask() throws IOException {
    try (FakeMetadataEndpoint endpoint =
        FakeMetadataEndpoint.serving("task-fargate.json", "task-stats-fargate.json")) {
      TaskMetadata task = new TaskMetadataClient(endpoint.uri(), Duration.ofSeconds(2)).task();
      assertThat(task.availabilityZone()).isEqualTo("us-east-1d");
      assertThat(task.taskArn())
          .isEqualTo(
              "arn:aws:ecs:us-east-1:123456789012:task/MyEmptyCluster/bfa2636268144d039771334145e490c5");
      assertThat(task.cluster())
          .isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/MyEmptyCluster");
      assertThat(task.family()).isEqualTo("sample-fargate");
      assertThat(task.revision()).isEqualTo("5");
      assertThat(task.launchType()).isEqualTo("FARGATE");
      assertThat(task.cpuVcpu()).isEqualTo(0.25); // task CPU is in vCPUs
      assertThat(task.memoryMiB()).isEqualTo(512L);
      assertThat(task.memoryLimitBytes()).isEqualTo(512L * 1024 * 1024);
      assertThat(task.containers())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.name()).isEqualTo("fargate-app");
                assertThat(c.dockerId()).isEqualTo(APP);
                assertThat(c.cpuUnits()).isEqualTo(2L); // container CPU is in CPU units
                assertThat(c.memoryMiB()).isNull(); // no container-level limit
              });
    }
  }

  @Test
  void readsPerContainerMemoryAndSeesThatDockersLimitIsUnlimited() throws IOException {
    try (FakeMetadataEndpoint endpoint =
        FakeMetadataEndpoint.serving("task-fargate.json", "task-stats-fargate.json")) {
      Map<String, ContainerMemory> stats =
          new TaskMetadataClient(endpoint.uri(), Duration.ofSeconds(2)).taskStats();
      ContainerMemory app = stats.get(APP);
      assertThat(app.usageBytes()).isEqualTo(39251968L);
      assertThat(app.maxUsageBytes()).isEqualTo(40939520L);
      assertThat(app.rssBytes()).isEqualTo(22224896L);
      assertThat(app.cacheBytes()).isEqualTo(38092800L);
      assertThat(app.workingSetBytes()).isEqualTo(39251968L - 24068096L);
      assertThat(app.limitBytes()).isEqualTo(9223372036854772000L);
      assertThat(app.ownLimitBytes()).isEqualTo(-1); // "unlimited" at container level...
      assertThat(app.hierarchicalLimitBytes())
          .isEqualTo(536870912L); // ...the task's 512 MiB applies
    }
  }

  @Test
  void skipsContainersWithoutStatsAndKeepsContainerLimits() throws IOException {
    try (FakeMetadataEndpoint endpoint =
        FakeMetadataEndpoint.serving(
            "task-two-containers.json", "task-stats-two-containers.json")) {
      TaskMetadataClient client =
          new TaskMetadataClient(endpoint.uri() + "/", Duration.ofSeconds(2));
      TaskMetadata task = client.task();
      assertThat(task.containers())
          .extracting(TaskMetadata.Container::name)
          .containsExactly("orders", "fargate-doctor-agent", "migrate");
      assertThat(task.containers().get(0).memoryMiB()).isEqualTo(1536L);
      assertThat(task.containers().get(2).knownStatus()).isEqualTo("STOPPED");
      Map<String, ContainerMemory> stats = client.taskStats();
      assertThat(stats).hasSize(2).doesNotContainKey("0f3c2a9b8d7e4c1a9b2d3e4f5a6b7c8d-3333333333");
      assertThat(stats.get("0f3c2a9b8d7e4c1a9b2d3e4f5a6b7c8d-1111111111").ownLimitBytes())
          .isEqualTo(1610612736L);
    }
  }

  @Test
  void pollingReusesOneKeepAliveConnection() throws IOException {
    try (FakeMetadataEndpoint endpoint =
        FakeMetadataEndpoint.serving("task-fargate.json", "task-stats-fargate.json")) {
      TaskMetadataClient client = new TaskMetadataClient(endpoint.uri(), Duration.ofSeconds(2));
      for (int i = 0; i < 5; i++) {
        client.taskStats();
      }
      client.task();
      assertThat(endpoint.clientPorts()).hasSize(1);
    }
  }

  @Test
  void errorsNameThePathButNeverTheUri() throws Exception {
    try (FakeMetadataEndpoint endpoint =
        FakeMetadataEndpoint.serving("task-fargate.json", "task-stats-fargate.json")) {
      TaskMetadataClient client = new TaskMetadataClient(endpoint.uri(), Duration.ofMillis(300));

      endpoint.respond("/task", 500, "{}");
      assertError(() -> client.task(), "task metadata /task returned HTTP 500");

      endpoint.respond(
          "/task",
          200,
          "{\"TaskARN\": \"arn:aws:ecs:us-east-1:1:task/x\", \"Limits\": {\"CPU\": 0.2");
      assertError(() -> client.task(), "task metadata /task: malformed JSON");

      endpoint.respond("/task", 200, "{\"Family\": \"x\"}");
      assertError(() -> client.task(), "no TaskARN");

      endpoint.respond("/task/stats", 200, "[]");
      assertError(() -> client.taskStats(), "task metadata /task/stats: malformed JSON");

      endpoint.delay(1500);
      assertError(() -> client.taskStats(), "task metadata /task/stats timed out");
    }
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    TaskMetadataClient refused =
        new TaskMetadataClient(
            "http://127.0.0.1:" + closedPort + "/v4/secret-id", Duration.ofMillis(500));
    assertThatThrownBy(refused::task)
        .hasMessageContaining("task metadata /task request failed")
        .hasMessageNotContaining(Integer.toString(closedPort))
        .hasMessageNotContaining("secret-id");
    assertThatThrownBy(() -> new TaskMetadataClient("not a url", Duration.ofSeconds(1)).task())
        .hasMessageContaining("not a valid URL")
        .hasMessageNotContaining("not a url");
  }

  private interface Call {
    Object run() throws IOException;
  }

  private static void assertError(Call call, String expected) {
    assertThatThrownBy(call::run)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(expected)
        .hasMessageNotContaining(FakeMetadataEndpoint.SECRET_PATH)
        .hasMessageNotContaining("127.0.0.1");
  }
}
