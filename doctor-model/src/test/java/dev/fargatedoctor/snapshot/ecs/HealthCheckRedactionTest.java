package dev.fargatedoctor.snapshot.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition.HealthCheck;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A container health check's arguments never enter a snapshot: people put credentials there. */
class HealthCheckRedactionTest {
  private static HealthCheck read(String json) throws IOException {
    return SnapshotJson.mapper().readValue(json, HealthCheck.class);
  }

  @Test
  void theFormIsKeptAndEveryArgumentRedactedAsItIsRead() throws IOException {
    HealthCheck h =
        read(
            """
            {"command": ["CMD-SHELL", "curl -fsu admin:hunter2-fake http://localhost/health"],
             "interval": 30, "timeout": 5, "retries": 3}
            """);

    assertThat(h.command()).containsExactly("CMD-SHELL", EnvironmentVariable.MARKER);
    assertThat(h.interval()).isEqualTo(30);
    assertThat(SnapshotJson.mapper().writeValueAsString(h)).doesNotContain("hunter2");
  }

  @Test
  void anExecFormHasEachArgumentRedactedAndAnUnknownFirstWordToo() throws IOException {
    assertThat(read("{\"command\": [\"CMD\", \"/bin/check\", \"--token=abc\"]}").command())
        .containsExactly("CMD", EnvironmentVariable.MARKER, EnvironmentVariable.MARKER);
    assertThat(read("{\"command\": [\"wget -q --password=abc localhost\"]}").command())
        .containsExactly(EnvironmentVariable.MARKER);
  }

  @Test
  void aRedactedSnapshotReadsBackAsItWasWritten() throws IOException {
    HealthCheck once = read("{\"command\": [\"CMD-SHELL\", \"curl -u a:b localhost\"]}");
    HealthCheck twice = read(SnapshotJson.mapper().writeValueAsString(once));

    assertThat(twice).isEqualTo(once);
  }
}
