package dev.fargatedoctor.cli.watch.notify;

import dev.fargatedoctor.collect.AwsClients;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One --notify value: {@code webhook:URL} (Slack or Teams, told apart by the host; {@code
 * webhook:slack:URL} and {@code webhook:teams:URL} say it outright) or {@code sns:TOPIC-ARN}.
 * Messages about a bad value never repeat the URL: its path is a secret.
 */
public record NotifyTarget(String kind, String address, WebhookNotifier.Flavor flavor) {
  static final String USAGE =
      "--notify takes webhook:URL, webhook:slack:URL, webhook:teams:URL or sns:TOPIC-ARN";

  private static final Pattern TOPIC_ARN =
      Pattern.compile(
          "arn:aws(-cn|-us-gov|-iso|-iso-b)?:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

  /** Hosts of Teams webhooks: Workflows (Power Automate, Logic Apps) and Office 365 connectors. */
  private static final Set<String> TEAMS_DOMAINS =
      Set.of(
          "webhook.office.com",
          "outlook.office.com",
          "logic.azure.com",
          "powerautomate.com",
          "powerplatform.com",
          "flow.microsoft.com");

  public static NotifyTarget parse(String value) {
    if (value.startsWith("sns:")) {
      String arn = value.substring(4);
      if (!TOPIC_ARN.matcher(arn).matches())
        throw new IllegalArgumentException(
            "sns: needs a topic ARN (arn:aws:sns:REGION:ACCOUNT:TOPIC), not '" + arn + "'");
      return new NotifyTarget("sns", arn, null);
    }
    if (value.startsWith("webhook:")) {
      String rest = value.substring("webhook:".length());
      WebhookNotifier.Flavor flavor = null;
      for (WebhookNotifier.Flavor f : WebhookNotifier.Flavor.values()) {
        String prefix = f.name().toLowerCase(Locale.ROOT) + ":";
        if (rest.startsWith(prefix)) {
          flavor = f;
          rest = rest.substring(prefix.length());
        }
      }
      URI url = url(rest);
      return new NotifyTarget("webhook", url.toString(), flavor != null ? flavor : flavorOf(url));
    }
    throw new IllegalArgumentException(USAGE);
  }

  private static URI url(String text) {
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "webhook: the URL is not valid at index " + e.getIndex() + " (" + e.getReason() + ")");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http")))
      throw new IllegalArgumentException("webhook: needs an https:// URL with a host");
    if (scheme.equals("http") && !loopback(url.getHost()))
      throw new IllegalArgumentException(
          "webhook: "
              + RedactedUrl.of(url)
              + " is plain http: the URL's secret would cross the network in clear; use https"
              + " (http is accepted on loopback only)");
    return url;
  }

  private static boolean loopback(String host) {
    if (host.equalsIgnoreCase("localhost")) return true;
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) return false; // a name: no DNS lookup here
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  static WebhookNotifier.Flavor flavorOf(URI url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    for (String domain : TEAMS_DOMAINS) {
      if (host.equals(domain) || host.endsWith("." + domain)) return WebhookNotifier.Flavor.TEAMS;
    }
    return WebhookNotifier.Flavor.SLACK; // Slack, and the chats that read Slack's body
  }

  /** The notifier; SNS asks for the AWS clients only when this target is SNS. */
  public Notifier notifier(Supplier<AwsClients> clients) {
    return kind.equals("sns")
        ? new SnsNotifier(address, clients)
        : new WebhookNotifier(URI.create(address), flavor);
  }

  /** For --help and errors: never the webhook's path. */
  @Override
  public String toString() {
    return kind.equals("sns") ? "sns:" + address : "webhook:" + RedactedUrl.of(URI.create(address));
  }
}
