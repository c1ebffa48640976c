package dev.fargatedoctor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.triage.TriageResult;
import dev.fargatedoctor.triage.TriageResult.StepResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Narrates a triage: each step with its verdict and evidence, then the probable cause, the fix,
 * what next.
 */
public final class TriageReport {
  public static final String SCHEMA = "fargate-doctor/triage/v1";

  private final Ansi ansi;
  private final int width;

  public TriageReport(boolean color) {
    this(color, TextReport.WIDTH);
  }

  /** Text wrapped to width columns (the terminal's). */
  public TriageReport(boolean color, int width) {
    this.ansi = new Ansi(color);
    this.width = width;
  }

  public void text(TriageResult r, PrintWriter out) {
    String title = "Triage: " + r.symptom().law().label();
    List<String> header =
        TextWrap.words(
            title
                + " — look at "
                + r.symptom().law().where()
                + (r.service() == null ? "" : ", for service " + safe(r.service())),
            width);
    // the title is short enough to stay on the first line, bold; the rest is dim
    out.println(ansi.bold(title) + ansi.dim(header.get(0).substring(title.length())));
    header.subList(1, header.size()).forEach(l -> out.println(ansi.dim(l)));
    int total = r.steps().size();
    for (StepResult s : r.steps()) {
      out.println();
      String verdict =
          s.status() == null ? ansi.dim("ADVICE") : ansi.status(s.status(), s.status().name());
      out.println(
          ansi.bold("Step " + s.number() + "/" + total + " · " + s.step().name()) + "  " + verdict);
      TextWrap.words("Why: " + s.step().why(), width - 2)
          .forEach(l -> out.println("  " + ansi.dim(l)));
      TextWrap.words(safe(s.summary()), width - 2).forEach(l -> out.println("  " + l));
      if (s.findings().isEmpty()) continue;
      evidence(s.findings().get(0), out);
      List<Finding> others =
          s.findings().subList(1, s.findings().size()).stream()
              .filter(f -> f.status() != Status.PASS)
              .toList();
      for (Finding f : others) {
        String tag = f.status() == Status.UNKNOWN ? "UNKNOWN" : f.severity().name();
        TextWrap.words(
                "also "
                    + tag
                    + " "
                    + safe(
                        f.checkId()
                            + " "
                            + f.resource().type()
                            + " "
                            + f.resource().id()
                            + ": "
                            + f.title()),
                width - 4)
            .forEach(l -> out.println("  " + l));
      }
    }
    out.println();
    if (r.cause().isPresent()) {
      Finding c = r.cause().get();
      out.println(
          ansi.bold("Most probable cause: ")
              + ansi.severity(c.severity(), safe(c.checkId()))
              + " "
              + safe(c.resource().type() + " " + c.resource().id()));
      TextWrap.words(safe(c.title()), width - 2).forEach(l -> out.println("  " + l));
      r.causeMessage()
          .ifPresent(
              m ->
                  TextWrap.words("ECS said: " + TextReport.value(m), width - 2)
                      .forEach(l -> out.println("  " + l)));
      if (c.remediation().text() != null) {
        TextWrap.words("Fix: " + safe(c.remediation().text()), width - 2)
            .forEach(l -> out.println("  " + l));
      }
    } else {
      boolean unknown = r.steps().stream().anyMatch(s -> s.status() == Status.UNKNOWN);
      out.println(
          ansi.bold(
                  unknown
                      ? "No cause found in what could be read"
                      : "No cause found in the configuration")
              + (unknown
                  ? ": the UNKNOWN steps name the permissions that would let the scan see more."
                  : "."));
    }
    if (!r.nextCommands().isEmpty()) {
      out.println(ansi.bold("Next:"));
      for (String cmd : r.nextCommands()) {
        List<String> lines = TextWrap.command(safe(cmd), width - 6, "      ");
        for (int i = 0; i < lines.size(); i++)
          out.println((i == 0 ? "    $ " : "  ") + lines.get(i));
      }
    }
    out.flush();
  }

  private void evidence(Finding f, PrintWriter out) {
    if (f.status() == Status.PASS) return;
    for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
      List<String> lines =
          TextWrap.words(safe(e.getKey()) + ": " + TextReport.value(e.getValue()), width - 6);
      for (int i = 0; i < lines.size(); i++)
        out.println((i == 0 ? "    " : "      ") + ansi.dim(lines.get(i)));
    }
  }

  private static String safe(String s) {
    return TextReport.safe(s);
  }

  public ObjectNode json(TriageResult r) {
    ObjectMapper m = SnapshotJson.mapper();
    ObjectNode root = m.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("symptom", r.symptom().argument());
    root.put("law", r.symptom().law().label());
    root.put("service", r.service());
    ArrayNode steps = root.putArray("steps");
    for (StepResult s : r.steps()) {
      ObjectNode n = steps.addObject();
      n.put("number", s.number());
      n.put("name", s.step().name());
      n.put("why", s.step().why());
      ArrayNode checks = n.putArray("checks");
      s.checks().forEach(checks::add);
      n.put("status", s.status() == null ? "ADVICE" : s.status().name());
      n.put("summary", s.summary());
      ArrayNode findings = n.putArray("findings");
      for (Finding f : s.findings()) findings.add(JsonReport.finding(m, f));
    }
    r.cause().ifPresent(c -> root.set("probableCause", JsonReport.finding(m, c)));
    r.causeMessage().ifPresent(msg -> root.put("probableCauseMessage", msg));
    ArrayNode next = root.putArray("nextCommands");
    r.nextCommands().forEach(next::add);
    return root;
  }
}
