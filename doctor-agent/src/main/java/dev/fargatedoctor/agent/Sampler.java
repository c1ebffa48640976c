package dev.fargatedoctor.agent;

import dev.fargatedoctor.agent.detect.MemorySeries;
import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.metadata.ContainerMemory;
import dev.fargatedoctor.agent.metadata.TaskMetadata;
import dev.fargatedoctor.agent.metadata.TaskMetadataClient;
import dev.fargatedoctor.agent.proc.CgroupMemory;
import dev.fargatedoctor.agent.proc.LocalPortRange;
import dev.fargatedoctor.agent.proc.ProcNetTcpReader;
import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.ProcessReader;
import dev.fargatedoctor.agent.proc.SocketOwners;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes one {@link Sample}: sockets, their owners, per-process fds/RSS/limits, cgroup memory and
 * task metadata. Each source fails on its own: a failure becomes a line in {@link
 * Sample#problems()} and the rest of the sample is still taken, so one unreadable file never stops
 * the agent.
 */
final class Sampler {

  /** How often /task is fetched again; it only changes when containers stop or restart. */
  static final Duration TASK_REFRESH = Duration.ofMinutes(5);

  private final Path procRoot;
  private final ProcNetTcpReader tcp;
  private final SocketOwners owners;
  private final ProcessReader processes;
  private final CgroupMemory cgroup;
  private final TaskMetadataClient metadata;
  private final Clock clock;

  private TaskMetadata task;
  private Instant taskFetchedAt;

  Sampler(Path procRoot, CgroupMemory cgroup, TaskMetadataClient metadata, Clock clock) {
    this.procRoot = procRoot;
    this.tcp = new ProcNetTcpReader(procRoot);
    this.owners = new SocketOwners(procRoot);
    this.processes = new ProcessReader(procRoot);
    this.cgroup = cgroup;
    this.metadata = metadata;
    this.clock = clock;
  }

  Sample sample() {
    Instant at = clock.instant();
    long startNanos = System.nanoTime();
    Sample.Builder b = Sample.builder(at);
    List<String> problems = new ArrayList<>();

    try {
      ProcNetTcpReader.Result result = tcp.read();
      b.connections(result.connections());
      if (result.skippedLines() > 0) {
        problems.add("/proc/net/tcp: skipped " + result.skippedLines() + " malformed lines");
      }
    } catch (IOException | RuntimeException e) {
      problems.add("connections unavailable: " + e.getMessage());
    }

    Map<Integer, ProcessInfo> infos = new TreeMap<>();
    try {
      SocketOwners.Scan scan = owners.scan();
      b.owners(scan.owners()).fds(scan.fdsByPid()).unreadablePids(scan.unreadablePids());
      List<Integer> pids = new ArrayList<>(scan.fdsByPid().keySet());
      pids.addAll(scan.unreadablePids());
      for (int pid : pids) {
        processes.read(pid).ifPresent(info -> infos.put(pid, info));
      }
      if (!scan.unreadablePids().isEmpty()) {
        problems.add(
            scan.unreadablePids().size()
                + " processes do not let this agent read their fds,"
                + " so their sockets have no owner: run the agent as their uid, or as root with SYS_PTRACE");
      }
    } catch (IOException | RuntimeException e) {
      problems.add("processes unavailable: " + e.getMessage());
    }
    b.processes(infos);

    CgroupMemory.Reading reading = null;
    if (cgroup != null) {
      try {
        reading = cgroup.read();
      } catch (IOException | RuntimeException e) {
        problems.add("cgroup memory unavailable: " + e.getMessage());
      }
    }
    b.cgroup(reading);

    Map<String, ContainerMemory> stats = Map.of();
    if (metadata != null) {
      try {
        if (task == null || !at.isBefore(taskFetchedAt.plus(TASK_REFRESH))) {
          task = metadata.task();
          taskFetchedAt = at;
        }
      } catch (IOException | RuntimeException e) {
        problems.add(e.getMessage());
      }
      try {
        stats = metadata.taskStats();
      } catch (IOException | RuntimeException e) {
        problems.add(e.getMessage());
      }
    }
    b.task(task).containerMemory(stats);
    b.memory(memorySeries(task, stats, reading));
    b.localPortRange(LocalPortRange.read(procRoot));
    b.problems(problems);
    b.took(Duration.ofNanos(System.nanoTime() - startNanos));
    return b.build();
  }

  /**
   * The figures the memory detector watches. The task's working set is the sum over its containers,
   * measured against the task limit (Limits.Memory, else the cgroup hierarchical limit), never
   * against docker's per-container limit, which is "unlimited" when only the task has one.
   */
  static List<MemorySeries> memorySeries(
      TaskMetadata task, Map<String, ContainerMemory> stats, CgroupMemory.Reading cgroup) {
    List<MemorySeries> series = new ArrayList<>();
    if (!stats.isEmpty()) {
      long used = 0;
      long hierarchical = -1;
      for (ContainerMemory m : stats.values()) {
        used += m.workingSetBytes();
        if (m.hierarchicalLimitBytes() > 0 && m.hierarchicalLimitBytes() < (1L << 62)) {
          hierarchical =
              hierarchical < 0
                  ? m.hierarchicalLimitBytes()
                  : Math.min(hierarchical, m.hierarchicalLimitBytes());
        }
      }
      long limit =
          task != null && task.memoryLimitBytes() > 0 ? task.memoryLimitBytes() : hierarchical;
      series.add(new MemorySeries("task", used, limit));
      Map<String, MemorySeries> containers = new LinkedHashMap<>();
      for (ContainerMemory m : stats.values()) {
        TaskMetadata.Container c = task == null ? null : task.containerByDockerId(m.dockerId());
        long own =
            c != null && c.memoryMiB() != null ? c.memoryMiB() * 1024 * 1024 : m.ownLimitBytes();
        if (own > 0) {
          String name = c != null && c.name() != null ? c.name() : m.dockerId();
          containers.put(name, new MemorySeries("container:" + name, m.workingSetBytes(), own));
        }
      }
      series.addAll(containers.values());
    }
    if (cgroup != null) {
      series.add(new MemorySeries("cgroup", cgroup.workingSetBytes(), cgroup.limitBytes()));
    }
    return series;
  }
}
