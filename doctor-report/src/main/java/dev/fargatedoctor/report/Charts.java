package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.check.capacity.EniClassifier;
import dev.fargatedoctor.check.capacity.EniConsumer;
import dev.fargatedoctor.check.metrics.MemoryLeakTrend;
import dev.fargatedoctor.check.metrics.RobustTrend;
import dev.fargatedoctor.report.HtmlReport.Html;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Inline SVG charts for the HTML report, drawn from the snapshot itself. */
final class Charts {
  private static final String[] PALETTE = {
    "#1971c2", "#e67700", "#2b8a3e", "#862e9c", "#c92a2a", "#0b7285", "#5c940d", "#495057",
    "#a61e4d"
  };

  /** The legend swatches' colours, one class per palette entry, for the report's style sheet. */
  static String swatchCss() {
    StringBuilder css = new StringBuilder();
    for (int i = 0; i < PALETTE.length; i++) {
      css.append(".swatch").append(i).append("{background:").append(PALETTE[i]).append('}');
    }
    return css.toString();
  }

  private Charts() {}

  static final String OK = "#2b8a3e";
  static final String NOT_EVALUATED = "#868e96";

  /**
   * The colour of a resource's bar: its finding's severity when a check failed or warned on it,
   * grey when that check could not judge it, green when it passed or found nothing.
   */
  static String findingColor(Diagnosis d, String checkId, String resourceId) {
    List<Finding> mine =
        d.findings().stream()
            .filter(f -> f.checkId().equals(checkId) && f.resource().id().equals(resourceId))
            .toList();
    return mine.stream()
        .filter(f -> f.status().isProblem())
        .map(Finding::severity)
        .min(Comparator.naturalOrder())
        .map(HtmlReport::color)
        .orElse(mine.stream().anyMatch(f -> f.status() == Status.UNKNOWN) ? NOT_EVALUATED : OK);
  }

  /**
   * Per region: a gauge of ENIs in use against the quota, marked at the team's thresholds
   * (eniWarnPercent, eniCriticalPercent) and coloured by ENI-QUOTA's finding, and a bar of who uses
   * them.
   */
  static void eniGauges(Html h, Snapshot snapshot, Diagnosis d, Thresholds thresholds) {
    double warn = thresholds.eniWarnPercent() / 100;
    double critical = thresholds.eniCriticalPercent() / 100;
    for (RegionSnapshot r : snapshot.regions()) {
      List<NetworkInterface> enis = r.ec2().networkInterfaces();
      double quota =
          r.quotas().stream()
              .filter(
                  q ->
                      "vpc".equals(q.serviceCode())
                          && ServiceQuota.NETWORK_INTERFACES_CODE.equals(q.quotaCode()))
              .map(ServiceQuota::value)
              .findFirst()
              .orElse(Double.NaN);
      boolean known = !Double.isNaN(quota);
      double limit = known ? quota : 5000;
      double share = Math.min(1, enis.size() / limit);
      String color = findingColor(d, "ENI-QUOTA", r.region());
      h.raw("<div class=\"chart\"><h4>").text("Network interfaces · " + r.region()).raw("</h4>");
      h.raw("<svg viewBox=\"0 0 240 140\" role=\"img\" aria-label=\"")
          .text(enis.size() + " of " + fmt(limit) + " network interfaces")
          .raw("\">");
      h.raw(
          "<path d=\"M20 120 A100 100 0 0 1 220 120\" fill=\"none\" stroke=\"#e9ecef\" stroke-width=\"22\"/>");
      double angle = Math.PI * (1 - share);
      double x = 120 + 100 * Math.cos(angle);
      double y = 120 - 100 * Math.sin(angle);
      if (share > 0) {
        h.raw(
            String.format(
                Locale.ROOT,
                "<path d=\"M20 120 A100 100 0 0 1 %.1f %.1f\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"22\"/>",
                x,
                y,
                color));
      }
      for (double mark : new double[] {warn, critical}) {
        double a = Math.PI * (1 - mark);
        h.raw(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#495057\" "
                    + "stroke-width=\"2\"/>",
                120 + 86 * Math.cos(a),
                120 - 86 * Math.sin(a),
                120 + 114 * Math.cos(a),
                120 - 114 * Math.sin(a)));
      }
      h.raw(
          String.format(
              Locale.ROOT,
              "<text x=\"120\" y=\"105\" text-anchor=\"middle\" font-size=\"26\" "
                  + "font-weight=\"bold\">%.0f%%</text>",
              100.0 * enis.size() / limit));
      h.raw("<text x=\"120\" y=\"128\" text-anchor=\"middle\" font-size=\"12\">")
          .text(enis.size() + " of " + fmt(limit) + (known ? "" : " (default, quota not read)"))
          .raw("</text>");
      // the scale's ends: none in use, and the quota
      h.raw("<text x=\"20\" y=\"138\" text-anchor=\"middle\" font-size=\"10\">0</text>");
      h.raw("<text x=\"220\" y=\"138\" text-anchor=\"middle\" font-size=\"10\">")
          .text(fmt(limit))
          .raw("</text></svg>");

      EniClassifier classifier = new EniClassifier(r);
      Map<EniConsumer, Integer> byConsumer = new EnumMap<>(EniConsumer.class);
      enis.forEach(e -> byConsumer.merge(classifier.classify(e), 1, Integer::sum));
      stackedBar(h, byConsumer, enis.size());
      h.raw("<p class=\"note\">")
          .text(
              "Quota vpc/L-DF5E4CA3 is per Region; marks at "
                  + fmt(thresholds.eniWarnPercent())
                  + " % and "
                  + fmt(thresholds.eniCriticalPercent())
                  + " % (eniWarnPercent, eniCriticalPercent).")
          .raw("</p></div>");
    }
  }

  // The bar is SVG; the legend is HTML so its text keeps the page's size whatever the chart's
  // width.
  private static void stackedBar(Html h, Map<EniConsumer, Integer> parts, int total) {
    if (total == 0) return;
    h.raw(
        "<svg viewBox=\"0 0 240 14\" preserveAspectRatio=\"none\" class=\"bar\" role=\"img\" "
            + "aria-label=\"network interfaces by consumer\">");
    double x = 0;
    int i = 0;
    for (Map.Entry<EniConsumer, Integer> e : parts.entrySet()) {
      double w = 240.0 * e.getValue() / total;
      h.raw(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"14\" fill=\"%s\"/>",
              x,
              w,
              PALETTE[i % PALETTE.length]));
      x += w;
      i++;
    }
    h.raw("</svg><ul class=\"legend\">");
    i = 0;
    for (Map.Entry<EniConsumer, Integer> e : parts.entrySet()) {
      // a class, not a style attribute: the page's Content-Security-Policy allows only its own
      // style sheet
      h.raw("<li><span class=\"swatch" + (i % PALETTE.length) + "\"></span>")
          .text(e.getKey().label() + " " + e.getValue())
          .raw("</li>");
      i++;
    }
    h.raw("</ul>");
  }

  /** Free addresses per subnet that runs tasks: a bar of used addresses, with the free count. */
  static void subnetBars(Html h, Snapshot snapshot, Diagnosis d) {
    for (RegionSnapshot r : snapshot.regions()) {
      Set<String> taskSubnets = new LinkedHashSet<>();
      for (Service s : r.ecs().services()) taskSubnets.addAll(s.subnets());
      List<Subnet> subnets =
          r.ec2().subnets().stream().filter(s -> taskSubnets.contains(s.subnetId())).toList();
      if (subnets.isEmpty()) continue;
      int rowHeight = 22;
      h.raw("<div class=\"chart\"><h4>")
          .text("Free IP addresses per task subnet · " + r.region())
          .raw("</h4>");
      int axis = rowHeight * subnets.size() + 4;
      h.raw("<svg viewBox=\"0 0 360 " + (axis + 30) + "\" role=\"img\" aria-label=\"free IPs\">");
      int row = 0;
      for (Subnet s : subnets) {
        int usable = usable(s.cidrBlock());
        int free = s.availableIpAddressCount() == null ? -1 : s.availableIpAddressCount();
        double used =
            usable <= 0 || free < 0 ? 0 : Math.max(0, Math.min(1, 1 - (double) free / usable));
        String color = findingColor(d, "SUBNET-IPS", s.subnetId());
        int y = row * rowHeight;
        h.raw("<text x=\"0\" y=\"" + (y + 14) + "\" font-size=\"11\">")
            .text(s.subnetId() + " " + (s.availabilityZone() == null ? "" : s.availabilityZone()))
            .raw("</text>");
        h.raw(
            String.format(
                Locale.ROOT,
                "<rect x=\"170\" y=\"%d\" width=\"100\" height=\"14\" fill=\"#e9ecef\"/>"
                    + "<rect x=\"170\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>",
                y + 3,
                y + 3,
                100 * used,
                color));
        h.raw("<text x=\"274\" y=\"" + (y + 14) + "\" font-size=\"11\">")
            .text(free < 0 ? "?" : free + " free")
            .raw("</text>");
        row++;
      }
      // the axis: share of the usable addresses in use
      h.raw(
          String.format(
              Locale.ROOT,
              "<line x1=\"170\" y1=\"%d\" x2=\"270\" y2=\"%d\" stroke=\"#495057\"/>",
              axis,
              axis));
      for (int pct = 0; pct <= 100; pct += 50) {
        h.raw(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#495057\"/>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%d %%</text>",
                170 + pct,
                axis,
                170 + pct,
                axis + 4,
                170 + pct,
                axis + 15,
                pct));
      }
      h.raw(
          "<text x=\"220\" y=\""
              + (axis + 27)
              + "\" text-anchor=\"middle\" font-size=\"10\">addresses in use</text>");
      h.raw(
          "</svg><p class=\"note\">Bars show addresses in use of the subnet's usable ones (AWS reserves 5 per "
              + "subnet), coloured by the SUBNET-IPS finding's severity; every task needs one.</p></div>");
    }
  }

  private static int usable(String cidr) {
    if (cidr == null || !cidr.contains("/")) return 0;
    int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    return bits > 30 ? 0 : (1 << (32 - bits)) - 5;
  }

  /**
   * Memory per service when the snapshot carries the series: used megabytes over time, the reserved
   * limit, and the trend extended to where it meets the limit.
   */
  static void memoryTrends(Html h, Snapshot snapshot, Thresholds thresholds) {
    java.time.Duration window = java.time.Duration.ofHours(thresholds.trendWindowHours());
    for (RegionSnapshot r : snapshot.regions()) {
      Map<String, MetricSeries> used = new LinkedHashMap<>();
      Map<String, MetricSeries> reserved = new LinkedHashMap<>();
      for (MetricSeries m : r.metrics()) {
        String service = m.dimensions().get("ServiceName");
        if (service == null || m.values().isEmpty()) continue;
        // the points MEMORY-LEAK-TREND judges: the team's trend window
        if ("MemoryUtilized".equals(m.metricName()))
          used.put(service, MemoryLeakTrend.lastHours(m, window));
        if ("MemoryReserved".equals(m.metricName())) reserved.put(service, m);
      }
      for (Map.Entry<String, MetricSeries> e : used.entrySet()) {
        memoryChart(h, r.region(), e.getKey(), e.getValue(), reserved.get(e.getKey()));
      }
    }
  }

  private static void memoryChart(
      Html h, String region, String service, MetricSeries used, MetricSeries reserved) {
    List<Instant> t = used.timestamps();
    List<Double> v = used.values();
    int n = Math.min(t.size(), v.size());
    if (n < 2) return;
    double limit =
        reserved == null || reserved.values().isEmpty()
            ? Double.NaN
            : reserved.values().get(reserved.values().size() - 1);
    double t0 = t.get(0).getEpochSecond();
    double t1 = t.get(n - 1).getEpochSecond();
    // The same fit MEMORY-LEAK-TREND judges by, so the drawn line is the one the finding describes.
    double[] hours = new double[n];
    double[] mb = new double[n];
    for (int i = 0; i < n; i++) {
      hours[i] = (t.get(i).getEpochSecond() - t0) / 3600.0;
      mb[i] = v.get(i);
    }
    RobustTrend.Fit fit = RobustTrend.fit(hours, mb);
    double perSecond = fit == null ? 0 : fit.slopePerHour() / 3600;
    double level = fit == null ? v.get(n - 1) : fit.level();
    double horizon = t1;
    if (!Double.isNaN(limit) && perSecond > 0) {
      double reach = t1 + (limit - level) / perSecond;
      horizon = Math.min(Math.max(t1, reach), t1 + 2 * (t1 - t0));
    }
    double max = v.subList(0, n).stream().mapToDouble(Double::doubleValue).max().orElse(1);
    if (!Double.isNaN(limit)) max = Math.max(max, limit);
    max *= 1.05;
    // The plot area, with room on the left for the MB scale and below for the times.
    double left = 56;
    double top = 10;
    double width = 290;
    double height = 120;
    double bottom = top + height;
    double span = Math.max(1, horizon - t0);
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < n; i++) {
      points.append(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f ",
              left + width * (t.get(i).getEpochSecond() - t0) / span,
              top + height * (1 - v.get(i) / max)));
    }
    h.raw("<div class=\"chart\"><h4>").text("Memory · " + service + " · " + region).raw("</h4>");
    h.raw("<svg viewBox=\"0 0 360 170\" role=\"img\" aria-label=\"memory of ")
        .text(service)
        .raw(" in MB over time\">");
    // axes: megabytes up the left, UTC time along the bottom
    h.raw(
        String.format(
            Locale.ROOT,
            "<path d=\"M%.1f %.1f V%.1f H%.1f\" fill=\"none\" stroke=\"#495057\"/>",
            left,
            top,
            bottom,
            left + width));
    for (double f : new double[] {0, 0.5, 1}) {
      double y = top + height * (1 - f * (max / 1.05) / max);
      h.raw(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#495057\"/>"
                      + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">",
                  left - 4,
                  y,
                  left,
                  y,
                  left - 6,
                  y + 3))
          .text(fmt(Math.round(f * max / 1.05)) + " MB")
          .raw("</text>");
    }
    DateTimeFormatter clock =
        DateTimeFormatter.ofPattern(horizon - t0 > 24 * 3600 ? "MM-dd HH:mm" : "HH:mm")
            .withZone(ZoneOffset.UTC);
    double[] ticks = horizon > t1 ? new double[] {t0, t1, horizon} : new double[] {t0, t1};
    for (double tick : ticks) {
      double x = left + width * (tick - t0) / span;
      h.raw(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#495057\"/>"
                      + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"10\">",
                  x,
                  bottom,
                  x,
                  bottom + 4,
                  x,
                  bottom + 15,
                  tick == t0 ? "start" : tick == ticks[ticks.length - 1] ? "end" : "middle"))
          .text(clock.format(Instant.ofEpochSecond((long) tick)))
          .raw("</text>");
    }
    h.raw(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">time (UTC)</text>",
            left + width / 2,
            bottom + 30));
    h.raw("<polyline fill=\"none\" stroke=\"#1971c2\" stroke-width=\"1.5\" points=\"")
        .raw(points.toString().trim())
        .raw("\"/>");
    if (!Double.isNaN(limit)) {
      double y = top + height * (1 - limit / max);
      h.raw(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#b00020\" "
                  + "stroke-dasharray=\"4 3\"/>",
              left,
              y,
              left + width,
              y));
      h.raw(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#b00020\">",
                  left + 2,
                  y - 3))
          .text("reserved " + fmt(limit) + " MB")
          .raw("</text>");
    }
    if (perSecond > 0 && horizon > t1) {
      double xa = left + width * (t1 - t0) / span;
      double xb = left + width * (horizon - t0) / span;
      h.raw(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e67700\" "
                  + "stroke-dasharray=\"2 2\"/>",
              xa,
              top + height * (1 - level / max),
              xb,
              top + height * (1 - (level + perSecond * (horizon - t1)) / max)));
    }
    String note =
        fit == null
            ? "Too few points for a trend."
            : String.format(
                Locale.ROOT,
                "%s MB/hour (robust slope); dashed: the trend extended toward the limit.",
                MemoryLeakTrend.fmt(fit.slopePerHour()));
    h.raw("</svg><p class=\"note\">").text(note).raw("</p></div>");
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
