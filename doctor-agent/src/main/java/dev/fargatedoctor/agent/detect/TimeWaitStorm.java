package dev.fargatedoctor.agent.detect;

import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TIME_WAIT storms per peer: a connection opened and closed per request. Linux keeps TIME_WAIT for
 * 60 s, so the count is roughly 60 x new connections per second; outbound, each one also holds an
 * ephemeral port for that destination. Fires when the threshold holds in two consecutive samples.
 */
final class TimeWaitStorm implements Detector {

  static final String ID = "time-wait-storm";
  static final int TIME_WAIT_SECONDS = 60;

  private final int threshold;
  private final int ephemeralPorts;
  private final Piles<Peer> piles;

  TimeWaitStorm(DetectorSettings settings) {
    this.threshold = settings.timeWait();
    this.ephemeralPorts = settings.ephemeralPorts();
    this.piles = new Piles<>(threshold, settings.window());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Warning> observe(Sample sample) {
    Map<Peer, Integer> counts = new HashMap<>();
    for (TcpConnection c : sample.connections()) {
      if (c.state() == TcpState.TIME_WAIT) {
        counts.merge(Peer.of(c, sample), 1, Integer::sum);
      }
    }
    List<Warning> warnings = new ArrayList<>();
    piles.sustained(sample.at(), counts).forEach((peer, n) -> warnings.add(warning(peer, n)));
    return warnings;
  }

  private Warning warning(Peer peer, int count) {
    double perSecond = (double) count / TIME_WAIT_SECONDS;
    double portShare = (double) count / ephemeralPorts;
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("state", "TIME_WAIT");
    evidence.put("count", count);
    evidence.put("peer", peer.toString());
    evidence.put("direction", peer.inbound() ? "inbound" : "outbound");
    evidence.put("newConnectionsPerSecond", Format.round(perSecond, 1));
    String message;
    String fix;
    if (peer.inbound()) {
      message =
          count
              + " sockets in TIME_WAIT for "
              + peer
              + " (about "
              + Math.round(perSecond)
              + " new connections per second): the server closes each client connection after one request.";
      fix =
          "Keep client connections alive: do not send 'Connection: close' or close after each response,"
              + " raise the server's keep-alive timeout above the load balancer's idle timeout, and have"
              + " callers reuse connections.";
    } else {
      evidence.put("ephemeralPortShare", Format.round(portShare, 3));
      message =
          count
              + " sockets in TIME_WAIT to "
              + peer
              + " (about "
              + Math.round(perSecond)
              + " new connections per second, "
              + Format.percent(portShare)
              + " of the "
              + ephemeralPorts
              + " ephemeral ports for this destination): each request opens and closes its own connection.";
      fix =
          "Reuse connections: enable HTTP keep-alive and connection pooling (Node: an http.Agent with"
              + " keepAlive: true; Java: one shared HttpClient or pooled client; Python: a requests.Session),"
              + " create clients once rather than per request, and size the pool for the request rate.";
    }
    Warning.Severity severity =
        portShare >= 0.5 ? Warning.Severity.CRITICAL : Warning.Severity.WARNING;
    return new Warning(ID, peer.toString(), severity, message, evidence, fix);
  }
}
