package dev.fargatedoctor.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** A duration option: 30s, 5m, 1h, 1h30m, or ISO-8601 (PT5M); at least one second. */
final class DurationOption implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)([smh])");

  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Duration d = Duration.ZERO;
    if (v.startsWith("pt")) {
      try {
        d = Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'" + value + "' is not a duration such as 30s, 5m or 1h");
      }
    } else {
      Matcher m = PART.matcher(v);
      int end = 0;
      while (m.find() && m.start() == end) {
        long n = Long.parseLong(m.group(1));
        d =
            d.plus(
                switch (m.group(2)) {
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  default -> Duration.ofHours(n);
                });
        end = m.end();
      }
      if (end != v.length() || v.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + value + "' is not a duration such as 30s, 5m or 1h");
      }
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0)
      throw new IllegalArgumentException("'" + value + "' is shorter than 1s");
    return d;
  }
}
