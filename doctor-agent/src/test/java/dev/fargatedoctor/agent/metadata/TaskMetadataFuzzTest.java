package dev.fargatedoctor.agent.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzz targets for the task metadata v4 responses (/task and /task/stats). The documented answer to
 * a response the agent cannot use is an {@link IOException} saying which endpoint it came from,
 * which the sampler lists under "problems": any other exception is a finding.
 */
class TaskMetadataFuzzTest {

  @FuzzTest
  void task(byte[] data) {
    try {
      TaskMetadata task = TaskMetadataClient.parseTask(new String(data, StandardCharsets.UTF_8));
      assertThat(task.taskArn()).isNotNull();
      assertThat(task.containers()).doesNotContainNull();
    } catch (IOException documented) {
      assertThat(documented.getMessage()).startsWith("task metadata /task:");
    }
  }

  @FuzzTest
  void stats(byte[] data) {
    try {
      Map<String, ContainerMemory> stats =
          TaskMetadataClient.parseStats(new String(data, StandardCharsets.UTF_8));
      for (ContainerMemory m : stats.values()) {
        assertThat(m.workingSetBytes()).isNotNegative();
      }
    } catch (IOException documented) {
      assertThat(documented.getMessage()).startsWith("task metadata /task/stats:");
    }
  }
}
