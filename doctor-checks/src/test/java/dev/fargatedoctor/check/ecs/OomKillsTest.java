package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class OomKillsTest {
  private final OomKills check = new OomKills();

  private List<Finding> problems() {
    return CheckRunner.problems(check, "OOM-KILLS/fires-stopped-tasks-oom-and-sigkill.json");
  }

  @Test
  void theContainerReasonMakesAnOomKillEvenThoughTheTaskOnlySaysAContainerExited() {
    assertThat(problems())
        .filteredOn(f -> f.resource().id().equals("production/api"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.title())
                  .isEqualTo("api: 2 tasks OOM-killed (container killed due to memory usage)");
              assertThat(f.evidence())
                  .containsEntry("containers", List.of("api"))
                  .containsEntry("memory limit", List.of("api:7 task 2048 MiB"));
              assertThat(f.remediation().text()).contains("MEMORY-LEAK-TREND");
            });
  }

  @Test
  void exitCode137WithoutAMemoryReasonIsKilledNotOom() {
    assertThat(problems())
        .filteredOn(f -> f.resource().id().equals("production/worker"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.WARN);
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(f.title())
                  .contains("1 task killed (OOM, stop timeout or health check)")
                  .doesNotContain("OOM-killed");
            });
  }

  @Test
  void routineStopsAreQuietEvenWithExitCode137() {
    assertThat(CheckRunner.run(check, "stopped-tasks-by-deployment-and-user.json")).isEmpty();
  }
}
