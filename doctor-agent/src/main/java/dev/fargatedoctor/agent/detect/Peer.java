package dev.fargatedoctor.agent.detect;

import dev.fargatedoctor.agent.proc.Endpoint;
import dev.fargatedoctor.agent.proc.LocalPortRange;
import dev.fargatedoctor.agent.proc.TcpConnection;
import java.util.Set;

/**
 * Who a connection is with, for grouping. Outbound connections group by remote endpoint ({@code
 * 10.0.3.7:443}); inbound ones group by the local port ({@code inbound :8080}), since their remote
 * ports are all different. A connection is inbound when its local port is one this namespace
 * listens on, or when a local port outside the ephemeral range talks to a remote port inside it (a
 * server port whose listener has closed, with its clients still connected): so a client's ephemeral
 * port never becomes a group, a label or a metric series.
 */
public record Peer(boolean inbound, Endpoint endpoint) {

  public static Peer of(TcpConnection connection, Sample sample) {
    return of(connection, sample.listeningPorts(), sample.localPortRange());
  }

  public static Peer of(
      TcpConnection connection, Set<Integer> listeningPorts, LocalPortRange ephemeral) {
    int local = connection.local().port();
    if (listeningPorts.contains(local)
        || (!ephemeral.contains(local)
            && ephemeral.mayBeRemoteEphemeral(connection.remote().port()))) {
      return new Peer(true, connection.local());
    }
    return new Peer(false, connection.remote());
  }

  @Override
  public String toString() {
    return inbound ? "inbound :" + endpoint.port() : endpoint.toString();
  }
}
