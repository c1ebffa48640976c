package dev.fargatedoctor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;

/**
 * The machine-readable report, schema {@code fargate-doctor/report/v1} (DESIGN §5), described by
 * {@code docs/schemas/report.schema.json}. Each finding carries a stable {@code fingerprint} and
 * typed {@code facts} beside the human {@code evidence}.
 */
public final class JsonReport {
  public static final String SCHEMA = "fargate-doctor/report/v1";

  private final Clock clock;
  private final boolean includePassed;

  public JsonReport(Clock clock, boolean includePassed) {
    this.clock = clock;
    this.includePassed = includePassed;
  }

  public ObjectNode toJson(Diagnosis d) {
    ObjectMapper m = SnapshotJson.mapper();
    ObjectNode root = m.createObjectNode();
    root.put("schema", SCHEMA);
    Capture c = d.capture();
    root.put("account", c == null ? null : c.accountId());
    ArrayNode regions = root.putArray("regions");
    if (c != null) c.regions().forEach(regions::add);
    root.put("generatedAt", clock.instant().toString());
    if (c != null) {
      ObjectNode snapshot = root.putObject("snapshot");
      snapshot.put("source", c.source());
      snapshot.put("capturedAt", c.capturedAt() == null ? null : c.capturedAt().toString());
      if (c.endpoint() != null) snapshot.put("endpoint", c.endpoint());
    }
    ArrayNode coverage = root.putArray("coverage");
    for (Coverage cov : d.coverage()) coverage.add(m.valueToTree(cov));
    ArrayNode findings = root.putArray("findings");
    for (Finding f : d.findings()) {
      if (!includePassed && f.status() == Status.PASS) continue;
      findings.add(finding(m, f));
    }
    Summary s = Summary.of(d);
    ObjectNode summary = root.putObject("summary");
    summary.put("checksRun", s.checksRun());
    ObjectNode byStatus = summary.putObject("byStatus");
    s.byStatus().forEach((k, v) -> byStatus.put(k.name(), v));
    ObjectNode bySeverity = summary.putObject("problemsBySeverity");
    for (Severity sev : Severity.values())
      bySeverity.put(sev.name(), s.problemsBySeverity().getOrDefault(sev, 0));
    summary.put("coverageGaps", s.coverageGaps());
    Score score = Score.of(d);
    summary.put("score", score.value());
    summary.put("grade", score.grade());
    ObjectNode costs = summary.putObject("scoreCosts");
    score.costs().forEach((k, v) -> costs.put(k, Math.round(v * 1000) / 1000.0));
    ObjectNode config = root.putObject("configuration");
    config.put("source", d.configuration().source());
    ArrayNode excluded = config.putArray("excluded");
    for (var x : d.excluded()) {
      ObjectNode e = finding(m, x.finding());
      e.put("reason", x.reason());
      if (x.rule().owner() != null) e.put("owner", x.rule().owner());
      if (x.rule().expires() != null) e.put("expires", x.rule().expires().toString());
      excluded.add(e);
    }
    ArrayNode expired = config.putArray("expiredExcludes");
    for (var x : d.expired()) {
      ObjectNode e = expired.addObject();
      e.put("check", x.rule().check());
      if (x.rule().resource() != null) e.put("resource", x.rule().resource());
      e.put("reason", x.rule().reason());
      if (x.rule().owner() != null) e.put("owner", x.rule().owner());
      e.put("expires", x.rule().expires().toString());
      ArrayNode back = e.putArray("findingsShownAgain");
      x.findings().forEach(f -> back.add(f.checkId() + " " + f.resource().id()));
    }
    ObjectNode severities = config.putObject("severityOverrides");
    d.configuration().severities().forEach((k, v) -> severities.put(k, v.name()));
    config.set("thresholds", m.valueToTree(d.configuration().thresholds()));
    return root;
  }

  /** One finding in the report's shape; the triage report reuses it. */
  static ObjectNode finding(ObjectMapper m, Finding f) {
    ObjectNode n = m.createObjectNode();
    n.put("checkId", f.checkId());
    n.put("fingerprint", f.fingerprint());
    n.put("severity", f.severity().name());
    n.put("status", f.status().name());
    n.put("law", f.law().label());
    n.put("account", f.account());
    n.put("region", f.region());
    ObjectNode resource = n.putObject("resource");
    resource.put("type", f.resource().type());
    resource.put("id", f.resource().id());
    resource.put("arn", f.resource().arn());
    n.put("title", f.title());
    if (f.aspect() != null) n.put("aspect", f.aspect());
    n.set("evidence", m.valueToTree(f.evidence()));
    n.set("facts", m.valueToTree(f.facts()));
    ObjectNode remediation = n.putObject("remediation");
    remediation.put("text", f.remediation().text());
    ArrayNode commands = remediation.putArray("commands");
    f.remediation().commands().forEach(commands::add);
    return n;
  }

  public void render(Diagnosis d, Writer out) throws IOException {
    out.write(SnapshotJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(d)));
    out.write(System.lineSeparator());
    out.flush();
  }
}
