package dev.fargatedoctor.agent.http;

import dev.fargatedoctor.agent.detect.MemorySeries;
import dev.fargatedoctor.agent.detect.Peer;
import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.detect.Warning;
import dev.fargatedoctor.agent.metadata.TaskMetadata;
import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.SocketOwners;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Prometheus text exposition format (version 0.0.4) of the newest sample. Label values are the
 * short process name (never the command line) and the top remote endpoints only, to keep the series
 * count bounded.
 */
final class PrometheusText {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final int TOP_REMOTES = 20;

  private final StringBuilder out = new StringBuilder(4096);

  private PrometheusText() {}

  static String render(AgentState state, Instant now, BoundedHttpServer.Stats http) {
    PrometheusText p = new PrometheusText();
    p.http(http);
    p.header("fargate_doctor_agent_uptime_seconds", "Seconds since the agent started.");
    p.sample(
        "fargate_doctor_agent_uptime_seconds",
        "",
        Duration.between(state.startedAt(), now).getSeconds());
    Sample s = state.latest();
    if (s == null) {
      return p.out.toString();
    }
    p.header("fargate_doctor_agent_sample_duration_seconds", "Time the last sample took.");
    p.sample("fargate_doctor_agent_sample_duration_seconds", "", s.took().toNanos() / 1e9);

    TaskMetadata task = s.task();
    if (task != null) {
      p.header("fargate_doctor_task_info", "The task this agent runs in (value is always 1).");
      p.sample(
          "fargate_doctor_task_info",
          labels(
              "availability_zone",
              task.availabilityZone(),
              "family",
              task.family(),
              "revision",
              task.revision(),
              "launch_type",
              task.launchType()),
          1);
    }

    p.header(
        "fargate_doctor_tcp_connections", "TCP sockets in the task network namespace by state.");
    for (Map.Entry<TcpState, Integer> e : Reports.countByState(s.connections()).entrySet()) {
      p.sample("fargate_doctor_tcp_connections", labels("state", e.getKey().name()), e.getValue());
    }

    Map<Peer, Map<TcpState, Integer>> byRemote = new HashMap<>();
    for (TcpConnection c : s.connections()) {
      if (c.state() == TcpState.LISTEN) {
        continue;
      }
      Peer peer = Peer.of(c, s.listeningPorts());
      if (!peer.inbound()) {
        byRemote
            .computeIfAbsent(peer, k -> new EnumMap<>(TcpState.class))
            .merge(c.state(), 1, Integer::sum);
      }
    }
    List<Map.Entry<Peer, Map<TcpState, Integer>>> remotes = new ArrayList<>(byRemote.entrySet());
    remotes.sort(
        Comparator.comparingInt(
                (Map.Entry<Peer, Map<TcpState, Integer>> e) ->
                    e.getValue().values().stream().mapToInt(Integer::intValue).sum())
            .reversed()
            .thenComparing(e -> e.getKey().toString()));
    p.header(
        "fargate_doctor_tcp_remote_connections",
        "Outbound TCP sockets by remote endpoint and state (top " + TOP_REMOTES + " endpoints).");
    for (Map.Entry<Peer, Map<TcpState, Integer>> e :
        remotes.subList(0, Math.min(TOP_REMOTES, remotes.size()))) {
      for (Map.Entry<TcpState, Integer> st : e.getValue().entrySet()) {
        p.sample(
            "fargate_doctor_tcp_remote_connections",
            labels("remote", e.getKey().toString(), "state", st.getKey().name()),
            st.getValue());
      }
    }

    p.header("fargate_doctor_process_open_fds", "Open file descriptors per process.");
    for (Map.Entry<Integer, SocketOwners.FdCount> e : s.fds().entrySet()) {
      p.sample("fargate_doctor_process_open_fds", pidLabels(s, e.getKey()), e.getValue().open());
    }
    p.header("fargate_doctor_process_sockets", "Socket file descriptors per process.");
    for (Map.Entry<Integer, SocketOwners.FdCount> e : s.fds().entrySet()) {
      p.sample("fargate_doctor_process_sockets", pidLabels(s, e.getKey()), e.getValue().sockets());
    }
    p.header(
        "fargate_doctor_process_max_open_files",
        "Soft open-files limit per process (absent when unlimited).");
    for (ProcessInfo info : s.processes().values()) {
      if (info.maxOpenFiles() > 0) {
        p.sample(
            "fargate_doctor_process_max_open_files", pidLabels(s, info.pid()), info.maxOpenFiles());
      }
    }
    p.header(
        "fargate_doctor_process_resident_memory_bytes", "Resident set size (VmRSS) per process.");
    for (ProcessInfo info : s.processes().values()) {
      if (info.rssBytes() >= 0) {
        p.sample(
            "fargate_doctor_process_resident_memory_bytes",
            pidLabels(s, info.pid()),
            info.rssBytes());
      }
    }

    p.header(
        "fargate_doctor_memory_used_bytes",
        "Working set (usage without inactive page cache) by scope.");
    for (MemorySeries m : s.memory()) {
      p.sample("fargate_doctor_memory_used_bytes", labels("scope", m.scope()), m.usedBytes());
    }
    p.header("fargate_doctor_memory_limit_bytes", "Memory limit by scope (absent when unlimited).");
    for (MemorySeries m : s.memory()) {
      if (m.limited()) {
        p.sample("fargate_doctor_memory_limit_bytes", labels("scope", m.scope()), m.limitBytes());
      }
    }

    p.header("fargate_doctor_warnings", "Active warnings by detector.");
    Map<String, Integer> byDetector = new HashMap<>();
    for (Warning w : state.warnings()) {
      byDetector.merge(w.detector(), 1, Integer::sum);
    }
    for (String id : state.detectorIds()) {
      p.sample("fargate_doctor_warnings", labels("detector", id), byDetector.getOrDefault(id, 0));
    }
    return p.out.toString();
  }

  private static String pidLabels(Sample s, int pid) {
    ProcessInfo info = s.processes().get(pid);
    return labels("pid", Integer.toString(pid), "process", info == null ? "" : info.name());
  }

  /** The agent's own HTTP server: how many clients it had to drop, and why. */
  private void http(BoundedHttpServer.Stats http) {
    header(
        "fargate_doctor_agent_http_open_connections",
        "gauge",
        "Connections open to the agent's HTTP server.");
    sample("fargate_doctor_agent_http_open_connections", "", http.open());
    header(
        "fargate_doctor_agent_http_connections_total",
        "counter",
        "Connections the agent's HTTP server accepted.");
    sample("fargate_doctor_agent_http_connections_total", "", http.accepted());
    header(
        "fargate_doctor_agent_http_responses_total",
        "counter",
        "Responses the agent's HTTP server sent in full.");
    sample("fargate_doctor_agent_http_responses_total", "", http.responses());
    header(
        "fargate_doctor_agent_http_dropped_connections_total",
        "counter",
        "Connections closed before a response was sent in full, by reason.");
    String name = "fargate_doctor_agent_http_dropped_connections_total";
    sample(name, labels("reason", "header_timeout"), http.headerTimeouts());
    sample(name, labels("reason", "write_timeout"), http.writeTimeouts());
    sample(name, labels("reason", "evicted"), http.evicted());
    sample(name, labels("reason", "busy"), http.refusedBusy());
    header(
        "fargate_doctor_agent_http_rejected_requests_total",
        "counter",
        "Requests refused as malformed or over a size limit (4xx/5xx before routing).");
    sample("fargate_doctor_agent_http_rejected_requests_total", "", http.rejectedRequests());
  }

  private void header(String name, String help) {
    header(name, "gauge", help);
  }

  private void header(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private void sample(String name, String labels, double value) {
    out.append(name).append(labels).append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(String.format(Locale.ROOT, "%.6f", value));
    }
    out.append('\n');
  }

  static String labels(String... pairs) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(pairs[i])
          .append("=\"")
          .append(escape(pairs[i + 1] == null ? "" : pairs[i + 1]))
          .append('"');
    }
    return sb.append('}').toString();
  }

  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
