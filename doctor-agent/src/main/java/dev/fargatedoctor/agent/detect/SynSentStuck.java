package dev.fargatedoctor.agent.detect;

import dev.fargatedoctor.agent.proc.Endpoint;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Connects that hang: the same connection (local and remote endpoint) still in SYN_SENT at least
 * {@code synSentMinAge} after it was first seen means SYNs go unanswered - a security group, NACL,
 * route or a dead target - and the application waits for its connect timeout (often 30 s or more).
 */
final class SynSentStuck implements Detector {

  static final String ID = "syn-sent-stuck";
  private static final int MAX_TRACKED = 50_000;

  private record Tuple(Endpoint local, Endpoint remote) {}

  private final int threshold;
  private final Duration minAge;
  private Map<Tuple, Instant> firstSeen = new HashMap<>();

  SynSentStuck(DetectorSettings settings) {
    this.threshold = settings.synSent();
    this.minAge = settings.synSentMinAge();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Warning> observe(Sample sample) {
    Map<Tuple, Instant> seen = new HashMap<>();
    Map<Endpoint, List<TcpConnection>> stuck = new LinkedHashMap<>();
    Map<Endpoint, Duration> oldest = new HashMap<>();
    for (TcpConnection c : sample.connections()) {
      if (c.state() != TcpState.SYN_SENT || seen.size() >= MAX_TRACKED) {
        continue;
      }
      Tuple tuple = new Tuple(c.local(), c.remote());
      Instant first = firstSeen.getOrDefault(tuple, sample.at());
      seen.put(tuple, first);
      Duration age = Duration.between(first, sample.at());
      if (age.compareTo(minAge) >= 0) {
        stuck.computeIfAbsent(c.remote(), k -> new ArrayList<>()).add(c);
        oldest.merge(c.remote(), age, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    firstSeen = seen; // connections that completed or gave up are forgotten
    List<Warning> warnings = new ArrayList<>();
    for (Map.Entry<Endpoint, List<TcpConnection>> e : stuck.entrySet()) {
      if (e.getValue().size() >= threshold) {
        warnings.add(warning(sample, e.getKey(), e.getValue(), oldest.get(e.getKey())));
      }
    }
    return warnings;
  }

  private Warning warning(
      Sample sample, Endpoint remote, List<TcpConnection> connections, Duration age) {
    TreeSet<Integer> pids = new TreeSet<>();
    for (TcpConnection c : connections) {
      int pid = sample.ownerOf(c);
      if (pid > 0) {
        pids.add(pid);
      }
    }
    List<String> owners = new ArrayList<>();
    for (int pid : pids) {
      owners.add(sample.describePid(pid));
    }
    String message =
        connections.size()
            + (connections.size() == 1 ? " connection" : " connections")
            + " to "
            + remote
            + " stuck in SYN_SENT for at least "
            + Format.duration(age)
            + (owners.isEmpty() ? "" : " (" + String.join(", ", owners) + ")")
            + ": nothing answers the SYN, so each request hangs until its connect timeout.";
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("state", "SYN_SENT");
    evidence.put("count", connections.size());
    evidence.put("remote", remote.toString());
    evidence.put("oldestSeconds", age.getSeconds());
    evidence.put("pids", new ArrayList<>(pids));
    String fix =
        "Check that "
            + remote
            + " is reachable from this task: security group egress here and"
            + " ingress on the target, NACLs, route tables/NAT gateway or VPC endpoint for AWS services, and that"
            + " the target is up and listening. Set an explicit connect timeout of a few seconds (shorter than the"
            + " request timeout) so a black-holed destination fails fast instead of hanging requests.";
    return new Warning(ID, remote.toString(), Warning.Severity.WARNING, message, evidence, fix);
  }
}
