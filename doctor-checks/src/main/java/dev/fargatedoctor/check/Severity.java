package dev.fargatedoctor.check;

import java.util.Locale;

/** How much a finding matters, most severe first. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  /** True when this severity is the given one or worse. */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }

  public static Severity parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown severity '"
              + text
              + "' (expected one of critical, high, "
              + "medium, low, info)");
    }
  }
}
