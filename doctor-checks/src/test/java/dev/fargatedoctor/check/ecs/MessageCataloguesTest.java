package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogues against ECS's own wording: every line of messages/*.tsv is a real message form and
 * the cause it must map to, and every form of each catalogue is reached by at least one of them.
 */
class MessageCataloguesTest {

  static List<String[]> rows(String file) {
    try (InputStream in = MessageCataloguesTest.class.getResourceAsStream("/messages/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t", 2))
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Stream<Arguments> stopReasons() {
    return rows("stop-reasons.tsv").stream().map(r -> Arguments.of(Cause.valueOf(r[0]), r[1]));
  }

  static Stream<Arguments> serviceEvents() {
    return rows("service-events.tsv").stream().map(r -> Arguments.of(Cause.valueOf(r[0]), r[1]));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("stopReasons")
  void aStoppedReasonMapsToItsCause(Cause expected, String message) {
    assertThat(StopReasonCatalogue.classify(message)).contains(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("serviceEvents")
  void aServiceEventMapsToItsCause(Cause expected, String message) {
    assertThat(ServiceEventCatalogue.classify(message)).isEqualTo(expected);
  }

  @Test
  void everyStopReasonFormIsReachedByARealMessage() {
    List<MessageForm> reached =
        rows("stop-reasons.tsv").stream()
            .map(r -> StopReasonCatalogue.form(r[1]).orElseThrow())
            .toList();
    assertThat(reached).containsAll(StopReasonCatalogue.FORMS);
  }

  @Test
  void everyServiceEventFormIsReachedByARealMessage() {
    List<MessageForm> reached =
        rows("service-events.tsv").stream()
            .flatMap(r -> MessageForm.first(ServiceEventCatalogue.FORMS, r[1]).stream())
            .toList();
    assertThat(reached).containsAll(ServiceEventCatalogue.FORMS);
  }

  @Test
  void anUnknownMessageWithFailureWordsIsUnrecognisedAndOneWithoutIsRoutine() {
    assertThat(ServiceEventCatalogue.classify("(service api) failed to frobnicate the widget."))
        .isEqualTo(Cause.UNRECOGNIZED);
    assertThat(ServiceEventCatalogue.classify("(service api) has tagged 2 tasks."))
        .isEqualTo(Cause.HEALTHY);
    assertThat(StopReasonCatalogue.classify("something new happened")).isEmpty();
  }
}
