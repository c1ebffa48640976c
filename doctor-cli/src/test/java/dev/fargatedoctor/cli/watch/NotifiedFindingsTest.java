package dev.fargatedoctor.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NotifiedFindingsTest {
  private static FindingState finding(String fingerprint, String severity, String status) {
    return new FindingState(
        "ROUTE-CROSS-AZ-NAT",
        severity,
        status,
        "111122223333",
        "us-east-1",
        "subnet",
        "subnet-" + fingerprint,
        "routes to a NAT gateway in another AZ",
        fingerprint);
  }

  @Test
  void aNewProblemIsToldAndARepeatIsNot() {
    var first = NotifiedFindings.decide(List.of(), List.of(finding("a", "HIGH", "FAIL")));
    assertThat(first.events()).extracting(FindingEvent::change).containsExactly("appeared");
    assertThat(first.events().get(0).statusAfter()).isEqualTo("FAIL");

    var again = NotifiedFindings.decide(first.notified(), List.of(finding("a", "HIGH", "FAIL")));
    assertThat(again.events()).isEmpty();
    assertThat(again.notified()).hasSize(1);
  }

  @Test
  void worseningOrTurningUnknownIsNotClearingSoNothingIsTold() {
    var told = NotifiedFindings.decide(List.of(), List.of(finding("a", "MEDIUM", "WARN")));
    var worse = NotifiedFindings.decide(told.notified(), List.of(finding("a", "HIGH", "FAIL")));
    assertThat(worse.events()).isEmpty();
    var unknown =
        NotifiedFindings.decide(worse.notified(), List.of(finding("a", "HIGH", "UNKNOWN")));
    assertThat(unknown.events()).isEmpty();
    assertThat(unknown.notified()).hasSize(1);
  }

  @Test
  void aClearedFindingIsToldClearedAndToldAgainWhenItReturns() {
    var told = NotifiedFindings.decide(List.of(), List.of(finding("a", "HIGH", "FAIL")));
    var cleared = NotifiedFindings.decide(told.notified(), List.of());
    assertThat(cleared.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.change()).isEqualTo("cleared");
              assertThat(e.statusBefore()).isEqualTo("FAIL");
              assertThat(e.statusAfter()).isNull();
            });
    assertThat(cleared.notified()).isEmpty();
    var back = NotifiedFindings.decide(cleared.notified(), List.of(finding("a", "HIGH", "FAIL")));
    assertThat(back.events()).extracting(FindingEvent::change).containsExactly("appeared");
  }

  @Test
  void unknownFindingsAreNotToldAndAppearedComeWorstFirstBeforeCleared() {
    var told = NotifiedFindings.decide(List.of(), List.of(finding("z", "LOW", "FAIL")));
    var next =
        NotifiedFindings.decide(
            told.notified(),
            List.of(
                finding("b", "LOW", "WARN"),
                finding("c", "CRITICAL", "FAIL"),
                finding("d", "HIGH", "UNKNOWN")));
    assertThat(next.events())
        .extracting(e -> e.change() + " " + e.severity())
        .containsExactly("appeared CRITICAL", "appeared LOW", "cleared LOW");
  }
}
