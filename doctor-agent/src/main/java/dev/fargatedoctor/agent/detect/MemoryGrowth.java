package dev.fargatedoctor.agent.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory (task, each container with its own limit, this cgroup) growing toward the limit it will be
 * OOM-killed at, with a time-to-OOM estimate from the fitted trend. Headroom is measured against
 * the task limit ({@code Limits.Memory}), not docker's per-container {@code memory_stats.limit},
 * which on Fargate is usually "unlimited".
 */
final class MemoryGrowth implements Detector {

  static final String ID = "memory-growth";

  private final DetectorSettings settings;
  private final SlidingWindow<Map<String, MemorySeries>> window;

  MemoryGrowth(DetectorSettings settings) {
    this.settings = settings;
    this.window = new SlidingWindow<>(settings.window());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Warning> observe(Sample sample) {
    Map<String, MemorySeries> current = new HashMap<>();
    for (MemorySeries series : sample.memory()) {
      if (series.limited()) {
        current.put(series.scope(), series);
      }
    }
    window.add(sample.at(), current);
    List<Warning> warnings = new ArrayList<>();
    for (MemorySeries series : sample.memory()) {
      if (!series.limited()) {
        continue;
      }
      SlidingWindow.Series used =
          window.series(
              scopes -> {
                MemorySeries s = scopes.get(series.scope());
                return s == null ? null : s.usedBytes();
              });
      Headroom.Finding finding =
          Headroom.assess(
              used,
              series.limitBytes(),
              settings.memoryRatio(),
              settings.growthFloor(),
              settings.horizon());
      if (finding != null) {
        warnings.add(warning(series, used.values().get(0), finding));
      }
    }
    return warnings;
  }

  private Warning warning(MemorySeries series, long first, Headroom.Finding finding) {
    double bytesPerMinute = finding.trend().slopePerSecond() * 60;
    StringBuilder message =
        new StringBuilder()
            .append(series.scope())
            .append(" memory is ")
            .append(Format.bytes(series.usedBytes()))
            .append(" of its ")
            .append(Format.bytes(series.limitBytes()))
            .append(" limit (")
            .append(Format.percent(finding.ratio()))
            .append(')');
    if (finding.timeToLimit() != null) {
      message
          .append(", growing ")
          .append(Format.bytes(Math.round(bytesPerMinute)))
          .append("/min over ")
          .append(Format.duration(finding.trend().span()))
          .append(": estimated OOM kill in about ")
          .append(Format.duration(finding.timeToLimit()));
    }
    message.append('.');
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("scope", series.scope());
    evidence.put("usedBytes", series.usedBytes());
    evidence.put("limitBytes", series.limitBytes());
    evidence.put("ratio", Format.round(finding.ratio(), 3));
    evidence.put("usedBytesAtWindowStart", first);
    evidence.put("growthBytesPerMinute", Math.round(bytesPerMinute));
    evidence.put(
        "secondsToOom", finding.timeToLimit() == null ? null : finding.timeToLimit().getSeconds());
    String fix =
        "Find what grows before the kernel OOM-kills the task: unbounded caches or queues, leaked"
            + " connections and their buffers (check CLOSE_WAIT in /debug/connections), per-process RSS in"
            + " /debug/memory. For a JVM, cap the heap below the container limit (-XX:MaxRAMPercentage=75) and"
            + " take a heap dump (/debug/heapdump) to see what grows. Raise task memory only if the growth is"
            + " legitimate.";
    return new Warning(
        ID,
        series.scope(),
        finding.critical() ? Warning.Severity.CRITICAL : Warning.Severity.WARNING,
        message.toString(),
        evidence,
        fix);
  }
}
