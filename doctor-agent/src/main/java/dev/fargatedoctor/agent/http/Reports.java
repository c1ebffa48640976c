package dev.fargatedoctor.agent.http;

import dev.fargatedoctor.agent.detect.MemorySeries;
import dev.fargatedoctor.agent.detect.Peer;
import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.detect.Warning;
import dev.fargatedoctor.agent.json.JsonWriter;
import dev.fargatedoctor.agent.metadata.ContainerMemory;
import dev.fargatedoctor.agent.metadata.TaskMetadata;
import dev.fargatedoctor.agent.proc.CgroupMemory;
import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.SocketOwners;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of the endpoints, rendered from an {@link AgentState}. Only facts the agent read
 * are shown: no environment values, no process environments, and command lines already redacted.
 */
public final class Reports {

  /** Default number of rows in the per-endpoint and per-pid lists. */
  public static final int DEFAULT_LIMIT = 50;

  private Reports() {}

  public static String health(AgentState state, Instant now) {
    return JsonWriter.pretty()
        .beginObject()
        .field("status", "UP")
        .field("uptimeSeconds", Duration.between(state.startedAt(), now).getSeconds())
        .endObject()
        .toString();
  }

  public static String healthDetailed(AgentState state, Instant now) {
    Sample s = state.latest();
    JsonWriter json =
        JsonWriter.pretty()
            .beginObject()
            .field("status", "UP")
            .field("mode", state.mode().label())
            .field("uptimeSeconds", Duration.between(state.startedAt(), now).getSeconds());
    if (s == null) {
      json.field("sampledAt", (String) null);
      return json.endObject().toString();
    }
    json.field("sampledAt", s.at().toString()).field("sampleMillis", s.took().toMillis());
    TaskMetadata task = s.task();
    json.field("availabilityZone", task == null ? null : task.availabilityZone());
    json.name("task");
    if (task == null) {
      json.nullValue();
    } else {
      json.beginObject()
          .field("taskArn", task.taskArn())
          .field("cluster", task.cluster())
          .field("family", task.family())
          .field("revision", task.revision())
          .field("launchType", task.launchType())
          .field("knownStatus", task.knownStatus())
          .optional("cpuVcpu", task.cpuVcpu())
          .optional("memoryMiB", task.memoryMiB());
      json.name("containers").beginArray();
      for (TaskMetadata.Container c : task.containers()) {
        json.beginObject()
            .field("name", c.name())
            .field("image", c.image())
            .field("knownStatus", c.knownStatus())
            .endObject();
      }
      json.endArray().endObject();
    }
    json.name("memory");
    memorySeries(json, s.memory());
    json.name("connections").beginObject().field("total", s.connections().size());
    json.name("byState");
    states(json, countByState(s.connections()));
    json.endObject();
    warnings(json, state.warnings());
    problems(json, s);
    return json.endObject().toString();
  }

  public static String memory(AgentState state) {
    Sample s = state.latest();
    JsonWriter json = JsonWriter.pretty().beginObject();
    if (s == null) {
      return json.field("sampledAt", (String) null).endObject().toString();
    }
    json.field("sampledAt", s.at().toString());
    json.name("limits");
    memorySeries(json, s.memory());
    json.name("cgroup");
    CgroupMemory.Reading cg = s.cgroup();
    if (cg == null) {
      json.nullValue();
    } else {
      json.beginObject()
          .field("version", cg.version())
          .field("usageBytes", cg.usageBytes())
          .field("workingSetBytes", cg.workingSetBytes())
          .field("limitBytes", cg.limitBytes())
          .field("oomKills", cg.oomKills());
      json.name("stat").any(cg.stat());
      json.endObject();
    }
    json.name("containers").beginArray();
    TaskMetadata task = s.task();
    for (ContainerMemory m : s.containerMemory().values()) {
      TaskMetadata.Container c = task == null ? null : task.containerByDockerId(m.dockerId());
      json.beginObject()
          .field("name", c == null ? null : c.name())
          .field("dockerId", m.dockerId())
          .field("usageBytes", m.usageBytes())
          .field("workingSetBytes", m.workingSetBytes())
          .field("maxUsageBytes", m.maxUsageBytes())
          .field("rssBytes", m.rssBytes())
          .field("cacheBytes", m.cacheBytes())
          .field("ownLimitBytes", m.ownLimitBytes())
          .field("hierarchicalLimitBytes", m.hierarchicalLimitBytes())
          .endObject();
    }
    json.endArray();
    json.name("processes").beginArray();
    List<ProcessInfo> byRss = new ArrayList<>(s.processes().values());
    byRss.sort(Comparator.comparingLong(ProcessInfo::rssBytes).reversed());
    for (ProcessInfo p : byRss) {
      json.beginObject()
          .field("pid", p.pid())
          .field("process", p.name())
          .field("rssBytes", p.rssBytes())
          .field("threads", p.threads())
          .field("command", p.commandLine())
          .endObject();
    }
    json.endArray();
    if (state.mode() == AgentState.Mode.JAVAAGENT) {
      json.name("jvm");
      jvmMemory(json);
    }
    problems(json, s);
    return json.endObject().toString();
  }

  public static String connections(AgentState state, TcpState filter, int limit) {
    Sample s = state.latest();
    JsonWriter json = JsonWriter.pretty().beginObject();
    if (s == null) {
      return json.field("sampledAt", (String) null).endObject().toString();
    }
    List<TcpConnection> connections = new ArrayList<>();
    for (TcpConnection c : s.connections()) {
      if (filter == null || c.state() == filter) {
        connections.add(c);
      }
    }
    json.field("sampledAt", s.at().toString());
    json.field("state", filter == null ? null : filter.name());
    json.field("total", connections.size());
    json.name("byState");
    states(json, countByState(connections));

    // Grouped by Peer and port objects; strings are made only for the groups shown.
    Map<Peer, Map<TcpState, Integer>> outbound = new HashMap<>();
    Map<Integer, Map<TcpState, Integer>> inbound = new HashMap<>();
    Map<Integer, Map<TcpState, Integer>> byPid = new HashMap<>();
    Map<TcpState, Integer> unowned = new EnumMap<>(TcpState.class);
    for (TcpConnection c : connections) {
      int pid = s.ownerOf(c);
      if (pid > 0) {
        byPid
            .computeIfAbsent(pid, k -> new EnumMap<>(TcpState.class))
            .merge(c.state(), 1, Integer::sum);
      } else {
        unowned.merge(c.state(), 1, Integer::sum);
      }
      if (c.state() == TcpState.LISTEN) {
        continue;
      }
      Peer peer = Peer.of(c, s);
      Map<TcpState, Integer> group =
          peer.inbound()
              ? inbound.computeIfAbsent(peer.endpoint().port(), k -> new EnumMap<>(TcpState.class))
              : outbound.computeIfAbsent(peer, k -> new EnumMap<>(TcpState.class));
      group.merge(c.state(), 1, Integer::sum);
    }
    json.name("byRemoteEndpoint").beginArray();
    for (Map.Entry<Peer, Map<TcpState, Integer>> e : top(outbound, limit)) {
      json.beginObject().field("remote", e.getKey().toString()).field("total", total(e.getValue()));
      json.name("byState");
      states(json, e.getValue());
      json.endObject();
    }
    json.endArray();
    json.name("inboundByLocalPort").beginArray();
    for (Map.Entry<Integer, Map<TcpState, Integer>> e : top(inbound, limit)) {
      json.beginObject().field("localPort", e.getKey()).field("total", total(e.getValue()));
      json.name("byState");
      states(json, e.getValue());
      json.endObject();
    }
    json.endArray();
    json.name("byPid").beginArray();
    for (Map.Entry<Integer, Map<TcpState, Integer>> e : top(byPid, limit)) {
      ProcessInfo p = s.processes().get(e.getKey());
      json.beginObject()
          .field("pid", e.getKey())
          .field("process", p == null ? null : p.name())
          .field("command", p == null ? null : p.commandLine())
          .field("total", total(e.getValue()));
      json.name("byState");
      states(json, e.getValue());
      json.endObject();
    }
    json.endArray();
    json.name("unowned")
        .beginObject()
        .field("total", total(unowned))
        .field(
            "why",
            "TIME_WAIT sockets belong to no process; others belong to processes whose fds"
                + " this agent may not read");
    json.name("byState");
    states(json, unowned);
    json.endObject();
    json.name("listeningPorts").any(new java.util.TreeSet<>(s.listeningPorts()));
    json.name("unreadablePids").any(s.unreadablePids());
    return json.endObject().toString();
  }

  public static String fds(AgentState state, int limit) {
    Sample s = state.latest();
    JsonWriter json = JsonWriter.pretty().beginObject();
    if (s == null) {
      return json.field("sampledAt", (String) null).endObject().toString();
    }
    json.field("sampledAt", s.at().toString());
    List<Map.Entry<Integer, SocketOwners.FdCount>> rows = new ArrayList<>(s.fds().entrySet());
    rows.sort(
        Comparator.comparingInt((Map.Entry<Integer, SocketOwners.FdCount> e) -> e.getValue().open())
            .reversed());
    json.name("processes").beginArray();
    for (Map.Entry<Integer, SocketOwners.FdCount> e :
        rows.subList(0, Math.min(limit, rows.size()))) {
      ProcessInfo p = s.processes().get(e.getKey());
      long max = p == null ? -1 : p.maxOpenFiles();
      json.beginObject()
          .field("pid", e.getKey())
          .field("process", p == null ? null : p.name())
          .field("command", p == null ? null : p.commandLine())
          .field("openFds", e.getValue().open())
          .field("sockets", e.getValue().sockets())
          .field("otherFds", e.getValue().open() - e.getValue().sockets())
          .field("maxOpenFiles", max)
          .field(
              "ratio",
              max > 0 ? Math.round(1000.0 * e.getValue().open() / max) / 1000.0 : Double.NaN)
          .endObject();
    }
    json.endArray();
    json.name("unreadablePids").any(s.unreadablePids());
    problems(json, s);
    return json.endObject().toString();
  }

  static Map<TcpState, Integer> countByState(List<TcpConnection> connections) {
    Map<TcpState, Integer> counts = new EnumMap<>(TcpState.class);
    for (TcpState st : TcpState.values()) {
      counts.put(st, 0);
    }
    for (TcpConnection c : connections) {
      counts.merge(c.state(), 1, Integer::sum);
    }
    return counts;
  }

  private static void memorySeries(JsonWriter json, List<MemorySeries> series) {
    json.beginArray();
    for (MemorySeries m : series) {
      json.beginObject()
          .field("scope", m.scope())
          .field("usedBytes", m.usedBytes())
          .field("limitBytes", m.limitBytes())
          .field("ratio", m.limited() ? Math.round(m.ratio() * 1000) / 1000.0 : Double.NaN)
          .endObject();
    }
    json.endArray();
  }

  private static void states(JsonWriter json, Map<TcpState, Integer> counts) {
    json.beginObject();
    for (Map.Entry<TcpState, Integer> e : counts.entrySet()) {
      json.field(e.getKey().name(), e.getValue());
    }
    json.endObject();
  }

  private static void warnings(JsonWriter json, List<Warning> warnings) {
    json.name("warnings").beginArray();
    for (Warning w : warnings) {
      w.writeFields(json.beginObject()).endObject();
    }
    json.endArray();
  }

  private static void problems(JsonWriter json, Sample s) {
    json.name("problems").any(s.problems());
  }

  private static int total(Map<TcpState, Integer> counts) {
    int sum = 0;
    for (int n : counts.values()) {
      sum += n;
    }
    return sum;
  }

  private static <K> List<Map.Entry<K, Map<TcpState, Integer>>> top(
      Map<K, Map<TcpState, Integer>> groups, int limit) {
    List<Map.Entry<K, Map<TcpState, Integer>>> rows = new ArrayList<>(groups.entrySet());
    rows.sort(
        Comparator.comparingInt((Map.Entry<K, Map<TcpState, Integer>> e) -> total(e.getValue()))
            .reversed()
            .thenComparing(e -> String.valueOf(e.getKey())));
    return rows.subList(0, Math.min(limit, rows.size()));
  }

  private static void jvmMemory(JsonWriter json) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
    json.beginObject()
        .field("heapUsedBytes", heap.getUsed())
        .field("heapCommittedBytes", heap.getCommitted())
        .field("heapMaxBytes", heap.getMax())
        .field("nonHeapUsedBytes", nonHeap.getUsed())
        .field("nonHeapCommittedBytes", nonHeap.getCommitted());
    json.name("bufferPools").beginArray();
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      json.beginObject()
          .field("name", pool.getName())
          .field("count", pool.getCount())
          .field("usedBytes", pool.getMemoryUsed())
          .field("capacityBytes", pool.getTotalCapacity())
          .endObject();
    }
    json.endArray().endObject();
  }
}
