package dev.fargatedoctor.check;

import java.time.Duration;

/** How evidence shows a duration: what an operator reads at a glance, not ISO-8601. */
public final class Durations {
  private Durations() {}

  public static String human(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 60) return minutes + " min";
    long hours = minutes / 60;
    return hours < 48 ? hours + " h " + (minutes % 60) + " min" : (hours / 24) + " days";
  }
}
