package dev.fargatedoctor.cli.watch.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.cli.watch.FindingEvent;
import dev.fargatedoctor.snapshot.SnapshotJson;

/**
 * The body Slack's incoming webhooks take: a top-level {@code text} (the notification preview, and
 * all that clients without Block Kit show) and Block Kit {@code blocks} with one section per
 * finding. Mattermost, Rocket.Chat and Discord's Slack-compatible endpoints read {@code text}. Text
 * from AWS is escaped for mrkdwn ({@code & < >}), so a resource name cannot mention
 * {@code @channel} or forge a link.
 */
final class SlackMessage {
  /** Slack allows 50 blocks a message: a header, 20 findings, and a line for the rest. */
  static final int LISTED = 20;

  private SlackMessage() {}

  static ObjectNode of(Notification n) {
    ObjectNode body = SnapshotJson.mapper().createObjectNode();
    StringBuilder text = new StringBuilder(escape(n.summary()));
    n.events().stream()
        .limit(LISTED)
        .forEach(e -> text.append('\n').append(escape(Notification.line(e))));
    if (n.events().size() > LISTED)
      text.append("\n… and ").append(n.events().size() - LISTED).append(" more");
    body.put("text", text.toString());
    ArrayNode blocks = body.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", cut(n.summary(), 150));
    for (FindingEvent e : n.events().subList(0, Math.min(LISTED, n.events().size()))) {
      ObjectNode section = blocks.addObject().put("type", "section");
      section
          .putObject("text")
          .put("type", "mrkdwn")
          .put(
              "text",
              cut(
                  "*"
                      + escape(Notification.line(e))
                      + "*\n"
                      + escape(Notification.statusChange(e))
                      + ": "
                      + escape(e.title()),
                  3000));
      ArrayNode fields = section.putArray("fields");
      field(fields, "Check", e.checkId());
      field(fields, "Severity", e.severity());
      field(fields, "Resource", e.resourceType() + " " + e.resourceId());
      if (e.region() != null) field(fields, "Region", e.region());
      if (e.account() != null) field(fields, "Account", e.account());
      field(fields, "Fingerprint", e.fingerprint());
    }
    if (n.events().size() > LISTED) {
      blocks
          .addObject()
          .put("type", "context")
          .putArray("elements")
          .addObject()
          .put("type", "mrkdwn")
          .put("text", "… and " + (n.events().size() - LISTED) + " more: see watch's JSON lines");
    }
    return body;
  }

  private static void field(ArrayNode fields, String name, String value) {
    if (value == null) return;
    fields
        .addObject()
        .put("type", "mrkdwn")
        .put("text", cut("*" + name + "*\n" + escape(value), 2000));
  }

  /** Slack's mrkdwn escapes: without them "<!channel>" in a name would ping a channel. */
  static String escape(String s) {
    if (s == null) return "";
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
