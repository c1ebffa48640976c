package dev.fargatedoctor.agent.detect;

import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.SocketOwners;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open fds per process growing toward the soft "Max open files" limit ({@code EMFILE} follows:
 * failed accepts, connects and file opens). See {@link Headroom} for when it fires.
 */
final class FdGrowth implements Detector {

  static final String ID = "fd-growth";

  private final DetectorSettings settings;
  private final SlidingWindow<Map<Integer, Integer>> window;

  FdGrowth(DetectorSettings settings) {
    this.settings = settings;
    this.window = new SlidingWindow<>(settings.window());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Warning> observe(Sample sample) {
    Map<Integer, Integer> open = new HashMap<>();
    for (Map.Entry<Integer, SocketOwners.FdCount> e : sample.fds().entrySet()) {
      open.put(e.getKey(), e.getValue().open());
    }
    window.add(sample.at(), open);
    List<Warning> warnings = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : open.entrySet()) {
      int pid = e.getKey();
      ProcessInfo info = sample.processes().get(pid);
      if (info == null || info.maxOpenFiles() <= 0) {
        continue;
      }
      SlidingWindow.Series series =
          window.series(
              byPid -> {
                Integer n = byPid.get(pid);
                return n == null ? null : n.longValue();
              });
      Headroom.Finding finding =
          Headroom.assess(
              series,
              info.maxOpenFiles(),
              settings.fdRatio(),
              settings.growthFloor(),
              settings.horizon());
      if (finding != null) {
        warnings.add(warning(sample, info, e.getValue(), series.values().get(0), finding));
      }
    }
    return warnings;
  }

  private Warning warning(
      Sample sample, ProcessInfo info, int open, long first, Headroom.Finding finding) {
    SocketOwners.FdCount count = sample.fds().get(info.pid());
    double perMinute = finding.trend().slopePerSecond() * 60;
    StringBuilder message =
        new StringBuilder()
            .append(sample.describePid(info.pid()))
            .append(" has ")
            .append(open)
            .append(" open fds of its limit of ")
            .append(info.maxOpenFiles())
            .append(" (")
            .append(Format.percent(finding.ratio()))
            .append(", ")
            .append(count.sockets())
            .append(" of them sockets)");
    if (finding.timeToLimit() != null) {
      message
          .append(", growing ")
          .append(Math.round(perMinute))
          .append("/min over ")
          .append(Format.duration(finding.trend().span()))
          .append(": the limit is reached in about ")
          .append(Format.duration(finding.timeToLimit()));
    }
    message.append('.');
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("pid", info.pid());
    evidence.put("process", info.name());
    evidence.put("openFds", open);
    evidence.put("sockets", count.sockets());
    evidence.put("maxOpenFiles", info.maxOpenFiles());
    evidence.put("ratio", Format.round(finding.ratio(), 3));
    evidence.put("openFdsAtWindowStart", first);
    evidence.put("growthPerMinute", Format.round(perMinute, 1));
    evidence.put(
        "secondsToLimit",
        finding.timeToLimit() == null ? null : finding.timeToLimit().getSeconds());
    String fix =
        "Find what leaks (compare sockets to other fds in /debug/fds and the CLOSE_WAIT count in"
            + " /debug/connections): close files and sockets in finally/try-with-resources/with blocks, close HTTP"
            + " response bodies, and bound connection pools. Raising the nofile ulimit in the task definition only"
            + " buys time.";
    return new Warning(
        ID,
        "pid " + info.pid(),
        finding.critical() ? Warning.Severity.CRITICAL : Warning.Severity.WARNING,
        message.toString(),
        evidence,
        fix);
  }
}
