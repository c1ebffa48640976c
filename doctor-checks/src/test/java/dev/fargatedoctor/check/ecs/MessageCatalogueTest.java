package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.ecs.MessageCatalogue.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalogue against the messages it was built from: every message AWS documents and every
 * real-world example maps to its entry, and the share recognised is measured and printed.
 */
class MessageCatalogueTest {
  private static final MessageCatalogue CATALOGUE = MessageCatalogue.get();
  private static final Set<String> FIELDS =
      Set.of("stoppedReason", "containerReason", "event", "rolloutStateReason", "log");

  /** The id a message reads as, the way a check would meet it. */
  static String readAs(MessageSample s) {
    MessageEntry owner =
        CATALOGUE.entries().stream()
            .filter(
                e ->
                    e.documented().contains(s) || e.examples().contains(s) || e.forms().contains(s))
            .findFirst()
            .orElseThrow();
    return CatalogueMeasure.readAs(CATALOGUE, owner, s);
  }

  record Case(MessageEntry entry, MessageSample sample) {
    boolean recognised() {
      return readAs(sample).equals(entry.id());
    }

    @Override
    public String toString() {
      return entry.id() + ": " + abbreviate(sample.message());
    }
  }

  static List<Case> cases(java.util.function.Function<MessageEntry, List<MessageSample>> which) {
    List<Case> out = new ArrayList<>();
    for (MessageEntry e : CATALOGUE.entries())
      for (MessageSample s : which.apply(e)) out.add(new Case(e, s));
    return out;
  }

  static Stream<DynamicTest> tests(List<Case> cases) {
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.entry().id() + ": " + abbreviate(c.sample().message()),
                    () -> {
                      if (c.sample().miss() == null) {
                        assertThat(readAs(c.sample()))
                            .as(c.sample().source())
                            .isEqualTo(c.entry().id());
                      } else {
                        // A known miss stays a miss until the catalogue learns it: then drop
                        // `miss`.
                        assertThat(readAs(c.sample()))
                            .as(c.sample().source())
                            .isNotEqualTo(c.entry().id());
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentedMessageMapsToItsDocumentedCause() {
    return tests(cases(MessageEntry::documented));
  }

  @TestFactory
  Stream<DynamicTest> everyRealWorldExampleMapsToItsConfirmedCause() {
    return tests(cases(MessageEntry::examples));
  }

  @TestFactory
  Stream<DynamicTest> everyFurtherFormMapsToItsCause() {
    return tests(cases(MessageEntry::forms));
  }

  @Test
  void recognisesAllDocumentedMessagesAndAtLeast95PercentOfTheRealWorld() {
    CatalogueMeasure m = CatalogueMeasure.of(CATALOGUE);
    System.out.println(m.sentence());
    assertThat(m.real()).as("real-world examples").isGreaterThanOrEqualTo(60);
    assertThat(m.documentedRecognised())
        .as("documented messages recognised")
        .isEqualTo(m.documented());
    assertThat(m.realRecognised() * 100.0 / m.real())
        .as("share of real-world examples recognised")
        .isGreaterThanOrEqualTo(95.0);
  }

  @Test
  void everyEntryWithPatternsIsReachedByAMessageOfItsOwn() {
    for (MessageEntry e : CATALOGUE.entries()) {
      if (e.patterns().isEmpty()) continue;
      List<MessageSample> all = new ArrayList<>(e.documented());
      all.addAll(e.examples());
      all.addAll(e.forms());
      assertThat(all.stream().anyMatch(s -> s.miss() == null && readAs(s).equals(e.id())))
          .as(e.id() + " is reached by one of its messages")
          .isTrue();
    }
  }

  @Test
  void everyExampleNamesItsPublicSourceItsCauseAndWhereItWasSeen() {
    for (Case c : cases(MessageEntry::examples)) {
      MessageSample s = c.sample();
      assertThat(s.source()).as(s.message()).startsWith("https://");
      assertThat(s.cause()).as(s.source()).isNotBlank();
      assertThat(s.field()).as(s.source()).isIn(FIELDS);
    }
    for (Case c : cases(MessageEntry::documented)) {
      assertThat(c.sample().source())
          .as(c.sample().message())
          .matches("https://(docs\\.aws\\.amazon\\.com|repost\\.aws)/.*");
    }
    for (MessageCatalogue.Unclassified u : CATALOGUE.unclassified()) {
      assertThat(u.source()).startsWith("https://");
      assertThat(u.why()).isNotBlank();
    }
  }

  @Test
  void everyCauseHasItsWordsItsDocumentationAndAFixUnlessRoutine() {
    for (MessageEntry e : CATALOGUE.entries()) {
      Cause c = e.cause();
      assertThat(c.description()).as(e.id()).isNotBlank();
      assertThat(c.docs()).as(e.id()).startsWith("https://");
      if (!c.isNormal()) assertThat(c.fix()).as(e.id()).isNotBlank();
    }
  }

  /** Every id a fix may name; FixValues fills them from the snapshot or the message. */
  static final Map<String, String> ALL_VALUES =
      Map.ofEntries(
          Map.entry("region", "us-east-1"),
          Map.entry("cluster", "production"),
          Map.entry("service", "api"),
          Map.entry("task", "arn:aws:ecs:us-east-1:123456789012:task/production/0a1b"),
          Map.entry("taskDefinition", "arn:aws:ecs:us-east-1:123456789012:task-definition/api:7"),
          Map.entry("container", "api"),
          Map.entry("image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.5.0"),
          Map.entry("repositoryName", "api"),
          Map.entry("imageRegion", "us-east-1"),
          Map.entry("subnets", "subnet-0a1b2c3d,subnet-4e5f6a7b"),
          Map.entry("vpc", "vpc-0a1b2c3d"),
          Map.entry(
              "targetGroupArn",
              "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/6d0ecf831eec9f09"),
          Map.entry("executionRoleName", "api-execution"),
          Map.entry("logGroup", "/ecs/api"),
          Map.entry("logRegion", "us-east-1"),
          Map.entry("secretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"),
          Map.entry("secretRegion", "us-east-1"),
          Map.entry("jsonKey", "password"),
          Map.entry("fileSystemId", "fs-0a1b2c3d"));

  @Test
  void everyFixFillsFromRealIdsAndFallsBackToWordsWithoutThem() {
    for (MessageEntry e : CATALOGUE.entries()) {
      Cause c = e.cause();
      for (String text :
          List.of(FixTemplate.text(c.fix(), Map.of()), FixTemplate.text(c.fix(), ALL_VALUES))) {
        assertThat(text).as(e.id()).doesNotContainPattern("\\{[A-Za-z]+(\\|[^}]*)?}");
      }
      List<String> commands = FixTemplate.commands(c.commands(), ALL_VALUES);
      assertThat(commands).as(e.id() + ": every command is filled").hasSameSizeAs(c.commands());
      for (String command : commands) {
        assertThat(command)
            .as(e.id())
            .startsWith("aws ")
            .doesNotContainPattern("\\{[A-Za-z][A-Za-z0-9]*(\\|[^{}]*)?}")
            .doesNotContainPattern("<[A-Za-z_ -]+>");
      }
      assertThat(FixTemplate.commands(c.commands(), Map.of()))
          .as(e.id() + ": a command whose ids are unknown is left out")
          .allSatisfy(
              cmd -> assertThat(cmd).doesNotContainPattern("\\{[A-Za-z][A-Za-z0-9]*(\\|[^{}]*)?}"));
    }
  }

  @Test
  void anUnknownEventWithFailureWordsIsUnrecognisedAndOneWithoutIsRoutine() {
    assertThat(
            ServiceEventCatalogue.classify("(service api) failed to frobnicate the widget.").id())
        .isEqualTo(Cause.UNRECOGNIZED);
    assertThat(ServiceEventCatalogue.classify("(service api) has tagged 2 tasks.").id())
        .isEqualTo(Cause.ROUTINE);
    assertThat(StopReasonCatalogue.classify("something new happened")).isEmpty();
  }

  @Test
  void anUnknownMessageStillNamesItsDocumentedFamily() {
    MessageReading r =
        CATALOGUE.unrecognized(
            "CannotStartContainerError: something the runtime never said before");
    assertThat(r.family()).map(ErrorFamily::prefix).contains("CannotStartContainerError");
    assertThat(r.family())
        .map(ErrorFamily::docs)
        .contains(
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cannot-start-container.html");
  }

  @Test
  void aSecretInAnotherRegionOrAccountIsReadAsSuchOnlyWhenTheTaskIsElsewhere() {
    String message =
        "ResourceInitializationError: unable to pull secrets or registry auth: execution resource "
            + "retrieval failed: unable to retrieve secret from asm: service call has been retried 1 "
            + "time(s): failed to fetch secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:db "
            + "from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.";
    assertThat(CATALOGUE.readTaskMessage(message, new Scope("us-east-1", "123456789012")))
        .map(r -> r.cause().id())
        .contains("secret-in-other-account-or-region");
    assertThat(CATALOGUE.readTaskMessage(message, new Scope("eu-west-1", "123456789012")))
        .map(r -> r.cause().id())
        .contains("secret-not-found");
  }

  @Test
  void theGeneratedMessagesDocIsCurrent() {
    dev.fargatedoctor.snapshot.testing.Golden.matches(
        java.nio.file.Path.of("..", "docs", "messages.md"), MessagesMarkdown.render());
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 90 ? one : one.substring(0, 87) + "...";
  }
}
