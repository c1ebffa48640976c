package dev.fargatedoctor.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.detect.MemorySeries;
import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.detect.Warning;
import dev.fargatedoctor.agent.json.Json;
import dev.fargatedoctor.agent.json.JsonValues;
import dev.fargatedoctor.agent.metadata.TaskMetadata;
import dev.fargatedoctor.agent.proc.Endpoint;
import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.SocketOwners;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfLineTest {

  private static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");
  private static final List<String> IDS =
      List.of(
          "close-wait-pileup", "syn-sent-stuck", "time-wait-storm", "fd-growth", "memory-growth");

  private static Sample sample(TaskMetadata task) {
    return Sample.builder(AT)
        .connections(
            List.of(
                new TcpConnection(
                    Endpoint.of("10.0.1.5", 1),
                    Endpoint.of("10.0.3.7", 443),
                    TcpState.CLOSE_WAIT,
                    0,
                    1),
                new TcpConnection(
                    Endpoint.of("10.0.1.5", 2),
                    Endpoint.of("10.0.3.7", 443),
                    TcpState.CLOSE_WAIT,
                    0,
                    2),
                new TcpConnection(
                    Endpoint.of("10.0.1.5", 3),
                    Endpoint.of("10.0.3.7", 443),
                    TcpState.ESTABLISHED,
                    0,
                    3)))
        .processes(Map.of(7, new ProcessInfo(7, "node", "node", 1, 1000, 1)))
        .fds(Map.of(7, new SocketOwners.FdCount(250, 3)))
        .memory(List.of(new MemorySeries("task", 256L << 20, 512L << 20)))
        .task(task)
        .build();
  }

  @Test
  void isAValidEmbeddedMetricFormatDocument() {
    TaskMetadata task =
        new TaskMetadata(
            "c",
            "arn:aws:ecs:us-east-1:1:task/c/abc",
            "sample-fargate",
            "5",
            "RUNNING",
            "RUNNING",
            "us-east-1d",
            "FARGATE",
            0.25,
            512L,
            List.of());
    Warning w = new Warning("close-wait-pileup", "k", Warning.Severity.WARNING, "m", Map.of(), "f");
    String line = EmfLine.render(sample(task), List.of(w), IDS, "FargateDoctor/Agent");
    assertThat(line).doesNotContain("\n");
    Map<String, Object> root = Json.parseObject(line);
    Map<String, Object> aws = JsonValues.object(root, "_aws");
    assertThat(JsonValues.whole(aws, "Timestamp")).isEqualTo(AT.toEpochMilli());
    Object directive = JsonValues.array(aws, "CloudWatchMetrics").get(0);
    assertThat(JsonValues.string(directive, "Namespace")).isEqualTo("FargateDoctor/Agent");
    assertThat(JsonValues.array(directive, "Dimensions")).containsExactly(List.of("TaskFamily"));
    // every metric named in the directive is a number on the root; every dimension is a string
    // there
    for (Object metric : JsonValues.array(directive, "Metrics")) {
      String name = JsonValues.string(metric, "Name");
      assertThat(root.get(name)).as(name).isInstanceOf(Number.class);
      assertThat(JsonValues.string(metric, "Unit"))
          .isIn("Count", "Percent", "Bytes", "Milliseconds");
    }
    assertThat(root)
        .containsEntry("TaskFamily", "sample-fargate")
        .containsEntry("AvailabilityZone", "us-east-1d")
        .containsEntry("TcpCloseWait", 2L)
        .containsEntry("TcpEstablished", 1L)
        .containsEntry("TcpConnections", 3L)
        .containsEntry("OpenFdsMax", 250L)
        .containsEntry("Warnings", 1L)
        .containsEntry("WarningsCloseWaitPileup", 1L)
        .containsEntry("WarningsMemoryGrowth", 0L)
        .containsEntry("MemoryUsed", 256L << 20);
    assertThat(((Number) root.get("MemoryUtilization")).doubleValue()).isEqualTo(50.0);
    assertThat(((Number) root.get("OpenFdsLimitUtilizationMax")).doubleValue()).isEqualTo(25.0);
  }

  @Test
  void outsideEcsTheDimensionStillHasAValue() {
    Map<String, Object> root = Json.parseObject(EmfLine.render(sample(null), List.of(), IDS, "X"));
    assertThat(root).containsEntry("TaskFamily", "unknown").doesNotContainKey("TaskArn");
    assertThat(EmfLine.camel("syn-sent-stuck")).isEqualTo("SynSentStuck");
  }
}
