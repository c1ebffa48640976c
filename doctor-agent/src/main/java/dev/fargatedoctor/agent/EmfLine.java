package dev.fargatedoctor.agent;

import dev.fargatedoctor.agent.detect.MemorySeries;
import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.detect.Warning;
import dev.fargatedoctor.agent.json.JsonWriter;
import dev.fargatedoctor.agent.metadata.TaskMetadata;
import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.SocketOwners;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format line per interval. Written to stdout, the awslogs driver
 * ships it and CloudWatch Logs extracts the metrics: no PutMetricData, no extra IAM permission.
 *
 * <p>The only dimension is the task family, so the metric count stays fixed however many tasks run;
 * task ARN and Availability Zone ride along as properties, searchable in Logs Insights.
 */
final class EmfLine {

  private EmfLine() {}

  static String render(
      Sample s, List<Warning> warnings, List<String> detectorIds, String namespace) {
    Map<TcpState, Integer> byState = new EnumMap<>(TcpState.class);
    for (TcpConnection c : s.connections()) {
      byState.merge(c.state(), 1, Integer::sum);
    }
    // name -> {unit, value}; insertion ordered so the line reads the same every time
    Map<String, Object[]> metrics = new LinkedHashMap<>();
    metrics.put("TcpConnections", new Object[] {"Count", s.connections().size()});
    metrics.put(
        "TcpEstablished", new Object[] {"Count", byState.getOrDefault(TcpState.ESTABLISHED, 0)});
    metrics.put("TcpSynSent", new Object[] {"Count", byState.getOrDefault(TcpState.SYN_SENT, 0)});
    metrics.put("TcpTimeWait", new Object[] {"Count", byState.getOrDefault(TcpState.TIME_WAIT, 0)});
    metrics.put(
        "TcpCloseWait", new Object[] {"Count", byState.getOrDefault(TcpState.CLOSE_WAIT, 0)});

    int maxFds = 0;
    double maxFdRatio = 0;
    for (Map.Entry<Integer, SocketOwners.FdCount> e : s.fds().entrySet()) {
      maxFds = Math.max(maxFds, e.getValue().open());
      ProcessInfo info = s.processes().get(e.getKey());
      if (info != null && info.maxOpenFiles() > 0) {
        maxFdRatio = Math.max(maxFdRatio, (double) e.getValue().open() / info.maxOpenFiles());
      }
    }
    metrics.put("OpenFdsMax", new Object[] {"Count", maxFds});
    metrics.put("OpenFdsLimitUtilizationMax", new Object[] {"Percent", round(maxFdRatio * 100)});

    MemorySeries memory = null;
    for (MemorySeries m : s.memory()) {
      if (m.scope().equals("task") || (memory == null && m.scope().equals("cgroup"))) {
        memory = m;
      }
    }
    if (memory != null) {
      metrics.put("MemoryUsed", new Object[] {"Bytes", memory.usedBytes()});
      if (memory.limited()) {
        metrics.put("MemoryUtilization", new Object[] {"Percent", round(memory.ratio() * 100)});
      }
    }

    metrics.put("Warnings", new Object[] {"Count", warnings.size()});
    for (String id : detectorIds) {
      long n = warnings.stream().filter(w -> w.detector().equals(id)).count();
      metrics.put("Warnings" + camel(id), new Object[] {"Count", n});
    }
    metrics.put("SampleDuration", new Object[] {"Milliseconds", s.took().toMillis()});

    TaskMetadata task = s.task();
    JsonWriter json = JsonWriter.compact().beginObject();
    json.name("_aws").beginObject().field("Timestamp", s.at().toEpochMilli());
    json.name("CloudWatchMetrics").beginArray().beginObject().field("Namespace", namespace);
    json.name("Dimensions").beginArray().beginArray().value("TaskFamily").endArray().endArray();
    json.name("Metrics").beginArray();
    for (Map.Entry<String, Object[]> m : metrics.entrySet()) {
      json.beginObject()
          .field("Name", m.getKey())
          .field("Unit", (String) m.getValue()[0])
          .endObject();
    }
    json.endArray().endObject().endArray().endObject();
    json.field("TaskFamily", task != null && task.family() != null ? task.family() : "unknown");
    if (task != null) {
      json.field("TaskArn", task.taskArn()).field("AvailabilityZone", task.availabilityZone());
    }
    for (Map.Entry<String, Object[]> m : metrics.entrySet()) {
      json.name(m.getKey()).any(m.getValue()[1]);
    }
    return json.endObject().toString();
  }

  /** "close-wait-pileup" -> "CloseWaitPileup" */
  static String camel(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("-")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return sb.toString();
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
