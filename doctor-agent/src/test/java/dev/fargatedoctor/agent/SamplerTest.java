package dev.fargatedoctor.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.detect.Detector;
import dev.fargatedoctor.agent.detect.DetectorSettings;
import dev.fargatedoctor.agent.detect.MemorySeries;
import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.detect.Warning;
import dev.fargatedoctor.agent.metadata.FakeMetadataEndpoint;
import dev.fargatedoctor.agent.metadata.TaskMetadataClient;
import dev.fargatedoctor.agent.proc.CgroupMemory;
import dev.fargatedoctor.agent.proc.Fixtures;
import dev.fargatedoctor.agent.proc.KernelSockets;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerTest {

  private static final int SELF = (int) ProcessHandle.current().pid();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));

  @Test
  void aFixtureProcTreeGivesConnectionsOwnersProcessesAndMemory(@TempDir Path proc)
      throws Exception {
    Files.createDirectories(proc.resolve("net"));
    Files.copy(Fixtures.resource("proc/net/tcp"), proc.resolve("net/tcp"));
    Path app = Files.createDirectories(proc.resolve("7/fd"));
    Files.createSymbolicLink(app.resolve("3"), Path.of("socket:[5002]"));
    Files.createSymbolicLink(app.resolve("4"), Path.of("socket:[5001]"));
    Files.writeString(proc.resolve("7/status"), "Name:\tnode\nVmRSS:\t 2048 kB\nThreads:\t3\n");
    Files.writeString(
        proc.resolve("7/limits"),
        "Max open files            1024                 4096                 files\n");
    Files.write(proc.resolve("7/cmdline"), "node\0server.js\0".getBytes(StandardCharsets.UTF_8));
    CgroupMemory cgroup =
        new CgroupMemory(Fixtures.resource("cgroup/v1-fargate"), Path.of("/nonexistent"));

    try (FakeMetadataEndpoint metadata =
        FakeMetadataEndpoint.serving("task-fargate.json", "task-stats-fargate.json")) {
      Sample s =
          new Sampler(
                  proc,
                  cgroup,
                  new TaskMetadataClient(metadata.uri(), Duration.ofSeconds(2)),
                  clock)
              .sample();

      assertThat(s.at()).isEqualTo(clock.instant());
      assertThat(s.connections()).hasSize(6);
      TcpConnection closeWait =
          s.connections().stream().filter(c -> c.inode() == 5002).findFirst().orElseThrow();
      assertThat(s.ownerOf(closeWait)).isEqualTo(7);
      assertThat(s.processes().get(7).name()).isEqualTo("node");
      assertThat(s.processes().get(7).maxOpenFiles()).isEqualTo(1024);
      assertThat(s.fds().get(7).sockets()).isEqualTo(2);
      assertThat(s.task().availabilityZone()).isEqualTo("us-east-1d");
      assertThat(s.listeningPorts()).containsExactly(8080);
      // The task's working set against the task's 512 MiB, not docker's "unlimited" container
      // limit.
      assertThat(s.memory())
          .contains(
              new MemorySeries("task", 39251968L - 24068096L, 512L << 20),
              new MemorySeries("cgroup", 314572800L - 20971520L, 512L << 20));
      assertThat(s.problems()).containsExactly("/proc/net/tcp: skipped 1 malformed lines");
    }
  }

  @Test
  void eachSourceFailsOnItsOwn(@TempDir Path proc) throws Exception {
    try (FakeMetadataEndpoint metadata =
        FakeMetadataEndpoint.serving("task-fargate.json", "task-stats-fargate.json")) {
      metadata.respond("/task/stats", 503, "{}");
      Sample s =
          new Sampler(
                  proc,
                  new CgroupMemory(proc, proc.resolve("none")),
                  new TaskMetadataClient(metadata.uri(), Duration.ofSeconds(2)),
                  clock)
              .sample();
      assertThat(s.connections()).isEmpty();
      assertThat(s.task()).isNotNull();
      assertThat(s.problems())
          .hasSize(3)
          .anySatisfy(p -> assertThat(p).startsWith("connections unavailable: cannot read"))
          .anySatisfy(
              p -> assertThat(p).startsWith("cgroup memory unavailable: no cgroup memory files"))
          .anySatisfy(p -> assertThat(p).isEqualTo("task metadata /task/stats returned HTTP 503"));
    }
  }

  @Test
  void memorySeriesPreferContainerLimitsFromTheTaskDefinition() throws Exception {
    try (FakeMetadataEndpoint metadata =
        FakeMetadataEndpoint.serving(
            "task-two-containers.json", "task-stats-two-containers.json")) {
      TaskMetadataClient client = new TaskMetadataClient(metadata.uri(), Duration.ofSeconds(2));
      List<MemorySeries> series = Sampler.memorySeries(client.task(), client.taskStats(), null);
      assertThat(series)
          .extracting(MemorySeries::scope)
          .containsExactly("task", "container:orders", "container:fargate-doctor-agent");
      assertThat(series.get(0).limitBytes()).isEqualTo(2048L << 20);
      assertThat(series.get(1).limitBytes()).isEqualTo(1536L << 20);
      assertThat(series.get(1).usedBytes()).isEqualTo(1288490188L - 52428800L);
    }
  }

  @Test
  void realCloseWaitAndSynSentSocketsFireTheirDetectors() throws Exception {
    DetectorSettings d = DetectorSettings.defaults();
    DetectorSettings settings =
        new DetectorSettings(
            d.window(),
            5,
            1,
            Duration.ofSeconds(5),
            3,
            d.fdRatio(),
            d.memoryRatio(),
            d.growthFloor(),
            d.horizon(),
            d.ephemeralPorts());
    List<Detector> detectors = settings.newDetectors();
    Sampler sampler = new Sampler(Path.of("/proc"), null, null, clock);
    try (KernelSockets closeWait = KernelSockets.closeWait(6);
        KernelSockets synSent = KernelSockets.synSent(5);
        KernelSockets timeWait = KernelSockets.timeWait(4)) {
      KernelSockets.awaitConnections(
          c ->
              KernelSockets.count(c, TcpState.CLOSE_WAIT, closeWait.serverEndpoint()) == 6
                  && KernelSockets.count(c, TcpState.SYN_SENT, synSent.serverEndpoint()) >= 3
                  && KernelSockets.count(c, TcpState.TIME_WAIT, timeWait.serverEndpoint()) == 4);
      List<Warning> warnings = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Sample s = sampler.sample();
        warnings.clear();
        for (Detector detector : detectors) {
          warnings.addAll(detector.observe(s));
        }
        clock.advance(Duration.ofSeconds(10));
      }
      String self = "pid " + SELF + " (java)";
      assertThat(warnings)
          .anySatisfy(
              w -> {
                assertThat(w.detector()).isEqualTo("close-wait-pileup");
                assertThat(w.message())
                    .contains("6 sockets in CLOSE_WAIT to " + closeWait.serverEndpoint(), self);
                assertThat(w.evidence()).containsEntry("pid", SELF);
              });
      assertThat(warnings)
          .anySatisfy(
              w -> {
                assertThat(w.detector()).isEqualTo("syn-sent-stuck");
                assertThat(w.evidence())
                    .containsEntry("remote", synSent.serverEndpoint().toString())
                    .containsEntry("pids", List.of(SELF));
              });
      assertThat(warnings)
          .anySatisfy(
              w -> {
                assertThat(w.detector()).isEqualTo("time-wait-storm");
                assertThat(w.evidence())
                    .containsEntry("peer", timeWait.serverEndpoint().toString())
                    .containsEntry("count", 4);
              });
    }
  }
}
