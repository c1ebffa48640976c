package dev.fargatedoctor.agent.detect;

import dev.fargatedoctor.agent.metadata.ContainerMemory;
import dev.fargatedoctor.agent.metadata.TaskMetadata;
import dev.fargatedoctor.agent.proc.CgroupMemory;
import dev.fargatedoctor.agent.proc.InodeOwners;
import dev.fargatedoctor.agent.proc.LocalPortRange;
import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.SocketOwners;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one sampling pass saw. Immutable; only the newest sample is kept whole, detectors keep
 * compact summaries of older ones (a full sample with 10,000 sockets is about a megabyte).
 */
public final class Sample {

  private final Instant at;
  private final Duration took;
  private final List<TcpConnection> connections;
  private final InodeOwners owners;
  private final Map<Integer, ProcessInfo> processes;
  private final Map<Integer, SocketOwners.FdCount> fds;
  private final List<Integer> unreadablePids;
  private final CgroupMemory.Reading cgroup;
  private final TaskMetadata task;
  private final Map<String, ContainerMemory> containerMemory;
  private final List<MemorySeries> memory;
  private final List<String> problems;
  private final Set<Integer> listeningPorts;
  private final LocalPortRange localPortRange;

  private Sample(Builder b) {
    this.at = b.at;
    this.took = b.took;
    this.connections = List.copyOf(b.connections);
    this.owners = b.owners;
    this.processes = Collections.unmodifiableMap(b.processes);
    this.fds = Collections.unmodifiableMap(b.fds);
    this.unreadablePids = List.copyOf(b.unreadablePids);
    this.cgroup = b.cgroup;
    this.task = b.task;
    this.containerMemory = Collections.unmodifiableMap(b.containerMemory);
    this.memory = List.copyOf(b.memory);
    this.problems = List.copyOf(b.problems);
    Set<Integer> listening = new HashSet<>();
    for (TcpConnection c : connections) {
      if (c.state() == TcpState.LISTEN) {
        listening.add(c.local().port());
      }
    }
    this.listeningPorts = Collections.unmodifiableSet(listening);
    this.localPortRange = b.localPortRange;
  }

  public static Builder builder(Instant at) {
    return new Builder(at);
  }

  public Instant at() {
    return at;
  }

  public Duration took() {
    return took;
  }

  public List<TcpConnection> connections() {
    return connections;
  }

  public Map<Integer, ProcessInfo> processes() {
    return processes;
  }

  public Map<Integer, SocketOwners.FdCount> fds() {
    return fds;
  }

  public List<Integer> unreadablePids() {
    return unreadablePids;
  }

  /** This container's cgroup memory, or null when unreadable. */
  public CgroupMemory.Reading cgroup() {
    return cgroup;
  }

  /** Task metadata, or null outside ECS or when the endpoint failed. */
  public TaskMetadata task() {
    return task;
  }

  public Map<String, ContainerMemory> containerMemory() {
    return containerMemory;
  }

  public List<MemorySeries> memory() {
    return memory;
  }

  /** What could not be read this time, for outputs; never contains environment values. */
  public List<String> problems() {
    return problems;
  }

  /** The kernel's ephemeral port range when the sample was taken. */
  public LocalPortRange localPortRange() {
    return localPortRange;
  }

  public Set<Integer> listeningPorts() {
    return listeningPorts;
  }

  /** The pid holding the socket, or 0 when none is known (TIME_WAIT, or an unreadable process). */
  public int ownerOf(TcpConnection connection) {
    return owners == null ? 0 : owners.ownerOf(connection.inode());
  }

  /** A short "pid 7 (node)" label. */
  public String describePid(int pid) {
    if (pid <= 0) {
      return "an unknown process";
    }
    ProcessInfo info = processes.get(pid);
    return info == null ? "pid " + pid : "pid " + pid + " (" + info.name() + ")";
  }

  /** Builds samples; the sampler and tests fill in what they have. */
  public static final class Builder {
    private final Instant at;
    private Duration took = Duration.ZERO;
    private List<TcpConnection> connections = List.of();
    private InodeOwners owners = new InodeOwners();
    private Map<Integer, ProcessInfo> processes = Map.of();
    private Map<Integer, SocketOwners.FdCount> fds = Map.of();
    private List<Integer> unreadablePids = List.of();
    private CgroupMemory.Reading cgroup;
    private TaskMetadata task;
    private Map<String, ContainerMemory> containerMemory = Map.of();
    private List<MemorySeries> memory = List.of();
    private List<String> problems = List.of();
    private LocalPortRange localPortRange = LocalPortRange.LINUX_DEFAULT;

    private Builder(Instant at) {
      this.at = at;
    }

    public Builder took(Duration value) {
      this.took = value;
      return this;
    }

    public Builder connections(List<TcpConnection> value) {
      this.connections = value;
      return this;
    }

    public Builder owners(InodeOwners value) {
      this.owners = value;
      return this;
    }

    public Builder processes(Map<Integer, ProcessInfo> value) {
      this.processes = value;
      return this;
    }

    public Builder fds(Map<Integer, SocketOwners.FdCount> value) {
      this.fds = value;
      return this;
    }

    public Builder unreadablePids(List<Integer> value) {
      this.unreadablePids = value;
      return this;
    }

    public Builder cgroup(CgroupMemory.Reading value) {
      this.cgroup = value;
      return this;
    }

    public Builder task(TaskMetadata value) {
      this.task = value;
      return this;
    }

    public Builder containerMemory(Map<String, ContainerMemory> value) {
      this.containerMemory = value;
      return this;
    }

    public Builder memory(List<MemorySeries> value) {
      this.memory = value;
      return this;
    }

    public Builder problems(List<String> value) {
      this.problems = value;
      return this;
    }

    public Builder localPortRange(LocalPortRange value) {
      this.localPortRange = value;
      return this;
    }

    public Sample build() {
      return new Sample(this);
    }
  }
}
