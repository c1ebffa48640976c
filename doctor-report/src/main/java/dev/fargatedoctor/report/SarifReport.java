package dev.fargatedoctor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.SafeText;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning dashboards: one rule per check carrying its documentation, one
 * result per finding with a level from its severity and the finding's fingerprint, so a dashboard
 * tracks the same problem from run to run. Text from AWS is escaped like every other report.
 */
public final class SarifReport {
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String FINGERPRINT_KEY = "fargateDoctorFingerprint/v1";

  private final boolean includePassed;

  public SarifReport(boolean includePassed) {
    this.includePassed = includePassed;
  }

  public ObjectNode toJson(Diagnosis d) {
    ObjectMapper m = SnapshotJson.mapper();
    ObjectNode root = m.createObjectNode();
    root.put("$schema", SCHEMA_URI);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", ToolInfo.NAME);
    driver.put("version", ToolInfo.version());
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (Check c : CheckRegistry.all()) {
      ruleIndex.put(c.info().id(), rules.size());
      rules.add(rule(m, c.info()));
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : d.findings()) {
      if (f.status() == Status.PASS && !includePassed) continue;
      results.add(result(m, f, ruleIndex.get(f.checkId())));
    }
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    return root;
  }

  private static ObjectNode rule(ObjectMapper m, CheckInfo info) {
    ObjectNode r = m.createObjectNode();
    r.put("id", info.id());
    r.put("name", ruleName(info.id()));
    r.putObject("shortDescription").put("text", info.title());
    String doc = CheckRegistry.documentation(info.id()).orElse(info.title());
    r.putObject("fullDescription").put("text", firstParagraph(doc));
    ObjectNode help = r.putObject("help");
    help.put("text", doc);
    help.put("markdown", doc);
    r.putObject("defaultConfiguration").put("level", level(info.severity()));
    ObjectNode props = r.putObject("properties");
    props.putArray("tags").add("fargate").add("ecs").add(info.law().label());
    props.put("law", info.law().label());
    props.put("defaultSeverity", info.severity().name());
    return r;
  }

  private static ObjectNode result(ObjectMapper m, Finding f, Integer index) {
    ObjectNode r = m.createObjectNode();
    r.put("ruleId", f.checkId());
    if (index != null) r.put("ruleIndex", index);
    // A result that did not fail is not an alert: SARIF gives it level "none" and says what it is.
    switch (f.status()) {
      case FAIL, WARN -> {
        r.put("kind", "fail");
        r.put("level", level(f.severity()));
      }
      case UNKNOWN -> {
        r.put("kind", "review");
        r.put("level", "none");
      }
      case PASS -> {
        r.put("kind", "pass");
        r.put("level", "none");
      }
    }
    StringBuilder text = new StringBuilder(SafeText.plain(f.title()));
    for (String line : ToolInfo.evidenceLines(f)) text.append('\n').append(line);
    if (f.remediation().text() != null) {
      text.append("\nFix: ").append(SafeText.plain(f.remediation().text()));
    }
    r.putObject("message").put("text", text.toString());
    ObjectNode location = r.putArray("locations").addObject();
    ObjectNode logical = location.putArray("logicalLocations").addObject();
    logical.put("name", SafeText.plain(f.resource().id()));
    logical.put(
        "fullyQualifiedName",
        SafeText.plain(
            f.resource().arn() != null
                ? f.resource().arn()
                : String.join(
                    "/", nz(f.account()), nz(f.region()), f.resource().type(), f.resource().id())));
    logical.put("kind", f.resource().type());
    r.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
    ObjectNode props = r.putObject("properties");
    props.put("severity", f.severity().name());
    props.put("status", f.status().name());
    props.put("account", f.account());
    props.put("region", f.region());
    props.set("facts", m.valueToTree(f.facts()));
    ArrayNode commands = props.putArray("fixCommands");
    f.remediation().commands().forEach(c -> commands.add(SafeText.plain(c)));
    return r;
  }

  /** CRITICAL and HIGH fail a pipeline's gate; MEDIUM warns; LOW and INFO are notes. */
  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  // "ROUTE-CROSS-AZ-NAT" becomes "RouteCrossAzNat": SARIF's rule name is an identifier.
  private static String ruleName(String id) {
    StringBuilder s = new StringBuilder();
    for (String part : id.toLowerCase(java.util.Locale.ROOT).split("-")) {
      if (!part.isEmpty())
        s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return s.toString();
  }

  private static String firstParagraph(String markdown) {
    for (String block : markdown.split("\n\\s*\n")) {
      String b = block.strip();
      if (!b.isEmpty() && !b.startsWith("#")) return b;
    }
    return markdown.strip();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  public void render(Diagnosis d, Writer out) throws IOException {
    out.write(SnapshotJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(d)));
    out.write(System.lineSeparator());
    out.flush();
  }
}
