package dev.fargatedoctor.cli.watch.notify;

import dev.fargatedoctor.cli.watch.FindingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Sends each cycle's finding events to every --notify target. A target that fails is logged (never
 * with a webhook's secret) and does not stop the watch or the other targets; what it missed is kept
 * in memory and sent with the next cycle's events, up to {@value #KEPT} of them.
 */
public final class Notifications {
  static final int KEPT = 500;

  private static final class Channel {
    final Notifier notifier;
    final String name;
    final List<FindingEvent> pending = new ArrayList<>();
    int dropped;

    Channel(Notifier notifier, int position) {
      this.notifier = notifier;
      // Two webhooks on one host look alike once redacted: the option's position tells them apart.
      this.name = "--notify #" + position + " (" + notifier.describe() + ")";
    }
  }

  private final List<Channel> channels = new ArrayList<>();
  private long sent;
  private long failed;

  public Notifications(List<Notifier> notifiers) {
    for (Notifier n : notifiers) channels.add(new Channel(n, channels.size() + 1));
  }

  public boolean isEmpty() {
    return channels.isEmpty();
  }

  /**
   * Sends the events (and whatever a target missed before); logs each outcome as (level, message).
   */
  public void deliver(
      Instant time, int cycle, List<FindingEvent> events, BiConsumer<String, String> log) {
    for (Channel c : channels) {
      c.pending.addAll(events);
      if (c.pending.isEmpty()) continue;
      Notification n = new Notification(time, cycle, c.pending);
      try {
        c.notifier.send(n);
        sent++;
        log.accept(
            "info",
            "notified "
                + c.name
                + " of "
                + n.events().size()
                + " finding event(s)"
                + (c.dropped > 0 ? " (" + c.dropped + " older ones were dropped)" : ""));
        c.pending.clear();
        c.dropped = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        failed++;
        if (c.pending.size() > KEPT) {
          int over = c.pending.size() - KEPT;
          c.pending.subList(0, over).clear();
          c.dropped += over;
        }
        log.accept(
            "error",
            "could not notify "
                + c.name
                + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + "; "
                + c.pending.size()
                + " finding event(s) kept for the next cycle");
      }
    }
  }

  public long sent() {
    return sent;
  }

  public long failed() {
    return failed;
  }
}
