package dev.fargatedoctor.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.detect.Warning;
import dev.fargatedoctor.agent.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarningLogTest {

  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  private final Warning closeWait =
      new Warning(
          "close-wait-pileup",
          "pid 7 10.0.3.7:443",
          Warning.Severity.WARNING,
          "42 sockets in CLOSE_WAIT",
          Map.of("count", 42),
          "close response bodies");

  @Test
  void logsOnStartRepeatsWhileActiveAndLogsTheResolution() {
    WarningLog log = new WarningLog(Duration.ofMinutes(10));
    List<String> first = log.lines(T0, List.of(closeWait));
    assertThat(first)
        .singleElement()
        .satisfies(
            line -> {
              Map<String, Object> json = Json.parseObject(line);
              assertThat(json)
                  .containsEntry("type", "fargate-doctor.warning")
                  .containsEntry("level", "WARN")
                  .containsEntry("detector", "close-wait-pileup")
                  .containsEntry("fix", "close response bodies")
                  .containsEntry("time", "2025-03-01T12:00:00Z");
            });
    assertThat(log.lines(T0.plusSeconds(10), List.of(closeWait))).isEmpty();
    assertThat(log.lines(T0.plusSeconds(600), List.of(closeWait))).hasSize(1);
    List<String> resolved = log.lines(T0.plusSeconds(610), List.of());
    assertThat(resolved)
        .singleElement()
        .satisfies(
            line ->
                assertThat(Json.parseObject(line))
                    .containsEntry("type", "fargate-doctor.resolved")
                    .containsEntry("key", "pid 7 10.0.3.7:443"));
    assertThat(log.lines(T0.plusSeconds(620), List.of())).isEmpty();
  }
}
