package dev.fargatedoctor.cli.watch.notify;

import dev.fargatedoctor.cli.watch.FindingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What one cycle has to tell: the findings that appeared and cleared. Every target renders it its
 * own way; {@link #summary()} and {@link #line(FindingEvent)} are the words they share.
 */
public record Notification(Instant time, int cycle, List<FindingEvent> events) {
  public Notification {
    events = List.copyOf(events);
  }

  /** One line for a chat's notification preview or an e-mail subject. */
  public String summary() {
    long appeared = events.stream().filter(e -> "appeared".equals(e.change())).count();
    long cleared = events.size() - appeared;
    StringBuilder s = new StringBuilder("Fargate Doctor: ");
    if (appeared > 0)
      s.append(appeared).append(appeared == 1 ? " finding appeared" : " findings appeared");
    if (appeared > 0 && cleared > 0) s.append(", ");
    if (cleared > 0)
      s.append(cleared).append(cleared == 1 ? " finding cleared" : " findings cleared");
    return s.toString();
  }

  /** "HIGH ROUTE-CROSS-AZ-NAT appeared: subnet subnet-0a1 (us-east-1, 111122223333)". */
  public static String line(FindingEvent e) {
    StringBuilder s =
        new StringBuilder()
            .append(e.severity())
            .append(' ')
            .append(e.checkId())
            .append(' ')
            .append(e.change())
            .append(": ")
            .append(e.resourceType())
            .append(' ')
            .append(e.resourceId());
    String where =
        String.join(
            ", ",
            java.util.stream.Stream.of(e.region(), e.account())
                .filter(x -> x != null && !x.isEmpty())
                .toList());
    if (!where.isEmpty()) s.append(" (").append(where).append(')');
    return s.toString();
  }

  /** The status change in words: "FAIL", "WARN -> cleared". */
  public static String statusChange(FindingEvent e) {
    if (e.statusBefore() == null) return e.statusAfter();
    return e.statusBefore() + " -> " + (e.statusAfter() == null ? "cleared" : e.statusAfter());
  }

  static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
