package dev.fargatedoctor.cli.watch.notify;

import java.net.URI;

/**
 * A webhook URL as logs may show it. Slack and Teams put the secret that authorises a post in the
 * path (and Power Automate in the query), so only the scheme, host and port are kept.
 */
final class RedactedUrl {
  private RedactedUrl() {}

  static String of(URI url) {
    String host = url.getHost() == null ? "?" : url.getHost();
    if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
    return url.getScheme() + "://" + host + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…";
  }

  /** A message with every appearance of the URL, or of its path and query, cut out. */
  static String scrub(String message, URI url) {
    if (message == null) return "";
    String out = message.replace(url.toString(), of(url));
    if (url.getRawPath() != null && url.getRawPath().length() > 1)
      out = out.replace(url.getRawPath(), "/…");
    if (url.getRawQuery() != null && !url.getRawQuery().isEmpty())
      out = out.replace(url.getRawQuery(), "…");
    return out;
  }
}
