package dev.fargatedoctor.cli.watch.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.collect.AwsClients;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.util.function.Supplier;

/**
 * Publishes a notification to an SNS topic (an opt-in write: sns:Publish on that topic,
 * docs/iam-policy-watch-notify-sns.json). The message is JSON with the findings as fields, for a
 * Lambda, an SQS queue or an e-mail subscription alike; the subject is the one-line summary.
 */
final class SnsNotifier implements Notifier {
  /** SNS takes up to 256 KB a message; a finding is well under 1 KB. */
  static final int LISTED = 200;

  private final String topicArn;
  private final String region;
  private final Supplier<AwsClients> clients;

  SnsNotifier(String topicArn, Supplier<AwsClients> clients) {
    this.topicArn = topicArn;
    this.region = topicArn.split(":", -1)[3];
    this.clients = clients;
  }

  /** The message: a schema id, the summary, and every finding event with its fields. */
  static ObjectNode message(Notification n) {
    ObjectNode m = SnapshotJson.mapper().createObjectNode();
    m.put("schema", "fargate-doctor/notification/v1");
    m.put("time", n.time().toString());
    m.put("cycle", n.cycle());
    m.put("summary", n.summary());
    m.set(
        "events",
        SnapshotJson.mapper()
            .valueToTree(n.events().subList(0, Math.min(LISTED, n.events().size()))));
    if (n.events().size() > LISTED) m.put("omittedEvents", n.events().size() - LISTED);
    return m;
  }

  @Override
  public void send(Notification n) throws Exception {
    String body = SnapshotJson.line(message(n));
    // A subject is ASCII, without line breaks, at most 100 characters.
    String subject = n.summary().replaceAll("[^\\x20-\\x7E]", "?");
    if (subject.length() > 100) subject = subject.substring(0, 100);
    String s = subject;
    boolean fifo = topicArn.endsWith(".fifo");
    clients
        .get()
        .sns(region)
        .publish(
            b -> {
              b.topicArn(topicArn).subject(s).message(body);
              // A FIFO topic wants a group (one: events stay in order) and a deduplication id.
              if (fifo)
                b.messageGroupId("fargate-doctor-watch")
                    .messageDeduplicationId(n.time().toEpochMilli() + "-" + n.cycle());
            });
  }

  @Override
  public String describe() {
    return "sns " + topicArn;
  }
}
