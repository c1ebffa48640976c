package dev.fargatedoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Remediation;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTest {
  private static Finding finding(String check, Severity severity, Status status, String resource) {
    return new Finding(
        check,
        severity,
        status,
        Law.WONT_START,
        "123456789012",
        "us-east-1",
        Resource.of("subnet", resource),
        null,
        "t",
        Map.of(),
        Map.of(),
        Remediation.NONE);
  }

  private static Score score(Finding... findings) {
    return Score.of(new Diagnosis(null, List.of(), List.of(findings), List.of()));
  }

  @Test
  void nothingButPassesScoresOneHundred() {
    Score s = score(finding("A", Severity.INFO, Status.PASS, "x"));
    assertThat(s.value()).isEqualTo(100);
    assertThat(s.grade()).isEqualTo("A");
  }

  @Test
  void aCriticalFailureCostsThirtyPercentAndAHighOneFifteen() {
    assertThat(score(finding("A", Severity.CRITICAL, Status.FAIL, "x")).value()).isEqualTo(70);
    assertThat(score(finding("A", Severity.HIGH, Status.FAIL, "x")).value()).isEqualTo(85);
    assertThat(score(finding("A", Severity.MEDIUM, Status.WARN, "x")).value()).isEqualTo(97);
  }

  @Test
  void checksMultiplySoTwoBadAccountsStillCompare() {
    Score s =
        score(
            finding("A", Severity.CRITICAL, Status.FAIL, "x"),
            finding("B", Severity.CRITICAL, Status.FAIL, "y"));
    assertThat(s.value()).isEqualTo(49); // 100 x 0.7 x 0.7
    assertThat(s.grade()).isEqualTo("F");
  }

  @Test
  void furtherResourcesAddAPointEachUpToFive() {
    assertThat(
            score(
                    finding("A", Severity.HIGH, Status.FAIL, "1"),
                    finding("A", Severity.HIGH, Status.FAIL, "2"),
                    finding("A", Severity.LOW, Status.FAIL, "3"))
                .value())
        .isEqualTo(83);
    Finding[] many = new Finding[20];
    for (int i = 0; i < many.length; i++)
      many[i] = finding("A", Severity.HIGH, Status.FAIL, "r" + i);
    assertThat(score(many).value()).isEqualTo(80);
  }

  @Test
  void whatCouldNotBeReadIsNotHealthy() {
    assertThat(score(finding("A", Severity.CRITICAL, Status.UNKNOWN, "region")).value())
        .isEqualTo(97);
  }

  @Test
  void excludedFindingsCostNothing() {
    Finding f = finding("A", Severity.CRITICAL, Status.FAIL, "x");
    Diagnosis d =
        new Diagnosis(
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of(
                new Configuration.Excluded(
                    f, new Configuration.Exclusion(f.checkId(), null, "ok"))),
            Configuration.DEFAULTS);
    assertThat(Score.of(d).value()).isEqualTo(100);
  }

  @Test
  void gradesFollowTheBands() {
    assertThat(List.of(100, 90, 89, 80, 79, 70, 69, 60, 59, 0).stream().map(Score::grade).toList())
        .containsExactly("A", "A", "B", "B", "C", "C", "D", "D", "F", "F");
  }
}
