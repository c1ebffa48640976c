package dev.fargatedoctor.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.MutableClock;
import dev.fargatedoctor.agent.proc.ProcNetTcpReader;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: a neighbour holding 300 half-sent requests for 30 s must not blind the agent. The test
 * asserts what must hold (every /health probe is answered, the connection cap holds); the latency
 * figures under the same attack are measured by bench/agent.
 */
class SlowClientsTest {

  private static final int SLOW_CLIENTS = 300;
  private static final long HOLD_NANOS = TimeUnit.SECONDS.toNanos(30);

  @Test
  void threeHundredHalfSentRequestsHeldForThirtySecondsNeverBlindTheAgent() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    AgentState state =
        new AgentState(
            AgentState.Mode.SIDECAR,
            clock.instant(),
            AgentHttpServerTest.sample(clock.instant()),
            List.of(),
            List.of("close-wait-pileup"));
    BoundedHttpServer.Limits limits = BoundedHttpServer.Limits.DEFAULT;
    try (AgentHttpServer server =
            AgentHttpServer.start(InetAddress.getLoopbackAddress(), 0, () -> state, clock, null);
        SlowLoris attack = new SlowLoris(server.port(), SLOW_CLIENTS).start()) {
      int port = server.port();
      ProcNetTcpReader tcp = new ProcNetTcpReader(Path.of("/proc"));
      long holdEnds = System.nanoTime() + HOLD_NANOS;
      List<String> failures = new ArrayList<>();
      int probes = 0;
      int mostEstablished = 0;
      while (System.nanoTime() - holdEnds < 0) {
        // A probe may take as long as the hold has left: only a real block makes it miss.
        int waitMillis =
            (int) Math.max(1000, TimeUnit.NANOSECONDS.toMillis(holdEnds - System.nanoTime()));
        try (RawClient probe = new RawClient(port)) {
          probe.socket.setSoTimeout(waitMillis);
          String response = probe.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").readAll();
          if (!response.startsWith("HTTP/1.1 200 ") || !response.contains("\"status\": \"UP\"")) {
            failures.add("probe " + probes + ": " + response.lines().findFirst().orElse("(empty)"));
          }
        } catch (java.io.IOException e) {
          failures.add("probe " + probes + ": " + e);
        }
        probes++;
        // The server's sockets on its port: those it holds plus those waiting in its backlog.
        int established = 0;
        for (TcpConnection c : tcp.read().connections()) {
          if (c.local().port() == port && c.state() == TcpState.ESTABLISHED) {
            established++;
          }
        }
        mostEstablished = Math.max(mostEstablished, established);
        Thread.sleep(100);
      }

      System.out.printf(
          "probes=%d failures=%d attackerConnects=%d dropped=%d stats=%s mostEstablished=%d%n",
          probes,
          failures.size(),
          attack.connects(),
          attack.droppedByServer(),
          server.stats(),
          mostEstablished);
      assertThat(failures).as("every /health probe during the attack is answered 200").isEmpty();
      assertThat(probes).isPositive();
      // The attack really held the connections it could: it never had fewer than all its slots
      // for long, and the server had to drop them to stay within its cap.
      assertThat(attack.connects()).isGreaterThanOrEqualTo(SLOW_CLIENTS);
      BoundedHttpServer.Stats stats = server.stats();
      assertThat(stats.evicted() + stats.headerTimeouts())
          .isGreaterThan(SLOW_CLIENTS - limits.maxConnections());
      assertThat(stats.peakOpen()).isLessThanOrEqualTo(limits.maxConnections());
      // Sockets on the port also count the kernel's accept backlog, whose exact depth varies with
      // timing on a loaded machine: bound it by the attack, which the cap keeps from holding all.
      assertThat(mostEstablished).isLessThan(SLOW_CLIENTS);
    }
  }
}
