package dev.fargatedoctor.check.flows;

import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.network.FlowLogsMissing;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the flow checks share: the window in words, the format's gaps, a service's resource. */
final class FlowFacts {
  private FlowFacts() {}

  static Resource resource(FlowPlaces.Local l) {
    Service s = l.service();
    return s != null
        ? new Resource("service", FlowPlaces.label(s), s.serviceArn())
        : new Resource("service", l.serviceLabel(), null);
  }

  /** "1,234 records over 30 min (source)": what a finding was judged on. */
  static Fact window(FlowSummary s) {
    long minutes = Math.max(1, s.coveredSeconds() / 60);
    String span = minutes >= 120 ? String.format("%.1f h", minutes / 60.0) : minutes + " min";
    return Fact.line(
        String.format("%,d", s.counts().records())
            + " records over "
            + span
            + " ("
            + s.source()
            + ")",
        "records",
        s.counts().records(),
        "coveredSeconds",
        s.coveredSeconds(),
        "source",
        s.source());
  }

  /**
   * What may make the numbers low: SKIPDATA, and groups the analyser's bounded tables dropped to
   * make room. {@code maxMissing} is how much the finding's own rows may lack (records, or bytes),
   * 0 when they are exact: then the counts are estimates and the evidence says so.
   */
  static void caveats(FindingBuilder f, FlowSummary s, long maxMissing, String unit) {
    if (maxMissing > 0) {
      f.evidence(
          "estimate",
          String.format(
              "counts are lower bounds: the analyser's bounded tables dropped small groups to"
                  + " make room, so these rows may lack up to %,d %s (exact on Athena)",
              maxMissing, unit));
    }
    if (s.counts().skipData() > 0) {
      f.evidence(
          "skipped by AWS",
          s.counts().skipData()
              + " SKIPDATA records: some flows were not captured (capacity), so counts are low");
    }
    if (s.counts().overflow() > 0) {
      f.evidence(
          "not grouped",
          s.counts().overflow()
              + " records of small groups dropped from the analyser's bounded tables to make room:"
              + " counted, in no row");
    }
  }

  static String time(long epoch) {
    return epoch < 0 ? "?" : Instant.ofEpochSecond(epoch).toString();
  }

  /**
   * An UNKNOWN finding when the format lacks fields a check needs, naming them and the format to
   * create the next flow log with; empty when every field is there.
   */
  static Optional<Finding> missingFields(
      CheckContext ctx, FlowSummary s, String what, List<String> needed) {
    List<String> missing = needed.stream().filter(f -> !s.has(f)).toList();
    if (missing.isEmpty()) return Optional.empty();
    return Optional.of(
        ctx.finding(Resource.of("region", ctx.region().name()))
            .unknown(
                "the flow log format has no "
                    + String.join(", ", missing.stream().map(m -> "${" + m + "}").toList())
                    + ": "
                    + what
                    + " cannot be judged")
            .evidence("fields read", s.fields())
            .fix(
                "Flow log formats cannot be changed: create a flow log with a custom format that has the fields "
                    + "(and delete the old one once the new one delivers), for example: "
                    + FlowLogsMissing.LOG_FORMAT)
            .build());
  }

  /**
   * Whether a record on this interface went out of it (true), came in (false), or cannot be told
   * (empty): the interface's own address says, else the record's flow-direction.
   */
  static Optional<Boolean> outbound(FlowPlaces.Local l, String src, String dst, String direction) {
    if (l.ip() != null) {
      if (l.ip().equals(src)) return Optional.of(true);
      if (l.ip().equals(dst)) return Optional.of(false);
    }
    if ("egress".equals(direction)) return Optional.of(true);
    if ("ingress".equals(direction)) return Optional.of(false);
    return Optional.empty();
  }
}
