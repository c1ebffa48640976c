package dev.fargatedoctor.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.publish.MetricDatum;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchLoopTest {
  private static final String HEALTHY = "healthy-two-az-service.json";

  @TempDir Path dir;
  private final List<String> out = Collections.synchronizedList(new ArrayList<>());
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private WatchLoop loop(
      Supplier<Snapshot> source,
      int cycles,
      Optional<WatchLoop.Publisher> publisher,
      Optional<PrometheusEndpoint> prometheus) {
    return loop(source, Configuration.DEFAULTS, cycles, publisher, prometheus);
  }

  private WatchLoop loop(
      Supplier<Snapshot> source,
      Configuration configuration,
      int cycles,
      Optional<WatchLoop.Publisher> publisher,
      Optional<PrometheusEndpoint> prometheus) {
    return new WatchLoop(
        source,
        configuration,
        new WatchState(dir),
        CheckRunner.CLOCK,
        Duration.ofMillis(10),
        cycles,
        out::add,
        log::add,
        publisher,
        prometheus);
  }

  private static Supplier<Snapshot> sequence(Snapshot... snapshots) {
    Iterator<Snapshot> it =
        java.util.Arrays.asList(snapshots).iterator(); // null: a cycle whose collection fails
    return () -> {
      Snapshot s = it.next();
      if (s == null) throw new IllegalStateException("endpoint unreachable");
      return s;
    };
  }

  private List<JsonNode> lines() throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String l : out) nodes.add(SnapshotJson.mapper().readTree(l));
    return nodes;
  }

  @Test
  void theFirstCycleIsABaselineAndTheSecondPrintsWhatChanged() throws Exception {
    loop(
            sequence(Fixtures.snapshot(HEALTHY), Fixtures.edited(HEALTHY, Edits::rogueRoute)),
            2,
            Optional.empty(),
            Optional.empty())
        .run();

    List<JsonNode> lines = lines();
    assertThat(lines.get(0).get("kind").asText()).isEqualTo("baseline");
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.get("cycle").asInt()).isEqualTo(2);
              assertThat(l.get("kind").asText()).isEqualTo("route");
              assertThat(l.get("resource").asText()).isEqualTo("rtb-private-a 0.0.0.0/0");
              assertThat(l.get("before").asText()).isEqualTo("nat-a (active)");
              assertThat(l.get("after").asText()).isEqualTo("nat-b (active)");
            });
  }

  @Test
  void aFailedCycleIsLoggedAndTheNextOneComparesWithTheLastGoodState() throws Exception {
    WatchLoop watch =
        loop(
            sequence(Fixtures.snapshot(HEALTHY), null, Fixtures.edited(HEALTHY, Edits::trustEc2)),
            3,
            Optional.empty(),
            Optional.empty());

    watch.run();

    assertThat(log)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"level\":\"error\"", "cycle 2 failed: endpoint unreachable"));
    assertThat(lines())
        .anySatisfy(
            l -> {
              assertThat(l.get("cycle").asInt()).isEqualTo(3);
              assertThat(l.get("kind").asText()).isEqualTo("trust-policy");
            });
    assertThat(watch.lastCycleFailed()).isFalse();
  }

  @Test
  void aCycleThatFailsOnBadInputEndsTheWatchInsteadOfRetryingForEver() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    WatchLoop watch =
        loop(
            () -> {
              calls.incrementAndGet();
              throw new InvalidInputException(Path.of("s.json"), "not a Fargate Doctor snapshot");
            },
            0, // until stopped
            Optional.empty(),
            Optional.empty());

    watch.run();

    assertThat(calls).hasValue(1);
    assertThat(watch.stoppedOnPermanentError()).isTrue();
    assertThat(log)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("cycle 1 failed: s.json: not a Fargate Doctor snapshot")
                    .contains("watch stops"));
  }

  @Test
  void aStateDirectoryThatIsAFileIsBadInputBeforeAnyCycle() throws Exception {
    Path file = Files.writeString(dir.resolve("state"), "x");

    assertThatThrownBy(() -> WatchState.prepare(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--state-dir is not a directory");
    assertThatThrownBy(() -> WatchState.prepare(file.resolve("below")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--state-dir cannot be created");
  }

  @Test
  void transientFailuresAreRetriedAndPermanentOnesAreNot() {
    assertThat(WatchLoop.isPermanent(new IllegalStateException("endpoint unreachable"))).isFalse();
    assertThat(WatchLoop.isPermanent(new java.io.IOException("No space left on device"))).isFalse();
    assertThat(WatchLoop.isPermanent(new java.nio.file.AccessDeniedException("/state"))).isTrue();
    assertThat(WatchLoop.isPermanent(new IllegalArgumentException("--scale"))).isTrue();
  }

  @Test
  void stoppedTasksAreKeptAfterEcsForgetsThem() throws Exception {
    Snapshot withStopped =
        Fixtures.edited(
            HEALTHY,
            t -> {
              ObjectNode task =
                  ((ObjectNode) Fixtures.region(t).get("ecs"))
                      .putArray("tasks")
                      .addObject()
                      .put("taskArn", "arn:aws:ecs:us-east-1:123456789012:task/production/dead1")
                      .put("group", "service:api")
                      .put("lastStatus", "STOPPED")
                      .put("stopCode", "EssentialContainerExited")
                      .put("stoppedReason", "Essential container in task exited")
                      .put("stoppedAt", "2026-11-26T11:40:00Z");
              task.putArray("containers")
                  .addObject()
                  .put("name", "api")
                  .put("exitCode", 137)
                  .put("reason", "OutOfMemoryError: Container killed due to memory usage");
            });

    loop(
            sequence(Fixtures.snapshot(HEALTHY), withStopped, Fixtures.snapshot(HEALTHY)),
            3,
            Optional.empty(),
            Optional.empty())
        .run();

    assertThat(lines())
        .filteredOn(l -> l.get("kind").asText().equals("task-stopped"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.get("after").asText())
                    .isEqualTo(
                        "EssentialContainerExited: Essential container in task exited; "
                            + "container api exit 137 OutOfMemoryError: Container killed due to memory usage"));
    List<StoppedTask> kept = new WatchState(dir).stoppedTasks();
    assertThat(kept)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.taskArn()).endsWith("/dead1");
              assertThat(t.containers().get(0).reason()).startsWith("OutOfMemoryError");
              assertThat(t.firstSeen()).isEqualTo(CheckRunner.NOW);
            });
  }

  @Test
  void theStateIsWrittenWholeWithNoTemporaryFilesLeft() throws Exception {
    loop(sequence(Fixtures.snapshot(HEALTHY)), 1, Optional.empty(), Optional.empty()).run();

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("findings.json", "previous-snapshot.json.gz", "stopped-tasks.json");
    }
    assertThat(new WatchState(dir).previous()).isPresent();
  }

  @Test
  void anUnreadableStateFileIsMovedAsideAndTheWatchStartsANewBaseline() throws Exception {
    Files.writeString(dir.resolve("stopped-tasks.json"), "[{\"taskArn\": ");

    loop(sequence(Fixtures.snapshot(HEALTHY)), 1, Optional.empty(), Optional.empty()).run();

    assertThat(log)
        .anySatisfy(
            l ->
                assertThat(l).contains("state file unreadable, moved to", "stopped-tasks.json:1:"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains(
              "stopped-tasks.json",
              "stopped-tasks.json.corrupt-" + CheckRunner.NOW.getEpochSecond());
    }
    assertThat(lines().get(0).get("kind").asText()).isEqualTo("baseline");
  }

  @Test
  void stopEndsTheLoopWhileItWaitsForTheNextCycle() throws Exception {
    WatchLoop watch =
        new WatchLoop(
            () -> Fixtures.snapshot(HEALTHY),
            Configuration.DEFAULTS,
            new WatchState(dir),
            CheckRunner.CLOCK,
            Duration.ofHours(1),
            0,
            out::add,
            log::add,
            Optional.empty(),
            Optional.empty());
    Thread t = new Thread(watch::run);
    t.start();
    while (out.isEmpty()) Thread.sleep(10);

    long start = System.nanoTime();
    watch.stop();

    assertThat(watch.awaitFinished(Duration.ofSeconds(10))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(log).last().asString().contains("watch stopped after 1 cycle(s), 0 failed");
  }

  @Test
  void metricsArePublishedAndServedInPrometheusText() throws Exception {
    List<MetricDatum> published = new ArrayList<>();
    List<Instant> stamps = new ArrayList<>();
    try (PrometheusEndpoint prometheus = new PrometheusEndpoint(0)) {
      loop(
              sequence(Fixtures.snapshot(HEALTHY)),
              1,
              Optional.of(
                  (data, time) -> {
                    published.addAll(data);
                    stamps.add(time);
                    return 1;
                  }),
              Optional.of(prometheus))
          .run();

      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(prometheus.url())).build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(scrape.body())
          .contains(
              "# TYPE fargate_doctor_network_interfaces_in_use gauge",
              "fargate_doctor_network_interfaces_quota{region=\"us-east-1\"} 5000",
              "fargate_doctor_network_interfaces_quota_utilization_ratio{region=\"us-east-1\"} 0.0",
              "fargate_doctor_subnet_available_ip_addresses{region=\"us-east-1\",subnet_id=\"subnet-private-a\"} 240",
              "fargate_doctor_findings{region=\"us-east-1\",severity=\"HIGH\"} 0",
              "fargate_doctor_watch_cycles_total 1");
    }
    assertThat(stamps).containsExactly(CheckRunner.NOW);
    assertThat(published)
        .contains(
            new MetricDatum(
                "us-east-1",
                "NetworkInterfacesQuota",
                java.util.Map.of("Region", "us-east-1"),
                5000,
                "Count"));
  }
}
