package dev.fargatedoctor.collect;

import dev.fargatedoctor.flows.AddressClasses;
import dev.fargatedoctor.flows.FlowCoverage;
import dev.fargatedoctor.flows.FlowFormat;
import dev.fargatedoctor.flows.FlowReader;
import dev.fargatedoctor.flows.FlowSource;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ec2.FlowLog;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads VPC flow-log records for one region of a snapshot and attaches what they show: from
 * CloudWatch Logs (FilterLogEvents over the window), from S3 (the text {@code .log.gz} objects of
 * the window's days under the standard prefix, by the time in their names) and from local files.
 * Each source's format is the one DescribeFlowLogs gave its flow log, else the file's header line,
 * else {@code --log-format}, else the default. Everything streams through one {@link FlowReader}.
 */
public final class FlowRecords {
  /** CloudWatch Logs, S3 and file reads as coverage actions. */
  public static final String LOGS_ACTION = "logs:FilterLogEvents";

  public static final String LIST_ACTION = "s3:ListBucket";
  public static final String GET_ACTION = "s3:GetObject";
  public static final String FILE_ACTION = "local:ReadFlowLogFile";

  // 123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz
  private static final Pattern FILE_TIME = Pattern.compile("_(\\d{8}T\\d{4})Z_[^/]*$");
  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);

  private final AwsClients clients;
  private final Clock clock;

  /**
   * @param clients for CloudWatch Logs and S3; null when only local files are read
   */
  public FlowRecords(AwsClients clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  /** The region with its flow summary; what was and was not read goes to {@code coverage}. */
  public RegionSnapshot read(
      RegionSnapshot region,
      String accountId,
      FlowRecordsRequest request,
      List<Coverage> coverage) {
    FlowFormat fallback = FlowFormat.parse(request.logFormat());
    Instant now = clock.instant();
    FlowReader reader =
        new FlowReader(
            AddressClasses.of(region),
            request.from(),
            request.to(),
            now.plus(Duration.ofMinutes(15)),
            fallback);
    List<String> labels = new ArrayList<>();
    if (!request.files().isEmpty()) {
      List<FlowReader.SourceReport> before = reader.sources();
      for (Path file : request.files()) {
        if (!Files.isReadable(file)) {
          throw new IllegalArgumentException(file + ": no such file (or it cannot be read)");
        }
        // A header line wins; then --log-format; then the one format the region's flow logs share.
        FlowFormat known = request.logFormat() != null ? null : snapshotFormat(region).orElse(null);
        reader.read(FlowSource.file(file, known));
      }
      coverage.addAll(FlowCoverage.of(region.region(), FILE_ACTION, after(reader, before)));
      labels.add(
          request.files().size() == 1
              ? request.files().get(0).toString()
              : request.files().size() + " files");
    }
    Set<String> groups = new LinkedHashSet<>(request.logGroups());
    Set<String> buckets = new LinkedHashSet<>(request.s3());
    if (request.fromSnapshot()) {
      for (FlowLog log : region.ec2().flowLogs()) {
        if (log.flowLogStatus() != null && !"ACTIVE".equalsIgnoreCase(log.flowLogStatus()))
          continue;
        String type =
            log.logDestinationType() == null ? "cloud-watch-logs" : log.logDestinationType();
        if (type.equals("cloud-watch-logs") && log.logGroupName() != null)
          groups.add(log.logGroupName());
        if (type.equals("s3") && log.logDestination() != null) {
          buckets.add("s3://" + log.logDestination().replaceFirst("^arn:aws[a-z-]*:s3:::", ""));
        }
      }
    }
    Instant from = request.from();
    Instant to = request.to() == null ? now : request.to();
    for (String group : groups) {
      readLogGroup(region, group, from, to, fallback, reader, coverage);
      labels.add("CloudWatch Logs " + group);
    }
    for (String uri : buckets) {
      readS3(region, accountId, uri, from, to, reader, coverage);
      labels.add(uri);
    }
    FlowSummary summary = reader.summary(String.join(", ", labels));
    return region.withFlows(summary);
  }

  private static List<FlowReader.SourceReport> after(
      FlowReader reader, List<FlowReader.SourceReport> before) {
    List<FlowReader.SourceReport> all = reader.sources();
    return all.subList(before.size(), all.size());
  }

  /** The one format the region's flow logs share, for files that do not say theirs. */
  private static Optional<FlowFormat> snapshotFormat(RegionSnapshot region) {
    Set<String> formats = new LinkedHashSet<>();
    for (FlowLog l : region.ec2().flowLogs()) {
      formats.add(l.logFormat() == null ? FlowFormat.DEFAULT_FORMAT_STRING : l.logFormat());
    }
    return formats.size() == 1
        ? Optional.of(FlowFormat.parse(formats.iterator().next()))
        : Optional.empty();
  }

  private static FlowFormat formatOf(RegionSnapshot region, String group, FlowFormat fallback) {
    return region.ec2().flowLogs().stream()
        .filter(l -> group.equals(l.logGroupName()))
        .map(FlowLog::logFormat)
        .findFirst()
        .map(f -> f == null ? FlowFormat.DEFAULT : FlowFormat.parse(f))
        .orElse(fallback);
  }

  // --- CloudWatch Logs ---

  private void readLogGroup(
      RegionSnapshot region,
      String group,
      Instant from,
      Instant to,
      FlowFormat fallback,
      FlowReader reader,
      List<Coverage> coverage) {
    String name = "CloudWatch Logs " + group;
    List<FlowReader.SourceReport> before = reader.sources();
    FlowFormat format;
    try {
      format = formatOf(region, group, fallback);
    } catch (IllegalArgumentException e) {
      reader.unreadable(name, e.getMessage());
      coverage.addAll(FlowCoverage.of(region.region(), LOGS_ACTION, after(reader, before)));
      return;
    }
    CloudWatchLogsClient logs = requireClients().logs(region.region());
    FilterLogEventsRequest.Builder req = FilterLogEventsRequest.builder().logGroupName(group);
    if (from != null) req.startTime(from.toEpochMilli());
    if (to != null) req.endTime(to.toEpochMilli());
    Iterator<FilterLogEventsResponse> pages = logs.filterLogEventsPaginator(req.build()).iterator();
    // The first call, made now: a denied group is a coverage entry, not a half-read one.
    try {
      var unused = pages.hasNext();
    } catch (SdkException e) {
      coverage.add(
          new Coverage(
              region.region(), LOGS_ACTION, Failures.outcome(e), group, Failures.message(e), 1, 0));
      reader.unreadable(name, Failures.message(e));
      return;
    }
    reader.read(new FlowSource(name, () -> new EventStream(pages), format));
    coverage.addAll(FlowCoverage.of(region.region(), LOGS_ACTION, after(reader, before)));
  }

  /** Log events as lines, page after page, as they are read. */
  private static final class EventStream extends InputStream {
    private final Iterator<FilterLogEventsResponse> pages;
    private Iterator<FilteredLogEvent> events = java.util.Collections.emptyIterator();
    private byte[] current = new byte[0];
    private int pos;

    EventStream(Iterator<FilterLogEventsResponse> pages) {
      this.pages = pages;
    }

    private boolean fill() throws IOException {
      try {
        while (!events.hasNext()) {
          if (!pages.hasNext()) return false;
          events = pages.next().events().iterator();
        }
      } catch (SdkException e) {
        throw new IOException(Failures.message(e), e);
      }
      current = (events.next().message().strip() + "\n").getBytes(StandardCharsets.UTF_8);
      pos = 0;
      return true;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (pos == current.length) if (!fill()) return -1;
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int read() throws IOException {
      while (pos == current.length) if (!fill()) return -1;
      return current[pos++] & 0xff;
    }
  }

  // --- S3 ---

  private void readS3(
      RegionSnapshot region,
      String accountId,
      String uri,
      Instant from,
      Instant to,
      FlowReader reader,
      List<Coverage> coverage) {
    if (!uri.startsWith("s3://") || uri.length() <= 5) {
      throw new IllegalArgumentException("--s3 takes s3://BUCKET/PREFIX, not '" + uri + "'");
    }
    String rest = uri.substring(5);
    String bucket = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    String prefix = rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : "";
    if (!prefix.isEmpty() && !prefix.endsWith("/")) prefix += "/";
    S3Client s3 = requireClients().s3(region.region());
    Instant start = from == null ? to.minus(Duration.ofMinutes(30)) : from;
    List<String> prefixes = new ArrayList<>();
    if (prefix.contains("AWSLogs/")) {
      prefixes.add(prefix); // the caller already points into the layout
    } else {
      for (LocalDate day = LocalDate.ofInstant(start.minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
          !day.isAfter(LocalDate.ofInstant(to.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
          day = day.plusDays(1)) {
        String account = accountId == null ? "" : accountId;
        prefixes.add(
            String.format(
                "%sAWSLogs/%s/vpcflowlogs/%s/%04d/%02d/%02d/",
                prefix,
                account,
                region.region(),
                day.getYear(),
                day.getMonthValue(),
                day.getDayOfMonth()));
        prefixes.add(
            String.format(
                "%sAWSLogs/aws-account-id=%s/aws-service=vpcflowlogs/aws-region=%s/year=%04d/month=%02d/day=%02d/",
                prefix,
                account,
                region.region(),
                day.getYear(),
                day.getMonthValue(),
                day.getDayOfMonth()));
      }
    }
    List<String> keys = new ArrayList<>();
    int calls = 0;
    try {
      for (String p : prefixes) {
        for (var page :
            s3.listObjectsV2Paginator(
                ListObjectsV2Request.builder().bucket(bucket).prefix(p).build())) {
          calls++;
          for (S3Object o : page.contents()) {
            if (inWindow(o.key(), start, to)) keys.add(o.key());
          }
        }
      }
    } catch (SdkException e) {
      coverage.add(
          new Coverage(
              region.region(),
              LIST_ACTION,
              Failures.outcome(e),
              uri,
              Failures.message(e),
              calls,
              0));
      reader.unreadable(uri, Failures.message(e));
      return;
    }
    coverage.add(Coverage.ok(region.region(), LIST_ACTION, null, calls, 0));
    List<FlowReader.SourceReport> before = reader.sources();
    for (String key : keys) {
      String name = "s3://" + bucket + "/" + key;
      if (key.endsWith(".parquet")) {
        reader.unreadable(name, "Parquet: read it with --athena");
        continue;
      }
      reader.read(
          new FlowSource(
              name,
              () -> {
                try {
                  return s3.getObject(b -> b.bucket(bucket).key(key));
                } catch (SdkException e) {
                  throw new IOException(Failures.message(e), e);
                }
              },
              null));
    }
    coverage.addAll(FlowCoverage.of(region.region(), GET_ACTION, after(reader, before)));
  }

  // A file holds records whose end falls in the five minutes after the time in its name (more when
  // it was cut at 75 MB): keep those that can overlap the window.
  private static boolean inWindow(String key, Instant from, Instant to) {
    if (!key.endsWith(".log.gz") && !key.endsWith(".log") && !key.endsWith(".parquet"))
      return false;
    Matcher m = FILE_TIME.matcher(key.replaceFirst("\\.(log\\.gz|log|parquet)$", ""));
    if (!m.find()) return true;
    Instant t = NAME_TIME.parse(m.group(1), Instant::from);
    return !t.isBefore(from.minus(Duration.ofMinutes(15)))
        && t.isBefore(to.plus(Duration.ofMinutes(15)));
  }

  private AwsClients requireClients() {
    if (clients == null) {
      throw new IllegalStateException("reading CloudWatch Logs or S3 needs AWS access");
    }
    return clients;
  }
}
