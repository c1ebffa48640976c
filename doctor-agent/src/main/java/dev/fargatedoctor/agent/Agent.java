package dev.fargatedoctor.agent;

import dev.fargatedoctor.agent.detect.Detector;
import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.detect.Warning;
import dev.fargatedoctor.agent.http.AgentHttpServer;
import dev.fargatedoctor.agent.http.AgentState;
import dev.fargatedoctor.agent.http.HeapDumps;
import dev.fargatedoctor.agent.json.JsonWriter;
import dev.fargatedoctor.agent.metadata.TaskMetadataClient;
import dev.fargatedoctor.agent.proc.CgroupMemory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running agent: every interval it samples, runs the detectors, publishes the state the
 * endpoints serve, and writes an EMF line plus warning lines to stdout.
 */
final class Agent implements AutoCloseable {

  static final Duration WARNING_REPEAT = Duration.ofMinutes(10);

  private final AgentConfig config;
  private final AgentState.Mode mode;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;
  private final Sampler sampler;
  private final List<Detector> detectors;
  private final List<String> detectorIds = new ArrayList<>();
  private final WarningLog warningLog = new WarningLog(WARNING_REPEAT);
  private volatile AgentState state;
  private ScheduledExecutorService scheduler;
  private AgentHttpServer server;

  Agent(AgentConfig config, AgentState.Mode mode, Clock clock, PrintStream out, PrintStream err) {
    this.config = config;
    this.mode = mode;
    this.clock = clock;
    this.out = out;
    this.err = err;
    CgroupMemory cgroup =
        new CgroupMemory(config.cgroupRoot, config.procRoot.resolve("self/cgroup"));
    TaskMetadataClient metadata =
        config.metadataUri == null
            ? null
            : new TaskMetadataClient(config.metadataUri, Duration.ofSeconds(2));
    this.sampler = new Sampler(config.procRoot, cgroup, metadata, clock);
    this.detectors = config.detectors.newDetectors();
    for (Detector d : detectors) {
      detectorIds.add(d.id());
    }
    this.state = new AgentState(mode, clock.instant(), null, List.of(), List.copyOf(detectorIds));
  }

  /**
   * Binds the endpoints, takes the first sample, then serves and samples every interval on a daemon
   * thread. Connections that arrive before the first sample wait in the backlog, so no endpoint
   * ever answers without data.
   */
  void start() throws IOException {
    HeapDumps heapDumps =
        mode == AgentState.Mode.JAVAAGENT && config.heapdumpEnabled()
            ? HeapDumps.hotspot(
                config.heapdumpToken, config.heapdumpDir, config.heapdumpMinInterval, clock)
            : null;
    if (mode == AgentState.Mode.JAVAAGENT && heapDumps == null) {
      // Present but disabled, so the endpoint answers 403 with how to enable it.
      heapDumps =
          new HeapDumps(null, null, config.heapdumpMinInterval, clock, f -> {}, p -> 0, () -> 0);
    }
    server =
        AgentHttpServer.start(
            InetAddress.getByName(config.bind), config.port, () -> state, clock, heapDumps);
    JsonWriter started =
        JsonWriter.compact()
            .beginObject()
            .field("type", "fargate-doctor.started")
            .field("time", clock.instant().toString())
            .field("level", "INFO")
            .field("mode", mode.label())
            .field("listen", config.bind + ":" + server.port())
            .field("intervalSeconds", config.interval.getSeconds())
            .field(
                "heapdump",
                mode != AgentState.Mode.JAVAAGENT
                    ? "not applicable"
                    : config.heapdumpEnabled() ? "enabled" : "disabled")
            .field("taskMetadata", config.metadataUri == null ? "absent" : "present");
    if (!config.bindIsLoopback()) {
      started.field(
          "notice",
          "endpoints are bound to a non-loopback address and reachable from the"
              + " network; heap dumps are still served to loopback clients only");
    }
    out.println(started.endObject());
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fargate-doctor-sampler");
              t.setDaemon(true);
              t.setPriority(Thread.MIN_PRIORITY);
              return t;
            });
    scheduler.scheduleAtFixedRate(
        this::tickSafely, 0, config.interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One cycle: sample, detect, publish, log. Synchronized: detectors keep state between samples.
   */
  synchronized AgentState tick() {
    Sample sample = sampler.sample();
    List<Warning> warnings = new ArrayList<>();
    for (Detector d : detectors) {
      try {
        warnings.addAll(d.observe(sample));
      } catch (RuntimeException e) {
        err.println(error("detector " + d.id() + " failed: " + e.getClass().getSimpleName()));
      }
    }
    AgentState next =
        new AgentState(
            mode, state.startedAt(), sample, List.copyOf(warnings), List.copyOf(detectorIds));
    state = next;
    if (config.emf) {
      out.println(EmfLine.render(sample, warnings, detectorIds, config.emfNamespace));
    }
    for (String line : warningLog.lines(sample.at(), warnings)) {
      out.println(line);
    }
    return next;
  }

  private void tickSafely() {
    try {
      tick();
    } catch (Throwable t) {
      // Never let one bad sample stop the schedule (a thrown exception would cancel it).
      err.println(error("sampling failed: " + t.getClass().getSimpleName()));
    }
  }

  AgentState state() {
    return state;
  }

  int port() {
    return server.port();
  }

  private String error(String message) {
    return JsonWriter.compact()
        .beginObject()
        .field("type", "fargate-doctor.error")
        .field("time", clock.instant().toString())
        .field("level", "ERROR")
        .field("message", message)
        .endObject()
        .toString();
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }
}
