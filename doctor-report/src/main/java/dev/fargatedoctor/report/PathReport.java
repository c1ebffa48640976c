package dev.fargatedoctor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.network.Hop;
import dev.fargatedoctor.check.network.PathResult;
import dev.fargatedoctor.check.network.Verdict;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The paths of one service, hop by hop: what {@code fargate-doctor path} prints. Text fits 100
 * columns; JSON is {@code fargate-doctor/path/v1}.
 */
public final class PathReport {
  public static final String SCHEMA = "fargate-doctor/path/v1";

  /** A service's paths: one per subnet and destination. */
  /**
   * @param decisions the team's excludes that cover this service's egress (from its configuration),
   *     each described with its reason: shown, not applied, since the path was asked for
   */
  public record ServicePaths(
      String region,
      String cluster,
      String service,
      List<PathResult> paths,
      List<String> decisions) {
    public ServicePaths {
      paths = List.copyOf(paths);
      decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    public ServicePaths(String region, String cluster, String service, List<PathResult> paths) {
      this(region, cluster, service, paths, List.of());
    }

    /** REACHABLE only when every path is. */
    public Verdict verdict() {
      if (paths.stream().anyMatch(p -> p.verdict() == Verdict.BLOCKED)) return Verdict.BLOCKED;
      if (paths.stream().anyMatch(p -> p.verdict() == Verdict.UNDETERMINED))
        return Verdict.UNDETERMINED;
      return Verdict.REACHABLE;
    }
  }

  private PathReport() {}

  public static void text(ServicePaths s, PrintWriter out) {
    text(s, out, TextReport.WIDTH);
  }

  /** The paths as text wrapped to width columns (the terminal's). */
  public static void text(ServicePaths s, PrintWriter out, int width) {
    for (String d : s.decisions()) out.println("Note: the team excludes " + d);
    for (PathResult p : s.paths()) {
      out.println(
          safe(
                  s.service()
                      + " ("
                      + s.cluster()
                      + ", "
                      + s.region()
                      + ") -> "
                      + p.destination().describe()
                      + " from "
                      + p.source().subnetId())
              + ": "
              + p.verdict());
      int n = 0;
      for (Hop h : p.hops()) {
        n++;
        String head =
            String.format(
                Locale.ROOT,
                "  %2d %-13s %s",
                n,
                status(h),
                safe(h.component() + (h.id() == null ? "" : " " + h.id())));
        out.println(head);
        String detail = safe(h.detail()) + (h.code() == null ? "" : " [" + h.code() + "]");
        for (String line : TextWrap.words(detail, width - 20))
          out.println("                   " + line);
      }
      p.firstBlocking()
          .ifPresent(
              h ->
                  wrap(
                      out,
                      width,
                      "first blocking hop: "
                          + safe(h.component() + (h.id() == null ? "" : " " + h.id()))
                          + " — "
                          + h.code().meaning()));
      if (p.firstBlocking().isEmpty()) {
        p.firstNotEvaluated()
            .ifPresent(
                h ->
                    wrap(
                        out,
                        width,
                        "not evaluated: "
                            + safe(h.component() + (h.id() == null ? "" : " " + h.id()))
                            + " — "
                            + h.code().meaning()));
      }
      p.risks().stream()
          .map(Hop::code)
          .distinct()
          .forEach(c -> wrap(out, width, "risk: " + c + " — " + c.meaning()));
      out.println();
    }
    long blocked = s.paths().stream().filter(p -> p.verdict() == Verdict.BLOCKED).count();
    long undetermined = s.paths().stream().filter(p -> p.verdict() == Verdict.UNDETERMINED).count();
    out.println(
        "Verdict: "
            + s.verdict()
            + " ("
            + s.paths().size()
            + " paths: "
            + blocked
            + " blocked, "
            + undetermined
            + " not evaluated). `fargate-doctor scan` prints the fixes.");
    out.flush();
  }

  private static String safe(String s) {
    return TextReport.safe(s);
  }

  private static void wrap(PrintWriter out, int width, String text) {
    List<String> lines = TextWrap.words(text, width - 4);
    for (int i = 0; i < lines.size(); i++) out.println((i == 0 ? "  " : "    ") + lines.get(i));
  }

  private static String status(Hop h) {
    return switch (h.status()) {
      case OK -> "ok";
      case RISK -> "RISK";
      case BLOCKED -> "BLOCKED";
      case NOT_EVALUATED -> "NOT EVALUATED";
    };
  }

  public static ObjectNode json(ServicePaths s) {
    ObjectMapper m = SnapshotJson.mapper();
    ObjectNode root = m.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("region", s.region());
    root.put("cluster", s.cluster());
    root.put("service", s.service());
    root.put("verdict", s.verdict().name());
    if (!s.decisions().isEmpty()) {
      ArrayNode decisions = root.putArray("excludedBy");
      s.decisions().forEach(decisions::add);
    }
    ArrayNode paths = root.putArray("paths");
    for (PathResult p : s.paths()) {
      ObjectNode path = paths.addObject();
      path.put("subnet", p.source().subnetId());
      ArrayNode groups = path.putArray("securityGroups");
      p.source().securityGroups().forEach(groups::add);
      path.put("publicIp", p.source().publicIp());
      ObjectNode destination = path.putObject("destination");
      destination.put("label", p.destination().label());
      if (p.destination().service() != null)
        destination.put("service", p.destination().service().suffix());
      if (p.destination().address() != null)
        destination.put("address", p.destination().address().toString());
      destination.put("port", p.destination().port());
      path.put("verdict", p.verdict().name());
      p.firstBlocking().ifPresent(h -> path.put("firstBlockingHop", h.describe()));
      ArrayNode hops = path.putArray("hops");
      for (Hop h : p.hops()) {
        ObjectNode hop = hops.addObject();
        hop.put("component", h.component());
        hop.put("id", h.id());
        hop.put("status", h.status().name());
        hop.put("detail", h.detail());
        if (h.code() != null) {
          hop.put("code", h.code().name());
          hop.put("meaning", h.code().meaning());
        }
      }
    }
    return root;
  }

  public static void json(ServicePaths s, Writer out) throws IOException {
    out.write(SnapshotJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(s)));
    out.write(System.lineSeparator());
    out.flush();
  }
}
