package dev.fargatedoctor.cli.watch.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** POSTs a notification as JSON to a Slack or Teams incoming webhook; any 2xx is delivered. */
final class WebhookNotifier implements Notifier {
  /** Which body the webhook takes. */
  enum Flavor {
    SLACK,
    TEAMS
  }

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final URI url;
  private final Flavor flavor;
  private final HttpClient http;

  WebhookNotifier(URI url, Flavor flavor) {
    this.url = url;
    this.flavor = flavor;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The JSON body for this webhook's flavor. */
  ObjectNode body(Notification n) {
    return flavor == Flavor.TEAMS ? TeamsMessage.of(n) : SlackMessage.of(n);
  }

  @Override
  public void send(Notification notification) throws IOException, InterruptedException {
    byte[] json = SnapshotJson.line(body(notification)).getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "fargate-doctor-watch")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      // The JDK may name the URI in its message: never the secret path.
      String said = RedactedUrl.scrub(e.getMessage(), url);
      throw new IOException(e.getClass().getSimpleName() + (said.isBlank() ? "" : " " + said));
    }
    if (response.statusCode() / 100 != 2) {
      String said = response.body() == null ? "" : response.body().strip();
      said = said.replaceAll("\\p{Cntrl}", " ");
      if (said.length() > 120) said = said.substring(0, 120) + "…";
      throw new IOException(
          "HTTP "
              + response.statusCode()
              + (said.isEmpty() ? "" : " (" + RedactedUrl.scrub(said, url) + ")"));
    }
  }

  @Override
  public String describe() {
    return "webhook "
        + flavor.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + RedactedUrl.of(url);
  }
}
