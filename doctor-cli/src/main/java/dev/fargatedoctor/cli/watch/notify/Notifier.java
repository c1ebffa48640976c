package dev.fargatedoctor.cli.watch.notify;

/** Somewhere watch tells about findings that appear and clear. */
public interface Notifier {
  /** Delivers the notification or throws; the caller logs the failure and retries later. */
  void send(Notification notification) throws Exception;

  /** The target for logs: never a secret (a webhook's path is left out). */
  String describe();
}
