package dev.fargatedoctor.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.detect.MemorySeries;
import dev.fargatedoctor.agent.detect.Sample;
import dev.fargatedoctor.agent.proc.CgroupMemory;
import dev.fargatedoctor.agent.proc.Endpoint;
import dev.fargatedoctor.agent.proc.InodeOwners;
import dev.fargatedoctor.agent.proc.ProcessInfo;
import dev.fargatedoctor.agent.proc.SocketOwners;
import dev.fargatedoctor.agent.proc.TcpConnection;
import dev.fargatedoctor.agent.proc.TcpState;
import dev.fargatedoctor.testkit.PrometheusConventions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics follows Prometheus's naming and exposition conventions, checked line by line. */
class PrometheusTextTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (-?[0-9]+(\\.[0-9]+)?)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

  /** Units that are not base units, and spellings of "percent". */
  private static final Pattern NOT_BASE_UNIT =
      Pattern.compile(
          ".*_(percent|percentage|pct|ms|millis|milliseconds|us|ns|minutes|hours|kb|kib|mb|mib|gb|gib)(_|$).*");

  private static final BoundedHttpServer.Stats HTTP =
      new BoundedHttpServer.Stats(3, 64, 7535, 1062, 2, 1, 7471, 0, 4);

  /** One metric family as read back: its type, help and series. */
  private record Family(String type, String help, List<String> series, List<Double> values) {}

  private static Map<String, Family> parse(String text) {
    Map<String, Family> families = new LinkedHashMap<>();
    String help = null;
    String helpName = null;
    String current = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        assertThat(families).as("one HELP per name: " + line).doesNotContainKey(m.group(1));
        helpName = m.group(1);
        help = m.group(2);
      } else if ((m = TYPE.matcher(line)).matches()) {
        assertThat(m.group(1)).as("TYPE right after its HELP").isEqualTo(helpName);
        current = m.group(1);
        families.put(current, new Family(m.group(2), help, new ArrayList<>(), new ArrayList<>()));
      } else {
        m = SAMPLE.matcher(line);
        assertThat(m.matches()).as("a sample line: " + line).isTrue();
        assertThat(m.group(1)).as("samples follow their family's TYPE: " + line).isEqualTo(current);
        String labels = m.group(3) == null ? "" : m.group(3);
        Matcher l = LABEL.matcher(labels);
        int end = 0;
        while (l.find() && l.start() == end) {
          end = l.end();
        }
        assertThat(end).as("well-formed labels: " + line).isEqualTo(labels.length());
        Family f = families.get(current);
        assertThat(f.series()).as("no duplicate series").doesNotContain(labels);
        f.series().add(labels);
        f.values().add(Double.parseDouble(m.group(4)));
      }
    }
    return families;
  }

  @Test
  void everyMetricHasHelpAndTypeOneNameAndBaseUnitsAndTotalOnlyOnCounters() {
    String text =
        PrometheusText.render(AgentHttpServerTest.state(AgentState.Mode.SIDECAR, NOW), NOW, HTTP);
    // The conventions watch's exposition is held to as well (doctor-testkit).
    PrometheusConventions.check(text, "fargate_doctor_");
    Map<String, Family> families = parse(text);
    assertThat(families).isNotEmpty();
    families.forEach(
        (name, f) -> {
          assertThat(name).as(name).matches("fargate_doctor_[a-z0-9_]+").doesNotContain("__");
          assertThat(f.help()).as(name).isNotBlank();
          assertThat(name.endsWith("_total"))
              .as(name + " is " + f.type())
              .isEqualTo(f.type().equals("counter"));
          assertThat(name).as(name).doesNotMatch(NOT_BASE_UNIT);
          if (name.endsWith("_ratio")) {
            assertThat(f.values()).as(name).allMatch(v -> v >= 0 && v <= 1);
          }
          if (name.endsWith("_seconds") || name.endsWith("_bytes") || f.type().equals("counter")) {
            assertThat(f.values()).as(name).allMatch(v -> v >= 0);
          }
        });
    assertThat(families)
        .containsKeys(
            "fargate_doctor_tcp_connections",
            "fargate_doctor_tcp_outbound_connections",
            "fargate_doctor_tcp_inbound_connections",
            "fargate_doctor_process_max_fds",
            "fargate_doctor_memory_working_set_bytes",
            "fargate_doctor_agent_http_dropped_connections_total");
    // One name per meaning: a name is never another's name plus a suffix of the same family.
    Set<String> names = new HashSet<>(families.keySet());
    for (String name : names) {
      assertThat(names).doesNotContain(name + "_total", name + "_count", name + "_sum");
    }
  }

  @Test
  void aClientsEphemeralPortNeverBecomesALabelEvenWhenTheListenerIsGone() {
    List<TcpConnection> connections = new ArrayList<>();
    // An app on 8080 closed its listener; its clients are still connected (and piling up).
    for (int i = 0; i < 30; i++) {
      connections.add(
          new TcpConnection(
              Endpoint.of("10.0.1.5", 8080),
              Endpoint.of("10.0.0." + (100 + i % 3), 40000 + 733 * i),
              i % 2 == 0 ? TcpState.CLOSE_WAIT : TcpState.ESTABLISHED,
              0,
              1000 + i));
    }
    // An outbound call to a gRPC service on a high port: both ports may fall in the range.
    connections.add(
        new TcpConnection(
            Endpoint.of("10.0.1.5", 45001),
            Endpoint.of("10.0.7.7", 50051),
            TcpState.ESTABLISHED,
            0,
            2000));
    Sample sample = Sample.builder(NOW).connections(connections).took(Duration.ZERO).build();
    String text =
        PrometheusText.render(
            new AgentState(AgentState.Mode.SIDECAR, NOW, sample, List.of(), List.of()), NOW, HTTP);

    Map<String, Family> families = parse(text);
    assertThat(families.get("fargate_doctor_tcp_inbound_connections").series())
        .containsExactlyInAnyOrder(
            "local_port=\"8080\",state=\"ESTABLISHED\"",
            "local_port=\"8080\",state=\"CLOSE_WAIT\"");
    assertThat(families.get("fargate_doctor_tcp_outbound_connections").series())
        .containsExactly("remote_address=\"10.0.7.7\",remote_port=\"50051\",state=\"ESTABLISHED\"");
    for (int i = 0; i < 30; i++) {
      assertThat(text).doesNotContain(Integer.toString(40000 + 733 * i));
    }
  }

  @Test
  void labelValuesNeverCarryControlCharactersAndHoldOnlyShortProcessNames() {
    Map<Integer, ProcessInfo> processes = new HashMap<>();
    processes.put(
        9,
        new ProcessInfo(9, "evil\u001b]0;x\u0007", "evil --token=<redacted>", 1L << 20, 1024, 1));
    InodeOwners owners = new InodeOwners();
    Sample sample =
        Sample.builder(NOW)
            .processes(processes)
            .owners(owners)
            .fds(Map.of(9, new SocketOwners.FdCount(5, 1)))
            .memory(List.of(new MemorySeries("cgroup", 5L << 20, 64L << 20)))
            .cgroup(new CgroupMemory.Reading(2, 6L << 20, 64L << 20, 1L << 20, 3, Map.of()))
            .took(Duration.ofMillis(30))
            .build();
    String text =
        PrometheusText.render(
            new AgentState(AgentState.Mode.SIDECAR, NOW, sample, List.of(), List.of()), NOW, HTTP);
    parse(text);
    assertThat(text)
        .doesNotContain("\u001b", "\u0007", "--token")
        .contains("process=\"evil\ufffd]0;x\ufffd\"")
        .contains("fargate_doctor_cgroup_oom_kills_total 3\n")
        .contains("fargate_doctor_agent_last_sample_duration_seconds 0.030000\n");
  }
}
