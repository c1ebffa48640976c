package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import dev.fargatedoctor.testkit.JsonSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * watch --notify webhook:URL, run as a user runs it, against webhooks on a loopback port that
 * answer as Slack and Teams do (2xx) or fail: what each receives, that a finding is told once until
 * it clears, and that a failing webhook neither stops the watch nor shows its secret.
 */
class WatchNotifyTest {
  private static final String HEALTHY = "healthy-two-az-service.json";
  private static final String BROKEN = "broken.json";
  private static final String SECRET = "T0AAA/B0BBB/xoxSecretToken42";

  @TempDir Path tmp;

  private HttpServer server;
  private final List<Posted> posted = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger failuresLeft = new AtomicInteger();

  record Posted(String path, String contentType, JsonNode body) {}

  /** The healthy fixture, and the same with the write-up's rogue route: a cross-AZ NAT route. */
  @BeforeEach
  void snapshots() throws IOException {
    SnapshotFiles.write(Fixtures.snapshot(HEALTHY), tmp.resolve(HEALTHY));
    SnapshotFiles.write(
        Fixtures.edited(
            HEALTHY,
            tree -> {
              for (var t : Fixtures.region(tree).get("ec2").get("routeTables")) {
                if (t.get("RouteTableId").asText().equals("rtb-private-a"))
                  ((ObjectNode) t.get("Routes").get(1)).put("NatGatewayId", "nat-b");
              }
            }),
        tmp.resolve(BROKEN));
  }

  @BeforeEach
  void webhooks() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            boolean fail =
                exchange.getRequestURI().getPath().startsWith("/broken/")
                    || (exchange.getRequestURI().getPath().startsWith("/flaky/")
                        && failuresLeft.getAndDecrement() > 0);
            if (!fail) {
              posted.add(
                  new Posted(
                      exchange.getRequestURI().getPath(),
                      exchange.getRequestHeaders().getFirst("Content-Type"),
                      SnapshotJson.mapper().readTree(body)));
            }
            byte[] answer =
                (fail ? "no_service " + exchange.getRequestURI().getPath() : "ok")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 404 : 200, answer.length);
            exchange.getResponseBody().write(answer);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private Run watch(String fixture, String... notify) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "watch",
            "--snapshot",
            tmp.resolve(fixture).toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "--cycles",
            "1"));
    for (String n : notify) args.addAll(List.of("--notify", n));
    return Run.of(args.toArray(String[]::new));
  }

  private List<Posted> postedTo(String prefix) {
    synchronized (posted) {
      return posted.stream().filter(p -> p.path().startsWith(prefix)).toList();
    }
  }

  @Test
  void slackGetsTextAndBlocksAndTeamsGetsAnAdaptiveCardEachWithTheFindingsFields() {
    Run run =
        watch(
            BROKEN,
            "webhook:" + url("/slack/" + SECRET),
            "webhook:teams:" + url("/teams/" + SECRET));

    assertThat(run.exitCode()).isZero();
    Posted slack = postedTo("/slack/").get(0);
    assertThat(slack.contentType()).startsWith("application/json");
    assertThat(slack.body().path("text").asText())
        .startsWith("Fargate Doctor: ")
        .contains("HIGH ROUTE-CROSS-AZ-NAT appeared: subnet subnet-private-a");
    assertThat(slack.body().path("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(slack.body().path("blocks").size()).isBetween(2, 50);
    assertThat(slack.body().path("blocks").findValuesAsText("text"))
        .anySatisfy(t -> assertThat(t).contains("*Check*\nROUTE-CROSS-AZ-NAT"));

    Posted teams = postedTo("/teams/").get(0);
    assertThat(teams.body().path("type").asText()).isEqualTo("message");
    JsonNode attachment = teams.body().path("attachments").get(0);
    assertThat(attachment.path("contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    JsonNode card = attachment.path("content");
    assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.path("version").asText()).isEqualTo("1.4");
    List<JsonNode> facts = card.findValues("facts");
    assertThat(facts).isNotEmpty();
    assertThat(facts.get(0).findValuesAsText("title"))
        .contains("Check", "Severity", "Status", "Resource", "Region", "Fingerprint");
  }

  @Test
  void aFindingIsToldOnceUntilItClearsAndThenToldCleared() {
    String hook = "webhook:" + url("/slack/" + SECRET);
    watch(BROKEN, hook);
    int first = postedTo("/slack/").size();
    assertThat(first).isEqualTo(1);

    Run again = watch(BROKEN, hook); // the same findings, a new process: state remembers
    assertThat(again.exitCode()).isZero();
    assertThat(postedTo("/slack/")).hasSize(1);

    watch(HEALTHY, hook);
    List<Posted> all = postedTo("/slack/");
    assertThat(all).hasSize(2);
    assertThat(all.get(1).body().path("text").asText())
        .contains("ROUTE-CROSS-AZ-NAT cleared")
        .doesNotContain("appeared");

    watch(BROKEN, hook); // back again after it cleared: told again
    assertThat(postedTo("/slack/")).hasSize(3);
    assertThat(postedTo("/slack/").get(2).body().path("text").asText())
        .contains("ROUTE-CROSS-AZ-NAT appeared");
  }

  @Test
  void watchsJsonLinesCarryTheFindingsFieldsNotAGluedString() throws Exception {
    Run baseline = watch(HEALTHY);
    assertThat(JsonSchemas.problems("watch-event.schema.json", baseline.out().strip())).isEmpty();
    Run run = watch(BROKEN);

    List<JsonNode> findings = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      assertThat(JsonSchemas.problems("watch-event.schema.json", line)).as(line).isEmpty();
      JsonNode n = SnapshotJson.mapper().readTree(line);
      if (n.path("kind").asText().equals("finding")) findings.add(n);
    }
    assertThat(findings)
        .anySatisfy(
            n -> {
              assertThat(n.path("change").asText()).isEqualTo("appeared");
              assertThat(n.path("checkId").asText()).isEqualTo("ROUTE-CROSS-AZ-NAT");
              assertThat(n.path("severity").asText()).isEqualTo("HIGH");
              assertThat(n.path("resourceType").asText()).isEqualTo("subnet");
              assertThat(n.path("resourceId").asText()).isEqualTo("subnet-private-a");
              assertThat(n.path("region").asText()).isEqualTo("us-east-1");
              assertThat(n.path("fingerprint").asText()).matches("[0-9a-f]{32}");
              assertThat(n.path("account").asText()).isEqualTo("123456789012");
              assertThat(n.path("before").isNull()).isTrue();
              assertThat(n.path("after").asText()).isEqualTo("FAIL");
            });
  }

  @Test
  void aFailingWebhookIsLoggedWithoutItsSecretAndRetriedWhileTheOthersGetTheirs() {
    failuresLeft.set(1);
    Run run =
        watch(
            BROKEN,
            "webhook:" + url("/broken/" + SECRET),
            "webhook:" + url("/flaky/" + SECRET),
            "webhook:" + url("/slack/" + SECRET));

    assertThat(run.exitCode()).isZero(); // the cycle itself succeeded
    assertThat(postedTo("/slack/")).hasSize(1);
    assertThat(run.err())
        .contains("could not notify --notify #1 (webhook slack http://127.0.0.1:")
        .contains("HTTP 404")
        .contains("kept for the next cycle")
        .doesNotContain(SECRET)
        .doesNotContain("xoxSecretToken42");
    assertThat(run.out()).doesNotContain("xoxSecretToken42");
  }

  @Test
  void whatAWebhookMissedIsSentWithTheNextCycle() {
    failuresLeft.set(1);
    Run run =
        Run.of(
            "watch",
            "--snapshot",
            tmp.resolve(BROKEN).toString(),
            "--state-dir",
            tmp.resolve("state").toString(),
            "--cycles",
            "2",
            "--interval",
            "1s",
            "--notify",
            "webhook:" + url("/flaky/" + SECRET));

    assertThat(run.exitCode()).isZero();
    assertThat(postedTo("/flaky/")).hasSize(1); // the retry, in cycle 2
    assertThat(postedTo("/flaky/").get(0).body().path("text").asText())
        .contains("ROUTE-CROSS-AZ-NAT appeared");
    assertThat(run.err()).contains("could not notify").contains("notified --notify #1");
  }

  @Test
  void badTargetsAreExitTwoWithoutTheSecret() {
    Run plain = watch(HEALTHY, "webhook:http://hooks.example.com/services/" + SECRET);
    assertThat(plain.exitCode()).isEqualTo(2);
    assertThat(plain.err()).contains("use https").doesNotContain("xoxSecretToken42");

    Run arn = watch(HEALTHY, "sns:arn:aws:sqs:us-east-1:111122223333:queue");
    assertThat(arn.exitCode()).isEqualTo(2);
    assertThat(arn.err()).contains("topic ARN");

    Run other = watch(HEALTHY, "mailto:oncall@example.com");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err()).contains("webhook:URL").contains("sns:TOPIC-ARN");
  }
}
