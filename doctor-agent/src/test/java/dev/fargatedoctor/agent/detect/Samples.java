package dev.fargatedoctor.agent.detect;

import dev.fargatedoctor.agent.proc.Endpoint;
import dev.fargatedoctor.agent.proc.InodeOwners;
import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.SocketOwners;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds synthetic samples: connections owned by pids, at chosen instants. */
final class Samples {

  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  static final Endpoint LOCAL = Endpoint.of("10.0.1.5", 0);

  private final List<TcpConnection> connections = new ArrayList<>();
  private final InodeOwners owners = new InodeOwners();
  private final Map<Integer, ProcessInfo> processes = new LinkedHashMap<>();
  private final Map<Integer, SocketOwners.FdCount> fds = new LinkedHashMap<>();
  private final List<MemorySeries> memory = new ArrayList<>();
  private long nextInode = 1000;
  private int nextPort = 40000;

  static Samples at() {
    return new Samples();
  }

  /** n connections in the state from this host to remote, owned by pid (0 = no owner). */
  Samples add(int n, TcpState state, String remoteAddress, int remotePort, int pid) {
    for (int i = 0; i < n; i++) {
      addOne(
          state, Endpoint.of("10.0.1.5", nextPort++), Endpoint.of(remoteAddress, remotePort), pid);
    }
    return this;
  }

  Samples addOne(TcpState state, Endpoint local, Endpoint remote, int pid) {
    long inode = state == TcpState.TIME_WAIT || pid == 0 ? 0 : nextInode++;
    connections.add(new TcpConnection(local, remote, state, 1000, inode));
    owners.putIfAbsent(inode, pid);
    return this;
  }

  Samples listen(int port, int pid) {
    return addOne(TcpState.LISTEN, Endpoint.of("0.0.0.0", port), Endpoint.of("0.0.0.0", 0), pid);
  }

  Samples process(int pid, String name, long maxOpenFiles, int openFds, int sockets) {
    processes.put(
        pid, new ProcessInfo(pid, name, name + " server.js", 100L << 20, maxOpenFiles, 4));
    fds.put(pid, new SocketOwners.FdCount(openFds, sockets));
    return this;
  }

  Samples memory(String scope, long usedMiB, long limitMiB) {
    memory.add(new MemorySeries(scope, usedMiB << 20, limitMiB < 0 ? -1 : limitMiB << 20));
    return this;
  }

  Sample build(Instant at) {
    return Sample.builder(at)
        .connections(connections)
        .owners(owners)
        .processes(processes)
        .fds(fds)
        .memory(memory)
        .build();
  }

  Sample build(long secondsAfterT0) {
    return build(T0.plusSeconds(secondsAfterT0));
  }
}
