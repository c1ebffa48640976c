package dev.fargatedoctor.agent.http;

import dev.fargatedoctor.agent.detect.MemorySeries;
import dev.fargatedoctor.agent.detect.Peer;
import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.detect.Warning;
import dev.fargatedoctor.agent.metadata.TaskMetadata;
import dev.fargatedoctor.agent.proc.CgroupMemory;
import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.SocketOwners;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus text exposition format (version 0.0.4) of the newest sample, written by hand so
 * that the agent needs no library, but by Prometheus's conventions: one name per meaning, HELP and
 * TYPE on every metric, base units in names ({@code _bytes}, {@code _seconds}), {@code _total} on
 * counters only, times as Unix timestamps rather than "seconds since".
 *
 * <p>Label values are bounded: the kernel's short process name (never the command line), the ports
 * this task listens on, and the top {@value #TOP_REMOTES} remote services. A client's ephemeral
 * port never becomes a label (see {@link Peer}).
 */
final class PrometheusText {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final int TOP_REMOTES = 20;

  private static final String GAUGE = "gauge";
  private static final String COUNTER = "counter";

  private final StringBuilder out = new StringBuilder(4096);
  private String name;

  private PrometheusText() {}

  static String render(AgentState state, Instant now, BoundedHttpServer.Stats http) {
    PrometheusText p = new PrometheusText();
    p.family(
        "fargate_doctor_agent_start_time_seconds", GAUGE, "Unix time at which the agent started.");
    p.sample("", seconds(state.startedAt()));
    p.http(http);
    Sample s = state.latest();
    if (s == null) {
      return p.out.toString();
    }
    p.family(
        "fargate_doctor_agent_last_sample_time_seconds",
        GAUGE,
        "Unix time of the newest sample the endpoints show.");
    p.sample("", seconds(s.at()));
    p.family(
        "fargate_doctor_agent_last_sample_duration_seconds",
        GAUGE,
        "How long the newest sample took to read /proc, cgroup files and task metadata.");
    p.sample("", s.took().toNanos() / 1e9);

    TaskMetadata task = s.task();
    if (task != null) {
      p.family(
          "fargate_doctor_task_info",
          GAUGE,
          "The task this agent runs in, from task metadata v4; the value is always 1.");
      p.sample(
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

    p.connections(s);
    p.processes(s);
    p.memory(s);

    p.family("fargate_doctor_warnings", GAUGE, "Warnings active now, by detector.");
    Map<String, Integer> byDetector = new HashMap<>();
    for (Warning w : state.warnings()) {
      byDetector.merge(w.detector(), 1, Integer::sum);
    }
    for (String id : state.detectorIds()) {
      p.sample(labels("detector", id), byDetector.getOrDefault(id, 0));
    }
    return p.out.toString();
  }

  private void connections(Sample s) {
    family(
        "fargate_doctor_tcp_connections",
        GAUGE,
        "TCP sockets in the task's network namespace, by state.");
    for (Map.Entry<TcpState, Integer> e : Reports.countByState(s.connections()).entrySet()) {
      sample(labels("state", e.getKey().name()), e.getValue());
    }

    Map<Peer, Map<TcpState, Integer>> outbound = new HashMap<>();
    Map<Integer, Map<TcpState, Integer>> inbound = new TreeMap<>();
    for (TcpConnection c : s.connections()) {
      if (c.state() == TcpState.LISTEN) {
        continue;
      }
      Peer peer = Peer.of(c, s);
      Map<TcpState, Integer> counts =
          peer.inbound()
              ? inbound.computeIfAbsent(peer.endpoint().port(), k -> new EnumMap<>(TcpState.class))
              : outbound.computeIfAbsent(peer, k -> new EnumMap<>(TcpState.class));
      counts.merge(c.state(), 1, Integer::sum);
    }

    List<Map.Entry<Peer, Map<TcpState, Integer>>> remotes = new ArrayList<>(outbound.entrySet());
    remotes.sort(
        Comparator.comparingInt(
                (Map.Entry<Peer, Map<TcpState, Integer>> e) ->
                    e.getValue().values().stream().mapToInt(Integer::intValue).sum())
            .reversed()
            .thenComparing(e -> e.getKey().toString()));
    family(
        "fargate_doctor_tcp_outbound_connections",
        GAUGE,
        "Outbound TCP connections by remote service (address and port) and state, for the "
            + TOP_REMOTES
            + " remote services with the most connections.");
    for (Map.Entry<Peer, Map<TcpState, Integer>> e :
        remotes.subList(0, Math.min(TOP_REMOTES, remotes.size()))) {
      for (Map.Entry<TcpState, Integer> st : e.getValue().entrySet()) {
        sample(
            labels(
                "remote_address",
                e.getKey().endpoint().address(),
                "remote_port",
                Integer.toString(e.getKey().endpoint().port()),
                "state",
                st.getKey().name()),
            st.getValue());
      }
    }
    family(
        "fargate_doctor_tcp_inbound_connections",
        GAUGE,
        "Inbound TCP connections by the local port they came in on, and state.");
    for (Map.Entry<Integer, Map<TcpState, Integer>> e : inbound.entrySet()) {
      for (Map.Entry<TcpState, Integer> st : e.getValue().entrySet()) {
        sample(
            labels("local_port", Integer.toString(e.getKey()), "state", st.getKey().name()),
            st.getValue());
      }
    }
  }

  private void processes(Sample s) {
    family("fargate_doctor_process_open_fds", GAUGE, "Open file descriptors, by process.");
    for (Map.Entry<Integer, SocketOwners.FdCount> e : s.fds().entrySet()) {
      sample(pidLabels(s, e.getKey()), e.getValue().open());
    }
    family(
        "fargate_doctor_process_open_sockets",
        GAUGE,
        "Open file descriptors that are sockets, by process.");
    for (Map.Entry<Integer, SocketOwners.FdCount> e : s.fds().entrySet()) {
      sample(pidLabels(s, e.getKey()), e.getValue().sockets());
    }
    family(
        "fargate_doctor_process_max_fds",
        GAUGE,
        "Soft limit on open file descriptors (Max open files), by process; absent when"
            + " unlimited.");
    for (ProcessInfo info : s.processes().values()) {
      if (info.maxOpenFiles() > 0) {
        sample(pidLabels(s, info.pid()), info.maxOpenFiles());
      }
    }
    family(
        "fargate_doctor_process_resident_memory_bytes",
        GAUGE,
        "Resident set size (VmRSS), by process.");
    for (ProcessInfo info : s.processes().values()) {
      if (info.rssBytes() >= 0) {
        sample(pidLabels(s, info.pid()), info.rssBytes());
      }
    }
  }

  private void memory(Sample s) {
    family(
        "fargate_doctor_memory_working_set_bytes",
        GAUGE,
        "Memory in use without inactive page cache (what counts toward an OOM kill), by scope:"
            + " task, container:<name>, or this agent's cgroup.");
    for (MemorySeries m : s.memory()) {
      sample(labels("scope", m.scope()), m.usedBytes());
    }
    family(
        "fargate_doctor_memory_limit_bytes",
        GAUGE,
        "Memory limit, by scope; absent when unlimited.");
    for (MemorySeries m : s.memory()) {
      if (m.limited()) {
        sample(labels("scope", m.scope()), m.limitBytes());
      }
    }
    CgroupMemory.Reading cgroup = s.cgroup();
    if (cgroup != null && cgroup.oomKills() >= 0) {
      family(
          "fargate_doctor_cgroup_oom_kills_total",
          COUNTER,
          "Processes the kernel OOM-killed in this agent's cgroup (memory.events oom_kill).");
      sample("", cgroup.oomKills());
    }
  }

  /** The agent's own HTTP server: how many clients it had to drop, and why. */
  private void http(BoundedHttpServer.Stats http) {
    family(
        "fargate_doctor_agent_http_open_connections",
        GAUGE,
        "Connections open to the agent's HTTP server.");
    sample("", http.open());
    family(
        "fargate_doctor_agent_http_connections_total",
        COUNTER,
        "Connections the agent's HTTP server accepted.");
    sample("", http.accepted());
    family(
        "fargate_doctor_agent_http_responses_total",
        COUNTER,
        "Responses the agent's HTTP server sent in full.");
    sample("", http.responses());
    family(
        "fargate_doctor_agent_http_dropped_connections_total",
        COUNTER,
        "Connections closed before a response was sent in full, by reason.");
    sample(labels("reason", "header_timeout"), http.headerTimeouts());
    sample(labels("reason", "write_timeout"), http.writeTimeouts());
    sample(labels("reason", "evicted"), http.evicted());
    sample(labels("reason", "busy"), http.refusedBusy());
    family(
        "fargate_doctor_agent_http_rejected_requests_total",
        COUNTER,
        "Requests refused as malformed or over a size limit, before routing.");
    sample("", http.rejectedRequests());
  }

  private static String pidLabels(Sample s, int pid) {
    ProcessInfo info = s.processes().get(pid);
    return labels("pid", Integer.toString(pid), "process", info == null ? "" : info.name());
  }

  private static double seconds(Instant instant) {
    return instant.toEpochMilli() / 1e3;
  }

  /** Starts a metric family: its HELP and TYPE lines, then its samples. */
  private void family(String name, String type, String help) {
    this.name = name;
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private void sample(String labels, double value) {
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

  /**
   * The format's three escapes; other control characters (a process may name itself with an escape
   * sequence) become U+FFFD, so that reading /metrics in a terminal is safe.
   */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '"') {
        sb.append("\\\"");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
        sb.append('\ufffd');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
