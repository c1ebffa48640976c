package dev.fargatedoctor.cli.watch.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.cli.watch.FindingEvent;
import dev.fargatedoctor.snapshot.SnapshotJson;

/**
 * The body Microsoft Teams takes from a webhook: a message with one Adaptive Card attachment. Both
 * kinds of Teams webhook read it — a Workflows (Power Automate) "post to a channel when a webhook
 * request is received" flow, and the older Office 365 connector incoming webhook. Each finding is a
 * heading and a FactSet; text from AWS has its Markdown characters escaped, so it cannot become a
 * link.
 */
final class TeamsMessage {
  /** Teams caps a card at about 28 KB: 20 findings, then a line for the rest. */
  static final int LISTED = 20;

  private TeamsMessage() {}

  static ObjectNode of(Notification n) {
    ObjectNode body = SnapshotJson.mapper().createObjectNode();
    body.put("type", "message");
    ObjectNode attachment = body.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode items = card.putArray("body");
    items
        .addObject()
        .put("type", "TextBlock")
        .put("text", escape(n.summary()))
        .put("weight", "Bolder")
        .put("size", "Medium")
        .put("wrap", true);
    for (FindingEvent e : n.events().subList(0, Math.min(LISTED, n.events().size()))) {
      items
          .addObject()
          .put("type", "TextBlock")
          .put("text", escape(Notification.line(e)))
          .put("weight", "Bolder")
          .put("separator", true)
          .put("wrap", true);
      items.addObject().put("type", "TextBlock").put("text", escape(e.title())).put("wrap", true);
      ArrayNode facts = items.addObject().put("type", "FactSet").putArray("facts");
      fact(facts, "Check", e.checkId());
      fact(facts, "Severity", e.severity());
      fact(facts, "Status", Notification.statusChange(e));
      fact(facts, "Resource", e.resourceType() + " " + e.resourceId());
      fact(facts, "Region", e.region());
      fact(facts, "Account", e.account());
      fact(facts, "Fingerprint", e.fingerprint());
    }
    if (n.events().size() > LISTED) {
      items
          .addObject()
          .put("type", "TextBlock")
          .put("text", "… and " + (n.events().size() - LISTED) + " more: see watch's JSON lines")
          .put("isSubtle", true)
          .put("wrap", true);
    }
    return body;
  }

  private static void fact(ArrayNode facts, String title, String value) {
    if (value == null) return;
    facts.addObject().put("title", title).put("value", escape(value));
  }

  /**
   * A backslash before the characters that make Adaptive Cards' Markdown links and emphasis ({@code
   * [ ] *}) and before a backslash; the rest (parentheses, underscores in names) is left as is.
   */
  static String escape(String s) {
    if (s == null) return "";
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if ("\\[]*".indexOf(c) >= 0) out.append('\\');
      out.append(c < 0x20 ? ' ' : c);
    }
    return out.toString();
  }
}
