package dev.fargatedoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Facts are for scripts: every finding of every fixture has them, typed and camelCase. */
class FactsTest {

  static Stream<String> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(FactsTest.class.getResource("/fixtures").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyFindingOfEveryCheckHasTypedCamelCaseFacts(String fixture) {
    List<Finding> findings =
        new CheckEngine(CheckRegistry.all(), CheckRunner.CLOCK, Thresholds.DEFAULTS)
            .run(Fixtures.snapshot(fixture))
            .findings();
    List<String> problems = new ArrayList<>();
    for (Finding f : findings) {
      problems.addAll(FindingFacts.problems(f));
      if (f.status() != Status.PASS && f.facts().isEmpty()) {
        problems.add(
            f.checkId() + " " + f.resource().id() + ": a " + f.status() + " without facts");
      }
    }
    assertThat(problems).isEmpty();
    assertThat(FindingFacts.duplicateFingerprints(findings)).isEmpty();
  }

  @Test
  void oneTypedValueGivesTheEvidenceLineAndTheFact() {
    Finding f =
        builder()
            .fail("x")
            .evidence("utilisation", Quantity.percent(92.284))
            .evidence("in progress for", Duration.ofMinutes(192))
            .evidence("free IPs", 7)
            .evidence("last stop", Instant.parse("2026-11-26T11:55:00.400Z"))
            .evidence("circuit breaker", Fact.flag(false, "enabled", "disabled"))
            .evidence("quota", Fact.noted(5000.0, "Network interfaces per Region, applied"))
            .evidence("NAT gateway in the subnet's AZ", "sameAzNatGateway", "nat-0a")
            .build();
    assertThat(f.evidence())
        .containsEntry("utilisation", "92.3 %")
        .containsEntry("in progress for", "3 h 12 min")
        .containsEntry("free IPs", 7)
        .containsEntry("last stop", "2026-11-26T11:55:00Z")
        .containsEntry("circuit breaker", "disabled")
        .containsEntry("quota", "5000 (Network interfaces per Region, applied)")
        .containsEntry("NAT gateway in the subnet's AZ", "nat-0a");
    assertThat(f.facts())
        .containsEntry("utilisationPercent", new java.math.BigDecimal("92.284"))
        .containsEntry("inProgressForSeconds", 11520L)
        .containsEntry("freeIps", 7)
        .containsEntry("lastStop", "2026-11-26T11:55:00Z")
        .containsEntry("circuitBreaker", false)
        .containsEntry("quota", 5000L)
        .containsEntry("sameAzNatGateway", "nat-0a");
  }

  @Test
  void linesUnderTheirOwnLabelsJoinOneListFact() {
    Finding f =
        builder()
            .fail("x")
            .evidenceEach(
                "route 0.0.0.0/0 -> nat-1",
                "routes",
                Fact.line("nat-1 is deleted", Map.of("destination", "0.0.0.0/0")))
            .evidenceEach(
                "route ::/0 -> nat-2",
                "routes",
                Fact.line("nat-2 is failed", Map.of("destination", "::/0")))
            .build();
    assertThat(f.evidence()).containsEntry("route ::/0 -> nat-2", "nat-2 is failed");
    assertThat(f.facts())
        .isEqualTo(
            Map.of(
                "routes",
                List.of(Map.of("destination", "0.0.0.0/0"), Map.of("destination", "::/0"))));
  }

  @Test
  void labelsBecomeCamelCaseKeysWithAcronymsAsWords() {
    assertThat(FactKeys.fromLabel("free IPs left at the peak")).isEqualTo("freeIpsLeftAtThePeak");
    assertThat(FactKeys.fromLabel("NAT gateway AZ")).isEqualTo("natGatewayAz");
    assertThat(FactKeys.fromLabel("vCPU in use")).isEqualTo("vcpuInUse");
    assertThat(FactKeys.fromLabel("maximumPercent")).isEqualTo("maximumPercent");
    assertThat(FactKeys.fromLabel("first / last")).isEqualTo("firstLast");
    assertThat(FactKeys.isValid("freeIPs")).isFalse();
    assertThat(FactKeys.isValid("p99Seconds")).isTrue();
  }

  @Test
  void theFingerprintIgnoresWhatChangesAndKeepsWhatIdentifies() {
    Finding a = builder().fail("92 %").evidence("x", 1).build();
    Finding b = builder().warn("81 %").severity(Severity.MEDIUM).build();
    Finding other = builder().fail("92 %").aspect("another cause").build();
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(32).matches("[0-9a-f]+");
    assertThat(other.fingerprint()).isNotEqualTo(a.fingerprint());
  }

  private static FindingBuilder builder() {
    CheckInfo info = CheckRegistry.byId("ENI-QUOTA").orElseThrow().info();
    return new FindingBuilder(
        info, "111122223333", "us-east-1", Resource.of("region", "us-east-1"));
  }
}
