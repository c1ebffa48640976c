package dev.fargatedoctor.agent.detect;

import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CLOSE_WAIT pile-ups per owning process and peer: the peer closed, this process never called
 * close(). A socket passes through CLOSE_WAIT briefly on every normal close, so it fires only when
 * the pile is at or above the threshold in two consecutive samples.
 */
final class CloseWaitPileUp implements Detector {

  static final String ID = "close-wait-pileup";

  private record Key(int pid, Peer peer) {}

  private final int threshold;
  private final Piles<Key> piles;

  CloseWaitPileUp(DetectorSettings settings) {
    this.threshold = settings.closeWait();
    this.piles = new Piles<>(threshold, settings.window());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Warning> observe(Sample sample) {
    Map<Key, Integer> counts = new HashMap<>();
    for (TcpConnection c : sample.connections()) {
      if (c.state() == TcpState.CLOSE_WAIT) {
        counts.merge(new Key(sample.ownerOf(c), Peer.of(c, sample)), 1, Integer::sum);
      }
    }
    List<Warning> warnings = new ArrayList<>();
    piles
        .sustained(sample.at(), counts)
        .forEach((key, n) -> warnings.add(warning(sample, key, n, sustainedFor(key, sample))));
    return warnings;
  }

  /** How long the pile has been at or above the threshold, within the window. */
  private Duration sustainedFor(Key key, Sample sample) {
    List<SlidingWindow.Entry<Map<Key, Integer>>> entries = piles.window().entries();
    var since = sample.at();
    for (int i = entries.size() - 1; i >= 0 && entries.get(i).value().containsKey(key); i--) {
      since = entries.get(i).at();
    }
    return Duration.between(since, sample.at());
  }

  private Warning warning(Sample sample, Key key, int count, Duration sustained) {
    int oldest = count;
    List<SlidingWindow.Entry<Map<Key, Integer>>> entries = piles.window().entries();
    for (var entry : entries) {
      Integer n = entry.value().get(key);
      if (n != null) {
        oldest = n;
        break;
      }
    }
    String owner = sample.describePid(key.pid());
    String where = key.peer().inbound() ? "from clients of " + key.peer() : "to " + key.peer();
    String message =
        count
            + " sockets in CLOSE_WAIT "
            + where
            + " held by "
            + owner
            + " for at least "
            + Format.duration(sustained)
            + (oldest != count ? " (" + oldest + " at the start of the window)" : "")
            + ": the peer closed these connections and the process never closed its end.";
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("state", "CLOSE_WAIT");
    evidence.put("count", count);
    evidence.put("peer", key.peer().toString());
    evidence.put("direction", key.peer().inbound() ? "inbound" : "outbound");
    evidence.put("pid", key.pid() > 0 ? key.pid() : null);
    evidence.put(
        "process",
        key.pid() > 0 && sample.processes().containsKey(key.pid())
            ? sample.processes().get(key.pid()).name()
            : null);
    evidence.put("sustainedSeconds", sustained.getSeconds());
    evidence.put("countAtWindowStart", oldest);
    String fix =
        key.peer().inbound()
            ? "The server never closes connections its clients closed: close the socket when a read returns"
                + " end-of-stream, and set idle/read timeouts on the server so abandoned connections are reaped."
            : "The process leaks connections: always close or fully consume HTTP response bodies (also on"
                + " error and timeout paths), return connections to the pool, and set idle/socket timeouts on the"
                + " client pool so half-closed connections are evicted instead of piling up until fds or memory run out.";
    Warning.Severity severity =
        count >= threshold * 10 ? Warning.Severity.CRITICAL : Warning.Severity.WARNING;
    return new Warning(ID, "pid " + key.pid() + " " + key.peer(), severity, message, evidence, fix);
  }
}
