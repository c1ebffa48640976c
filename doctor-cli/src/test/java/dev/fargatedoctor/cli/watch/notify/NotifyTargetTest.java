package dev.fargatedoctor.cli.watch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.cli.watch.FindingEvent;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifyTargetTest {
  private static final String SECRET = "/services/T0/B0/xoxSecret";

  @Test
  void theHostTellsSlackFromTeamsAndAPrefixSaysItOutright() {
    assertThat(NotifyTarget.parse("webhook:https://hooks.slack.com" + SECRET).flavor())
        .isEqualTo(WebhookNotifier.Flavor.SLACK);
    assertThat(
            NotifyTarget.parse(
                    "webhook:https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=xyz")
                .flavor())
        .isEqualTo(WebhookNotifier.Flavor.TEAMS);
    assertThat(
            NotifyTarget.parse("webhook:https://contoso.webhook.office.com/webhookb2/x").flavor())
        .isEqualTo(WebhookNotifier.Flavor.TEAMS);
    assertThat(
            NotifyTarget.parse("webhook:https://default1.environment.api.powerplatform.com/p")
                .flavor())
        .isEqualTo(WebhookNotifier.Flavor.TEAMS);
    assertThat(NotifyTarget.parse("webhook:teams:https://relay.example.com/hook").flavor())
        .isEqualTo(WebhookNotifier.Flavor.TEAMS);
    assertThat(
            NotifyTarget.parse("webhook:slack:https://evilwebhook.office.com.example/x").flavor())
        .isEqualTo(WebhookNotifier.Flavor.SLACK);
    assertThat(NotifyTarget.parse("webhook:https://chat.example.com/hooks/abc").flavor())
        .isEqualTo(WebhookNotifier.Flavor.SLACK);
  }

  @Test
  void logsShowTheHostNeverThePathOrQuery() {
    NotifyTarget t =
        NotifyTarget.parse(
            "webhook:https://prod-1.logic.azure.com:443/workflows/abc/invoke?sig=s3cr3t");
    Notifier n = t.notifier(() -> null);
    assertThat(n.describe()).isEqualTo("webhook teams https://prod-1.logic.azure.com:443/…");
    assertThat(t.toString()).doesNotContain("s3cr3t", "workflows");
    URI url = URI.create("https://hooks.slack.com" + SECRET);
    assertThat(RedactedUrl.scrub("POST " + url + " failed; path " + SECRET, url))
        .isEqualTo("POST https://hooks.slack.com/… failed; path /…");
  }

  @Test
  void plainHttpIsForLoopbackOnly() {
    assertThat(NotifyTarget.parse("webhook:http://127.0.0.1:8080/hook").kind())
        .isEqualTo("webhook");
    assertThat(NotifyTarget.parse("webhook:http://[::1]:8080/hook").kind()).isEqualTo("webhook");
    assertThat(NotifyTarget.parse("webhook:http://localhost/hook").kind()).isEqualTo("webhook");
    assertThatThrownBy(() -> NotifyTarget.parse("webhook:http://10.0.0.5" + SECRET))
        .hasMessageContaining("use https")
        .hasMessageNotContaining("xoxSecret");
    assertThatThrownBy(() -> NotifyTarget.parse("webhook:ftp://example.com" + SECRET))
        .hasMessageNotContaining("xoxSecret");
  }

  @Test
  void snsTakesATopicArnOnly() {
    NotifyTarget t = NotifyTarget.parse("sns:arn:aws:sns:eu-west-1:111122223333:oncall");
    assertThat(t.kind()).isEqualTo("sns");
    assertThat(t.address()).isEqualTo("arn:aws:sns:eu-west-1:111122223333:oncall");
    assertThat(NotifyTarget.parse("sns:arn:aws-cn:sns:cn-north-1:111122223333:a.fifo").kind())
        .isEqualTo("sns");
    assertThatThrownBy(() -> NotifyTarget.parse("sns:oncall")).hasMessageContaining("topic ARN");
  }

  private static FindingEvent event(String id, String title) {
    return new FindingEvent(
        "appeared",
        "ROUTE-CROSS-AZ-NAT",
        "HIGH",
        null,
        null,
        "FAIL",
        "111122223333",
        "us-east-1",
        "subnet",
        id,
        title,
        "0123456789abcdef0123456789abcdef");
  }

  @Test
  void textFromAwsCannotPingAChannelOrForgeALink() {
    Notification n =
        new Notification(
            Instant.EPOCH,
            1,
            List.of(event("<!channel> subnet-1", "see [here](https://evil.example) *now*")));
    String slack = SlackMessage.of(n).toString();
    assertThat(slack).doesNotContain("<!channel>").contains("&lt;!channel&gt;");
    String teams = TeamsMessage.of(n).toString();
    assertThat(teams).doesNotContain("[here]").contains("\\\\[here\\\\]");
  }

  @Test
  void manyFindingsStayWithinSlacksFiftyBlocksAndSayHowManyMore() {
    List<FindingEvent> many =
        java.util.stream.IntStream.range(0, 70).mapToObj(i -> event("subnet-" + i, "t")).toList();
    var slack = SlackMessage.of(new Notification(Instant.EPOCH, 1, many));
    assertThat(slack.path("blocks").size()).isLessThanOrEqualTo(50);
    assertThat(slack.toString()).contains("and 50 more");
    var sns = SnsNotifier.message(new Notification(Instant.EPOCH, 1, many));
    assertThat(sns.path("events").size()).isEqualTo(70);
    assertThat(dev.fargatedoctor.testkit.JsonSchemas.problems("notification.schema.json", sns))
        .isEmpty();
    assertThat(sns.path("events").get(0).path("resourceId").asText()).isEqualTo("subnet-0");
  }
}
