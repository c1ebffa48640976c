package dev.fargatedoctor.agent.detect;

import java.time.Duration;
import java.util.Locale;

/** Human-readable numbers for warning messages. */
final class Format {

  private Format() {}

  static String bytes(long bytes) {
    if (bytes < 0) {
      return "unknown";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  static String duration(Duration d) {
    long s = d.getSeconds();
    if (s < 90) {
      return s + " s";
    }
    long minutes = s / 60;
    if (minutes < 90) {
      return minutes + " min";
    }
    return minutes / 60 + " h " + minutes % 60 + " min";
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
