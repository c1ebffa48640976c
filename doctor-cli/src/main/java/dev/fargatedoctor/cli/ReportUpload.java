package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.collect.AwsClients;
import dev.fargatedoctor.collect.AwsSettings;
import dev.fargatedoctor.publish.S3Location;
import dev.fargatedoctor.publish.S3Objects;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * scan --report-s3: the report, as printed, put twice under the prefix: {@code latest.EXT} (always
 * the newest) and {@code YYYY-MM-DDTHH-MM-SSZ.EXT} (one per run, for history). Two PutObject calls,
 * the scan's only writes (docs/iam-policy-report-s3.json).
 */
final class ReportUpload {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

  private final S3Location location;
  private final AwsSettings settings;
  private final String region;
  private final ApiCallRecorder recorder;
  private final Clock clock;

  ReportUpload(
      S3Location location,
      AwsSettings settings,
      String region,
      ApiCallRecorder recorder,
      Clock clock) {
    this.location = location;
    this.settings = settings;
    this.region = region;
    this.recorder = recorder;
    this.clock = clock;
  }

  void put(String report, OutputOptions.Format format) {
    byte[] body = report.getBytes(StandardCharsets.UTF_8);
    String ext = extension(format);
    String stamp = STAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    try (AwsClients clients = new AwsClients(settings, recorder)) {
      S3Objects s3 = new S3Objects(clients, region);
      s3.put(location, stamp + "." + ext, body, contentType(format));
      s3.put(location, "latest." + ext, body, contentType(format));
    }
  }

  static String extension(OutputOptions.Format format) {
    return switch (format) {
      case text -> "txt";
      case markdown -> "md";
      default -> format.name();
    };
  }

  private static String contentType(OutputOptions.Format format) {
    return switch (format) {
      case json -> "application/json";
      case html -> "text/html; charset=utf-8";
      case markdown -> "text/markdown; charset=utf-8";
      default -> "text/plain; charset=utf-8";
    };
  }
}
