package dev.fargatedoctor.agent.detect;

import dev.fargatedoctor.agent.proc.Endpoint;
import dev.fargatedoctor.agent.proc.TcpConnection;
import java.util.Set;

/**
 * Who a connection is with, for grouping. Outbound connections group by remote endpoint ({@code
 * 10.0.3.7:443}); inbound ones - the local port is one this namespace listens on - group by that
 * port ({@code inbound :8080}), since their remote ports are all different.
 */
public record Peer(boolean inbound, Endpoint endpoint) {

  public static Peer of(TcpConnection connection, Set<Integer> listeningPorts) {
    if (listeningPorts.contains(connection.local().port())) {
      return new Peer(true, connection.local());
    }
    return new Peer(false, connection.remote());
  }

  @Override
  public String toString() {
    return inbound ? "inbound :" + endpoint.port() : endpoint.toString();
  }
}
