package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.Progress;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/** One self-overwriting line on stderr while collecting; only on a terminal, so logs stay clean. */
final class TerminalProgress implements Progress {
  private final PrintStream err;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private volatile long lastPrint;

  private TerminalProgress(PrintStream err) {
    this.err = err;
  }

  static Progress forTerminal(PrintStream err) {
    return System.console() == null ? Progress.NONE : new TerminalProgress(err);
  }

  @Override
  public void step(String region, String action) {
    running.incrementAndGet();
    print(dev.fargatedoctor.snapshot.SafeText.plain(region + " " + action));
  }

  @Override
  public void done(String region, String action) {
    running.decrementAndGet();
    done.incrementAndGet();
  }

  private synchronized void print(String current) {
    long now = System.nanoTime();
    if (now - lastPrint < 100_000_000L) return;
    lastPrint = now;
    String line =
        String.format(
            "collecting: %d calls done, %d running · %s", done.get(), running.get(), current);
    if (line.length() > 99) line = line.substring(0, 99);
    err.print("\r" + line + " ".repeat(Math.max(0, 99 - line.length())));
    err.flush();
  }

  /** Clears the line before the report is printed. */
  static void clear(Progress p, PrintStream err) {
    if (p instanceof TerminalProgress) {
      err.print("\r" + " ".repeat(99) + "\r");
      err.flush();
    }
  }
}
