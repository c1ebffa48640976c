package dev.fargatedoctor.check;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps in evidence: ISO-8601 UTC to the second, which is what an operator compares. */
public final class Timestamps {
  private Timestamps() {}

  public static String iso(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
