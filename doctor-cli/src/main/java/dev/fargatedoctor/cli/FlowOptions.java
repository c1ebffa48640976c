package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.FlowRecordsRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Which flow-log records to read, and the window: what `flows` takes. */
final class FlowOptions {
  @Option(
      names = "--file",
      paramLabel = "FILE",
      description =
          "A flow-log file (plain or gzip, as S3 delivers them, or lines exported from CloudWatch "
              + "Logs); repeat for several. Read whole unless --since/--from is given.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--log-group",
      paramLabel = "GROUP",
      description = "A CloudWatch Logs group flow logs deliver to (FilterLogEvents); repeatable.")
  List<String> logGroups = new ArrayList<>();

  @Option(
      names = "--s3",
      paramLabel = "s3://BUCKET/PREFIX",
      description =
          "Where flow logs deliver to S3 (the .log.gz objects under PREFIX/AWSLogs/ACCOUNT/"
              + "vpcflowlogs/REGION/YYYY/MM/DD/ for the window's days); repeatable.")
  List<String> s3 = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      description =
          "The window: the last 30m, 2h, 1d... (default for CloudWatch Logs and S3: 30m).")
  String since;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Start of the window, ISO-8601 (2026-12-03T07:00:00Z).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "End of the window (default: now).")
  String to;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          "The records' format ('${version} ${account-id} ...') for sources whose flow log is not in "
              + "the snapshot and that carry no header line (default: AWS's default format).")
  String logFormat;

  boolean anySource() {
    return !files.isEmpty() || !logGroups.isEmpty() || !s3.isEmpty();
  }

  /**
   * The request these options describe; with no source at all, every flow log the snapshot found.
   */
  FlowRecordsRequest request(Clock clock) {
    boolean fromSnapshot = !anySource();
    boolean aws = fromSnapshot || !logGroups.isEmpty() || !s3.isEmpty();
    Instant end = to == null ? null : instant("--to", to);
    Instant start = from == null ? null : instant("--from", from);
    if (since != null) {
      if (from != null) throw new IllegalArgumentException("--since and --from are alternatives");
      start = (end == null ? clock.instant() : end).minus(duration(since));
    }
    if (aws && start == null)
      start = (end == null ? clock.instant() : end).minus(Duration.ofMinutes(30));
    if (aws && end == null) end = clock.instant();
    if (start != null && end != null && !start.isBefore(end)) {
      throw new IllegalArgumentException("the window is empty: --from must come before --to");
    }
    return new FlowRecordsRequest(files, logGroups, s3, fromSnapshot, start, end, logFormat);
  }

  static FlowRecordsRequest lastMinutes(Clock clock, int minutes) {
    if (minutes < 1 || minutes > 24 * 60) {
      throw new IllegalArgumentException(
          "--flow-minutes must be between 1 and 1440, not " + minutes);
    }
    Instant now = clock.instant();
    return new FlowRecordsRequest(
        List.of(), List.of(), List.of(), true, now.minus(Duration.ofMinutes(minutes)), now, null);
  }

  private static Instant instant(String option, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " takes an ISO-8601 time such as 2026-12-03T07:00:00Z, not '" + text + "'");
    }
  }

  /** 30m, 2h, 1d, 90s; a bare number is minutes. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      long n = Long.parseLong(t.replaceAll("[smhd]$", ""));
      if (n <= 0) throw new NumberFormatException();
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> Duration.ofMinutes(n);
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "--since takes a duration such as 30m, 2h or 1d, not '" + text + "'");
    }
  }
}
