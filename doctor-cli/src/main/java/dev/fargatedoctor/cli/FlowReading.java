package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.AwsClients;
import dev.fargatedoctor.collect.FlowRecords;
import dev.fargatedoctor.collect.FlowRecordsRequest;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads flow-log records into one region of a snapshot, for `flows`, `scan --flow-minutes` and
 * `triage`: the region named by --region (else the snapshot's first), its coverage appended.
 */
final class FlowReading {
  private FlowReading() {}

  static Snapshot attach(
      Snapshot snapshot,
      FlowRecordsRequest request,
      SourceOptions source,
      Context context,
      String regionName,
      PrintWriter err) {
    if (snapshot.regions().isEmpty()) {
      throw new IllegalArgumentException("the snapshot holds no region to tie flow records to");
    }
    RegionSnapshot region =
        regionName == null
            ? snapshot.regions().get(0)
            : snapshot
                .region(regionName)
                .orElseThrow(
                    () -> new IllegalArgumentException("the snapshot has no region " + regionName));
    List<Coverage> coverage = new ArrayList<>(snapshot.coverage());
    List<Coverage> added = new ArrayList<>();
    RegionSnapshot read;
    if (request.readsAws()) {
      try (AwsClients clients = new AwsClients(source.settings(), context.recorder())) {
        read =
            new FlowRecords(clients, context.clock())
                .read(region, snapshot.accountId(), request, added);
      }
    } else {
      read =
          new FlowRecords(null, context.clock()).read(region, snapshot.accountId(), request, added);
    }
    coverage.removeIf(
        c ->
            c.region().equals(region.region())
                && added.stream().anyMatch(a -> a.action().equals(c.action())));
    coverage.addAll(added);
    List<RegionSnapshot> regions = new ArrayList<>(snapshot.regions());
    regions.set(regions.indexOf(region), read);
    describe(read.flows(), err);
    return new Snapshot(snapshot.schema(), snapshot.capture(), regions, snapshot.iam(), coverage);
  }

  /**
   * The analyses on Athena for one region: the table over the S3 flow log (created when asked), the
   * window of the options, the format of that flow log (else --log-format, else the default).
   * Queries still running when the process is interrupted are stopped.
   */
  static Snapshot athena(
      Snapshot snapshot,
      FlowOptions options,
      dev.fargatedoctor.collect.AthenaFlows.Settings settings,
      SourceOptions source,
      Context context,
      String regionName) {
    if (snapshot.regions().isEmpty()) {
      throw new IllegalArgumentException("the snapshot holds no region to tie flow records to");
    }
    RegionSnapshot region =
        regionName == null
            ? snapshot.regions().get(0)
            : snapshot
                .region(regionName)
                .orElseThrow(
                    () -> new IllegalArgumentException("the snapshot has no region " + regionName));
    if (settings.createTable() && settings.location() == null) {
      throw new IllegalArgumentException(
          "--create-table needs --s3 s3://BUCKET/PREFIX: where the flow log delivers");
    }
    FlowRecordsRequest request = options.request(context.clock());
    dev.fargatedoctor.flows.FlowFormat format =
        dev.fargatedoctor.flows.FlowFormat.parse(
            options.logFormat != null
                ? options.logFormat
                : region.ec2().flowLogs().stream()
                    .filter(l -> "s3".equals(l.logDestinationType()))
                    .filter(
                        l ->
                            settings.location() == null
                                || (l.logDestination() != null
                                    && settings
                                        .location()
                                        .startsWith(
                                            "s3://"
                                                + l.logDestination()
                                                    .replaceFirst("^arn:aws[a-z-]*:s3:::", ""))))
                    .map(dev.fargatedoctor.snapshot.ec2.FlowLog::logFormat)
                    .filter(f -> f != null)
                    .findFirst()
                    .orElse(null));
    List<Coverage> added = new ArrayList<>();
    RegionSnapshot read;
    try (AwsClients clients = new AwsClients(source.settings(), context.recorder())) {
      dev.fargatedoctor.collect.AthenaFlows flows =
          new dev.fargatedoctor.collect.AthenaFlows(
              clients.athena(region.region()), context.clock(), d -> Thread.sleep(d.toMillis()));
      Thread stopper = new Thread(flows::cancelAll, "stop-athena-queries");
      Runtime.getRuntime().addShutdownHook(stopper);
      try {
        read =
            flows.run(
                region,
                snapshot.accountId(),
                settings,
                format,
                request.from(),
                request.to(),
                added);
      } finally {
        Runtime.getRuntime().removeShutdownHook(stopper);
      }
    }
    List<Coverage> coverage = new ArrayList<>(snapshot.coverage());
    coverage.addAll(added);
    List<RegionSnapshot> regions = new ArrayList<>(snapshot.regions());
    regions.set(regions.indexOf(region), read);
    return new Snapshot(snapshot.schema(), snapshot.capture(), regions, snapshot.iam(), coverage);
  }

  /** The last minutes of every region's flow logs (scan and triage --flow-minutes). */
  static Snapshot everyRegion(
      Snapshot snapshot, int minutes, SourceOptions source, Context context, PrintWriter err) {
    FlowRecordsRequest request = FlowOptions.lastMinutes(context.clock(), minutes);
    Snapshot out = snapshot;
    for (RegionSnapshot r : snapshot.regions()) {
      out = attach(out, request, source, context, r.region(), err);
    }
    return out;
  }

  /** One line on stderr: what was read, and whether anything was not. */
  static void describe(FlowSummary s, PrintWriter err) {
    FlowSummary.FlowCounts c = s.counts();
    long minutes = Math.max(s.coveredSeconds() / 60, s.coveredSeconds() > 0 ? 1 : 0);
    StringBuilder b =
        new StringBuilder(
            String.format(
                "fargate-doctor: %,d flow records over %d min from %s",
                c.records(), minutes, s.source()));
    List<String> also = new ArrayList<>();
    if (c.noData() > 0) also.add(c.noData() + " NODATA");
    if (c.skipData() > 0) also.add(c.skipData() + " SKIPDATA");
    if (c.malformed() > 0) also.add(c.malformed() + " malformed lines");
    if (c.truncated() > 0) also.add(c.truncated() + " truncated");
    if (c.unreadable() > 0) also.add(c.unreadable() + " unreadable");
    if (c.outsideWindow() > 0) also.add(c.outsideWindow() + " outside the window");
    if (c.skewed() > 0) also.add(c.skewed() + " with impossible times");
    if (!also.isEmpty()) b.append(" (").append(String.join(", ", also)).append(")");
    err.println(b);
    for (String p : s.problems()) err.println("  " + p);
    err.flush();
  }
}
