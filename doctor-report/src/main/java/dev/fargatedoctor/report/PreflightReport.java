package dev.fargatedoctor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.capacity.FargatePool;
import dev.fargatedoctor.check.capacity.LaunchEstimate;
import dev.fargatedoctor.check.capacity.PeakPlan;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The answer of {@code fargate-doctor preflight}: per region, the planned services, then a verdict
 * and margin per resource, the time Fargate needs to launch the new tasks, and the assumptions.
 * Text fits 100 columns; JSON is schema {@code fargate-doctor/preflight/v1}.
 */
public final class PreflightReport {
  public static final String SCHEMA = "fargate-doctor/preflight/v1";

  private final Ansi ansi;
  private final int width;

  public PreflightReport(boolean color) {
    this(color, TextReport.WIDTH);
  }

  /** Text wrapped to width columns (the terminal's). */
  public PreflightReport(boolean color, int width) {
    this.ansi = new Ansi(color);
    this.width = width;
  }

  public void text(PeakPlan plan, PrintWriter out) {
    String header =
        "Fargate Doctor preflight — "
            + (plan.accountId() == null ? "account unknown" : "account " + safe(plan.accountId()))
            + " · plan "
            + safe(String.join(" ", plan.requests()))
            + (plan.deployDuringPeak()
                ? " · with a deployment during the peak"
                : " · no deployment during the peak");
    List<String> lines = TextWrap.words(header, width);
    for (int i = 0; i < lines.size(); i++) {
      out.println(
          i == 0
              ? ansi.bold(lines.get(0).substring(0, 24)) + ansi.dim(lines.get(0).substring(24))
              : ansi.dim("  " + lines.get(i)));
    }
    long short_ = count(plan, PeakPlan.Verdict.DOES_NOT_FIT);
    long unknown = count(plan, PeakPlan.Verdict.UNKNOWN);
    String verdict =
        plan.fits()
            ? ansi.bold("The plan fits.")
            : short_ > 0
                ? ansi.bold(
                    "The plan does not fit: "
                        + short_
                        + " resource(s) short"
                        + (unknown > 0 ? ", " + unknown + " not readable" : "")
                        + ".")
                : ansi.bold("Cannot confirm the plan fits: " + unknown + " limit(s) not readable.");
    out.println(verdict);
    for (PeakPlan.Region r : plan.regions()) region(r, out);
    out.flush();
  }

  private void region(PeakPlan.Region r, PrintWriter out) {
    out.println();
    out.println(ansi.bold(safe(r.region())));
    out.println(
        String.format(
            Locale.ROOT,
            "  %-30s %8s %8s %14s %6s %12s  %s",
            "service",
            "desired",
            "planned",
            "peak (max %)",
            "vCPU",
            "OnDem/Spot",
            "AZs"));
    for (PeakPlan.ServiceLine s : r.services()) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-30s %8d %8d %14s %6s %12s  %s",
              clip(safe(s.service()), 30),
              s.desired(),
              s.planned(),
              s.peak() + " (" + s.maximumPercent() + " %)",
              s.vcpuPerTask() == null ? "?" : number(s.vcpuPerTask()),
              s.onDemandAtPeak() + "/" + s.spotAtPeak(),
              s.availabilityZones().size()));
    }
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "  %-36s %-13s %10s %10s %14s",
            "resource",
            "verdict",
            "needed",
            "available",
            "margin"));
    for (PeakPlan.Resource res : r.resources()) {
      String name = clip(safe(res.kind() + ("region".equals(res.id()) ? "" : " " + res.id())), 36);
      String tag = String.format(Locale.ROOT, "%-13s", res.verdict().name().replace('_', ' '));
      out.println(
          String.format(
              Locale.ROOT,
              "  %-36s %s %10s %10s %14s",
              name,
              colour(res.verdict(), tag),
              res.needed() == null ? "?" : "+" + number(res.needed()),
              res.available() == null ? "?" : number(res.available()),
              res.margin() == null ? "?" : number(res.margin()) + " " + res.unit()));
      for (String line : TextWrap.words(safe(res.detail()), width - 6))
        out.println("      " + ansi.dim(line));
    }
    for (LaunchEstimate l : r.launches()) {
      out.println();
      String when =
          l.seconds() == 0
              ? "within Fargate's burst of " + LaunchEstimate.BURST + " launches"
              : "at least "
                  + duration(l.seconds())
                  + " (Fargate launches "
                  + LaunchEstimate.BURST
                  + " at once, then "
                  + LaunchEstimate.PER_SECOND
                  + " a second, per Region)";
      for (String line :
          TextWrap.words(
              "Launching " + l.tasks() + " Fargate " + l.pool().label() + " task(s): " + when,
              width - 2)) {
        out.println("  " + line);
      }
    }
    out.println();
    out.println("  Assumptions:");
    for (String note : r.notes()) {
      List<String> lines = TextWrap.words(safe(note), width - 6);
      for (int i = 0; i < lines.size(); i++)
        out.println((i == 0 ? "    - " : "      ") + ansi.dim(lines.get(i)));
    }
  }

  public ObjectNode json(PeakPlan plan) {
    ObjectMapper m = SnapshotJson.mapper();
    ObjectNode root = m.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("account", plan.accountId());
    root.put("generatedAt", plan.generatedAt().toString());
    ArrayNode requests = root.putArray("plan");
    plan.requests().forEach(requests::add);
    root.put("deployDuringPeak", plan.deployDuringPeak());
    root.put("fits", plan.fits());
    ArrayNode regions = root.putArray("regions");
    for (PeakPlan.Region r : plan.regions()) {
      ObjectNode region = regions.addObject();
      region.put("region", r.region());
      ArrayNode services = region.putArray("services");
      for (PeakPlan.ServiceLine s : r.services()) services.add(m.valueToTree(s));
      ArrayNode resources = region.putArray("resources");
      for (PeakPlan.Resource res : r.resources()) resources.add(m.valueToTree(res));
      ArrayNode launches = region.putArray("launches");
      for (LaunchEstimate l : r.launches()) {
        launches
            .addObject()
            .put("pool", l.pool() == FargatePool.SPOT ? "FARGATE_SPOT" : "FARGATE")
            .put("tasks", l.tasks())
            .put("atLeastSeconds", l.seconds());
      }
      ArrayNode notes = region.putArray("assumptions");
      r.notes().forEach(notes::add);
    }
    return root;
  }

  private String colour(PeakPlan.Verdict v, String text) {
    return switch (v) {
      case FITS -> ansi.status(dev.fargatedoctor.check.Status.PASS, text);
      case TIGHT -> ansi.status(dev.fargatedoctor.check.Status.WARN, text);
      case DOES_NOT_FIT -> ansi.status(dev.fargatedoctor.check.Status.FAIL, text);
      case UNKNOWN -> ansi.status(dev.fargatedoctor.check.Status.UNKNOWN, text);
    };
  }

  private static String safe(String s) {
    return TextReport.safe(s);
  }

  private static long count(PeakPlan plan, PeakPlan.Verdict v) {
    return plan.regions().stream()
        .flatMap(r -> r.resources().stream())
        .filter(x -> x.verdict() == v && !"AZ IPs".equals(x.kind()))
        .count();
  }

  private static String duration(long seconds) {
    if (seconds < 120) return seconds + " s";
    return (seconds / 60) + " min " + (seconds % 60) + " s";
  }

  static String number(double v) {
    if (v == Math.rint(v)) return Long.toString((long) v);
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
  }

  private static String clip(String s, int width) {
    if (s.codePointCount(0, s.length()) <= width) return s;
    return s.substring(0, s.offsetByCodePoints(0, width - 1)) + "…";
  }
}
