package dev.fargatedoctor.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.agent.MachineCapability;
import dev.fargatedoctor.agent.MutableClock;
import dev.fargatedoctor.agent.detect.MemorySeries;
import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.detect.Warning;
import dev.fargatedoctor.agent.json.Json;
import dev.fargatedoctor.agent.json.JsonValues;
import dev.fargatedoctor.agent.metadata.TaskMetadata;
import dev.fargatedoctor.agent.proc.Endpoint;
import dev.fargatedoctor.agent.proc.InodeOwners;
import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.SocketOwners;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentHttpServerTest {

  private static final String TOKEN = "heap-dump-token-0123456789";
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final List<AgentHttpServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(AgentHttpServer::close);
  }

  static Sample sample(Instant at) {
    List<TcpConnection> connections = new ArrayList<>();
    InodeOwners owners = new InodeOwners();
    long inode = 100;
    connections.add(
        new TcpConnection(
            Endpoint.of("0.0.0.0", 8080), Endpoint.of("0.0.0.0", 0), TcpState.LISTEN, 0, inode));
    owners.putIfAbsent(inode++, 7);
    for (int i = 0; i < 12; i++) {
      connections.add(
          new TcpConnection(
              Endpoint.of("10.0.1.5", 40000 + i),
              Endpoint.of("10.0.3.7", 443),
              i < 9 ? TcpState.CLOSE_WAIT : TcpState.ESTABLISHED,
              1000,
              inode));
      owners.putIfAbsent(inode++, 7);
    }
    connections.add(
        new TcpConnection(
            Endpoint.of("10.0.1.5", 41000),
            Endpoint.of("10.0.9.20", 5432),
            TcpState.SYN_SENT,
            1000,
            inode));
    owners.putIfAbsent(inode++, 12);
    connections.add(
        new TcpConnection(
            Endpoint.of("10.0.1.5", 8080),
            Endpoint.of("10.0.0.200", 51000),
            TcpState.ESTABLISHED,
            1000,
            inode));
    owners.putIfAbsent(inode++, 7);
    connections.add(
        new TcpConnection(
            Endpoint.of("10.0.1.5", 42000),
            Endpoint.of("10.0.3.7", 443),
            TcpState.TIME_WAIT,
            0,
            0));
    TaskMetadata task =
        new TaskMetadata(
            "arn:aws:ecs:us-east-1:123456789012:cluster/MyEmptyCluster",
            "arn:aws:ecs:us-east-1:123456789012:task/MyEmptyCluster/bfa2636268144d039771334145e490c5",
            "sample-fargate",
            "5",
            "RUNNING",
            "RUNNING",
            "us-east-1d",
            "FARGATE",
            0.25,
            512L,
            List.of(
                new TaskMetadata.Container(
                    "bfa-1", "fargate-app", "httpd:latest", "RUNNING", 2L, null)));
    return Sample.builder(at)
        .connections(connections)
        .owners(owners)
        .processes(
            Map.of(
                7,
                new ProcessInfo(
                    7, "node", "node server.js --token=<redacted>", 300L << 20, 1024, 11),
                12,
                new ProcessInfo(12, "python", "python worker.py", 80L << 20, 65535, 3)))
        .fds(Map.of(7, new SocketOwners.FdCount(640, 600), 12, new SocketOwners.FdCount(20, 2)))
        .unreadablePids(List.of(31))
        .task(task)
        .memory(
            List.of(
                new MemorySeries("task", 400L << 20, 512L << 20),
                new MemorySeries("cgroup", 90L << 20, -1)))
        .problems(List.of("1 processes do not let this agent read their fds"))
        .took(Duration.ofMillis(12))
        .build();
  }

  private AgentState state(AgentState.Mode mode) {
    return state(mode, clock.instant());
  }

  /** A task 90 s after the agent started, with a CLOSE_WAIT pile-up warning. */
  static AgentState state(AgentState.Mode mode, Instant now) {
    Warning warning =
        new Warning(
            "close-wait-pileup",
            "pid 7 10.0.3.7:443",
            Warning.Severity.WARNING,
            "9 sockets in CLOSE_WAIT",
            Map.of("count", 9),
            "close response bodies");
    return new AgentState(
        mode,
        now.minusSeconds(90),
        sample(now),
        List.of(warning),
        List.of("close-wait-pileup", "syn-sent-stuck"));
  }

  private String start(AgentState state, HeapDumps heapDumps) throws Exception {
    return start("127.0.0.1", state, heapDumps);
  }

  private String start(String bind, AgentState state, HeapDumps heapDumps) throws Exception {
    AgentHttpServer server =
        AgentHttpServer.start(InetAddress.getByName(bind), 0, () -> state, clock, heapDumps);
    servers.add(server);
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void healthEndpoints() throws Exception {
    String base = start(state(AgentState.Mode.SIDECAR), null);
    HttpResponse<String> health = Http.get(base + "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type")).hasValue(AgentHttpServer.JSON);
    assertThat(Json.parseObject(health.body()))
        .containsEntry("status", "UP")
        .containsEntry("uptimeSeconds", 90L);

    Map<String, Object> detailed = Json.parseObject(Http.get(base + "/health/detailed").body());
    assertThat(detailed)
        .containsEntry("mode", "sidecar")
        .containsEntry("availabilityZone", "us-east-1d");
    assertThat(JsonValues.object(detailed, "task"))
        .containsEntry("family", "sample-fargate")
        .containsEntry("memoryMiB", 512L);
    assertThat(JsonValues.object(JsonValues.object(detailed, "connections"), "byState"))
        .containsEntry("CLOSE_WAIT", 9L)
        .containsEntry("ESTABLISHED", 4L)
        .containsEntry("LISTEN", 1L)
        .containsEntry("NEW_SYN_RECV", 0L);
    assertThat(JsonValues.array(detailed, "memory"))
        .first()
        .satisfies(
            m ->
                assertThat(map(m))
                    .containsEntry("scope", "task")
                    .containsEntry("ratio", new java.math.BigDecimal("0.781")));
    assertThat(JsonValues.array(detailed, "warnings"))
        .singleElement()
        .satisfies(
            w ->
                assertThat(map(w))
                    .containsEntry("detector", "close-wait-pileup")
                    .containsEntry("fix", "close response bodies"));
  }

  @Test
  void connectionsByStateRemoteEndpointAndPid() throws Exception {
    String base = start(state(AgentState.Mode.SIDECAR), null);
    Map<String, Object> body = Json.parseObject(Http.get(base + "/debug/connections").body());
    assertThat(body).containsEntry("total", 16L);
    List<Object> remotes = JsonValues.array(body, "byRemoteEndpoint");
    assertThat(map(remotes.get(0)))
        .containsEntry("remote", "10.0.3.7:443")
        .containsEntry("total", 13L);
    assertThat(JsonValues.object(remotes.get(0), "byState"))
        .containsEntry("CLOSE_WAIT", 9L)
        .containsEntry("ESTABLISHED", 3L)
        .containsEntry("TIME_WAIT", 1L);
    assertThat(map(remotes.get(1))).containsEntry("remote", "10.0.9.20:5432");
    assertThat(JsonValues.array(body, "inboundByLocalPort"))
        .singleElement()
        .satisfies(
            r -> assertThat(map(r)).containsEntry("localPort", 8080L).containsEntry("total", 1L));
    List<Object> byPid = JsonValues.array(body, "byPid");
    assertThat(map(byPid.get(0)))
        .containsEntry("pid", 7L)
        .containsEntry("process", "node")
        .containsEntry("total", 14L);
    assertThat(JsonValues.object(JsonValues.object(body, "unowned"), "byState"))
        .containsEntry("TIME_WAIT", 1L);
    assertThat(JsonValues.array(body, "unreadablePids")).containsExactly(31L);

    Map<String, Object> filtered =
        Json.parseObject(Http.get(base + "/debug/connections?state=close_wait&limit=1").body());
    assertThat(filtered).containsEntry("total", 9L).containsEntry("state", "CLOSE_WAIT");
    assertThat(JsonValues.array(filtered, "byRemoteEndpoint")).hasSize(1);
    assertThat(Http.get(base + "/debug/connections?state=HALF_OPEN").statusCode()).isEqualTo(400);
  }

  @Test
  void fdsAndMemory() throws Exception {
    String base = start(state(AgentState.Mode.SIDECAR), null);
    Map<String, Object> fds = Json.parseObject(Http.get(base + "/debug/fds").body());
    assertThat(map(JsonValues.array(fds, "processes").get(0)))
        .containsEntry("pid", 7L)
        .containsEntry("openFds", 640L)
        .containsEntry("sockets", 600L)
        .containsEntry("otherFds", 40L)
        .containsEntry("maxOpenFiles", 1024L)
        .containsEntry("ratio", new java.math.BigDecimal("0.625"));
    Map<String, Object> memory = Json.parseObject(Http.get(base + "/debug/memory").body());
    assertThat(JsonValues.array(memory, "processes"))
        .first()
        .satisfies(
            p -> assertThat(map(p)).containsEntry("pid", 7L).containsEntry("rssBytes", 300L << 20));
    assertThat(memory).doesNotContainKey("jvm");
  }

  @Test
  void prometheusText() throws Exception {
    String base = start(state(AgentState.Mode.SIDECAR), null);
    HttpResponse<String> metrics = Http.get(base + "/metrics");
    assertThat(metrics.headers().firstValue("Content-Type")).hasValue(PrometheusText.CONTENT_TYPE);
    Pattern line =
        Pattern.compile(
            "(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\\{([a-z_]+=\"([^\"\\\\]|\\\\.)*\",?)+\\})? -?[0-9.]+)");
    assertThat(metrics.body().lines()).allSatisfy(l -> assertThat(l).matches(line));
    assertThat(metrics.body())
        .contains(
            "fargate_doctor_tcp_connections{state=\"CLOSE_WAIT\"} 9\n",
            "fargate_doctor_tcp_outbound_connections{remote_address=\"10.0.3.7\",remote_port=\"443\",state=\"CLOSE_WAIT\"} 9\n",
            "fargate_doctor_tcp_inbound_connections{local_port=\"8080\",state=\"ESTABLISHED\"} 1\n",
            "fargate_doctor_process_open_fds{pid=\"7\",process=\"node\"} 640\n",
            "fargate_doctor_process_open_sockets{pid=\"7\",process=\"node\"} 600\n",
            "fargate_doctor_process_max_fds{pid=\"7\",process=\"node\"} 1024\n",
            "fargate_doctor_memory_working_set_bytes{scope=\"task\"} 419430400\n",
            "fargate_doctor_memory_limit_bytes{scope=\"task\"} 536870912\n",
            "fargate_doctor_warnings{detector=\"close-wait-pileup\"} 1\n",
            "fargate_doctor_warnings{detector=\"syn-sent-stuck\"} 0\n",
            "fargate_doctor_task_info{availability_zone=\"us-east-1d\",family=\"sample-fargate\",revision=\"5\",launch_type=\"FARGATE\"} 1\n",
            "fargate_doctor_agent_start_time_seconds 1740830310\n",
            "fargate_doctor_agent_last_sample_time_seconds 1740830400\n",
            "# TYPE fargate_doctor_agent_http_connections_total counter\n");
    assertThat(metrics.body())
        .doesNotContain("memory_limit_bytes{scope=\"cgroup\"}")
        .doesNotContain("server.js")
        .doesNotContain("51000");
    assertThat(PrometheusText.labels("a", "x\"y\\z\nw")).isEqualTo("{a=\"x\\\"y\\\\z\\nw\"}");
  }

  @Test
  void beforeTheFirstSampleEndpointsAnswer503WithRetryAfter() throws Exception {
    AgentState empty =
        new AgentState(AgentState.Mode.JAVAAGENT, clock.instant(), null, List.of(), List.of());
    String base = start(empty, null);
    for (String path :
        List.of(
            "/health",
            "/health/detailed",
            "/debug/memory",
            "/debug/connections",
            "/debug/fds",
            "/metrics")) {
      HttpResponse<String> r = Http.get(base + path);
      assertThat(r.statusCode()).as(path).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).as(path).hasValue("1");
      assertThat(r.body()).contains("no sample yet");
    }
    // What needs no sample still answers.
    assertThat(Http.get(base + "/debug/threads").statusCode()).isEqualTo(200);
    assertThat(Http.get(base + "/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void unknownPathsMethodsAndJavaagentOnlyEndpointsInSidecarMode() throws Exception {
    String base = start(state(AgentState.Mode.SIDECAR), null);
    assertThat(Http.get(base + "/debug/environ").statusCode()).isEqualTo(404);
    assertThat(Http.post(base + "/health").statusCode()).isEqualTo(405);
    HttpResponse<String> threads = Http.get(base + "/debug/threads");
    assertThat(threads.statusCode()).isEqualTo(404);
    assertThat(threads.body()).contains("-javaagent mode");
    assertThat(Http.post(base + "/debug/heapdump", "Authorization", "Bearer " + TOKEN).statusCode())
        .isEqualTo(404);
  }

  @Test
  void bindsToLoopbackByDefaultAndIsNotReachableFromOtherInterfaces() throws Exception {
    AgentHttpServer server =
        AgentHttpServer.start(
            InetAddress.getByName("127.0.0.1"),
            0,
            () -> state(AgentState.Mode.SIDECAR),
            clock,
            null);
    servers.add(server);
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    // Another interface's address; on a machine with none, 127.0.0.2: Linux routes all of
    // 127.0.0.0/8 to loopback, and a server bound to 127.0.0.1 alone refuses it too.
    InetAddress other = nonLoopbackAddress().orElse(InetAddress.getByName("127.0.0.2"));
    assertThatThrownBy(() -> new java.net.Socket(other, server.port()).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void threadsAndHeapDumpInJavaagentMode(@TempDir Path dir) throws Exception {
    HeapDumps heap = HeapDumps.hotspot(TOKEN, dir, Duration.ofMinutes(10), clock);
    String base = start(state(AgentState.Mode.JAVAAGENT), heap);

    HttpResponse<String> threads = Http.get(base + "/debug/threads");
    assertThat(threads.statusCode()).isEqualTo(200);
    assertThat(threads.body()).startsWith("threads: ").contains("\"fargate-doctor-http-", "\tat ");
    assertThat(Json.parseObject(Http.get(base + "/debug/memory").body())).containsKey("jvm");

    assertThat(Http.get(base + "/debug/heapdump").statusCode()).isEqualTo(405);
    HttpResponse<String> noToken = Http.post(base + "/debug/heapdump");
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(
            Http.post(base + "/debug/heapdump", "Authorization", "Bearer not-the-token-at-all")
                .statusCode())
        .isEqualTo(401);
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }

    HttpResponse<String> ok =
        Http.post(base + "/debug/heapdump", "Authorization", "Bearer " + TOKEN);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    String fileName = JsonValues.string(Json.parseObject(ok.body()), "fileName");
    Path dump = dir.resolve(fileName);
    assertThat(dump).exists();
    assertThat(Files.size(dump)).isGreaterThan(1024);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)))
        .isEqualTo("rw-------");
    assertThat(ok.body()).doesNotContain(dir.toString());

    HttpResponse<String> again =
        Http.post(base + "/debug/heapdump", "X-Fargate-Doctor-Token", TOKEN);
    assertThat(again.statusCode()).isEqualTo(429);
    assertThat(again.headers().firstValue("Retry-After")).hasValue("601");
  }

  @Test
  void heapDumpIsDisabledWithoutAToken() throws Exception {
    HeapDumps disabled =
        new HeapDumps(null, null, Duration.ofMinutes(10), clock, f -> {}, p -> 0, () -> 0);
    String base = start(state(AgentState.Mode.JAVAAGENT), disabled);
    for (String auth : new String[] {"Bearer ", "Bearer null", "Bearer " + TOKEN}) {
      HttpResponse<String> r = Http.post(base + "/debug/heapdump", "Authorization", auth);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("heap dumps are disabled");
    }
  }

  @Test
  void anExplicitNonLoopbackBindStillServesHeapDumpsToLoopbackOnly(@TempDir Path dir)
      throws Exception {
    Optional<InetAddress> external = nonLoopbackAddress();
    MachineCapability.require(external.isPresent(), "non-loopback IPv4 address to connect from");
    HeapDumps heap =
        new HeapDumps(
            TOKEN,
            dir,
            Duration.ofMinutes(10),
            clock,
            f -> Files.writeString(f, "dump"),
            p -> 1L << 40,
            () -> 0);
    AgentHttpServer server =
        AgentHttpServer.start(
            InetAddress.getByName("0.0.0.0"),
            0,
            () -> state(AgentState.Mode.JAVAAGENT),
            clock,
            heap);
    servers.add(server);
    String remote = "http://" + external.get().getHostAddress() + ":" + server.port();
    assertThat(Http.get(remote + "/health").statusCode()).isEqualTo(200);
    HttpResponse<String> r =
        Http.post(remote + "/debug/heapdump", "Authorization", "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("loopback clients");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object json) {
    return (Map<String, Object>) json;
  }

  static Optional<InetAddress> nonLoopbackAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }
}
