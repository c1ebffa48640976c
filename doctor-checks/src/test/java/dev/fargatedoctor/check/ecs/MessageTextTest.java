package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Messages as people paste them: wrapped, quoted as JSON, with curly quotes, cut short. */
class MessageTextTest {
  @Test
  void aWordSplitByAFixedWidthWrapIsJoinedAgain() {
    MessageText t = MessageText.of("unable to pull secrets or reg\n        istry auth: x");
    assertThat(t.readings()).contains("unable to pull secrets or registry auth: x");
  }

  @Test
  void aSentenceWrappedAtASpaceKeepsItsSpace() {
    MessageText t = MessageText.of("was unable to place a task.\nReason: Capacity is unavailable");
    assertThat(t.spaced()).isEqualTo("was unable to place a task. Reason: Capacity is unavailable");
  }

  @Test
  void jsonEscapesAndTypographicQuotesAreUndone() {
    MessageText t =
        MessageText.of("exec: \\\"python\\\": executable file not found and \u201cquoted\u201d");
    assertThat(t.spaced()).isEqualTo("exec: \"python\": executable file not found and \"quoted\"");
  }

  @Test
  void anEllipsisOrTheAgentsLengthLimitMarksAMessageAsCutShort() {
    assertThat(MessageText.of("request context canceled caused by: context deadli...").truncated())
        .isTrue();
    assertThat(MessageText.of("x".repeat(MessageText.AGENT_REASON_LIMIT)).truncated()).isTrue();
    assertThat(MessageText.of("Essential container in task exited").truncated()).isFalse();
  }

  @Test
  void aTruncatedNetworkFailureIsStillReadAsOne() {
    assertThat(
            StopReasonCatalogue.classify(
                "ResourceInitializationError: unable to pull secrets or registry auth: execution "
                    + "resource retrieval failed: unable to retrieve secrets from ssm: service call has "
                    + "been retried 5 time(s): RequestCanceled: request context canceled caused by: "
                    + "context deadli..."))
        .map(Cause::id)
        .contains("task-network-path");
  }
}
