package dev.fargatedoctor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.SafeText;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;

/**
 * OCSF 1.1 Detection Findings (class 2004, category Findings), one per finding in a JSON array, as
 * Prowler writes them for Amazon Security Lake. The finding's fingerprint is its {@code
 * finding_info.uid}; facts and evidence travel in {@code unmapped}.
 */
public final class OcsfReport {
  static final String OCSF_VERSION = "1.1.0";
  static final int CLASS_UID = 2004;
  static final int ACTIVITY_CREATE = 1;

  private final Clock clock;
  private final boolean includePassed;

  public OcsfReport(Clock clock, boolean includePassed) {
    this.clock = clock;
    this.includePassed = includePassed;
  }

  public ArrayNode toJson(Diagnosis d) {
    ObjectMapper m = SnapshotJson.mapper();
    ArrayNode out = m.createArrayNode();
    Instant now = clock.instant();
    for (Finding f : d.findings()) {
      if (f.status() == Status.PASS && !includePassed) continue;
      out.add(finding(m, f, now));
    }
    return out;
  }

  private static ObjectNode finding(ObjectMapper m, Finding f, Instant now) {
    ObjectNode n = m.createObjectNode();
    n.put("activity_id", ACTIVITY_CREATE);
    n.put("activity_name", "Create");
    n.put("category_uid", 2);
    n.put("category_name", "Findings");
    n.put("class_uid", CLASS_UID);
    n.put("class_name", "Detection Finding");
    n.put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE);
    n.put("type_name", "Detection Finding: Create");
    n.put("severity_id", severityId(f.severity()));
    n.put("severity", severityName(f.severity()));
    // A problem is new until someone acts on it; a pass is resolved.
    n.put("status_id", f.status() == Status.PASS ? 4 : 1);
    n.put("status", f.status() == Status.PASS ? "Resolved" : "New");
    n.put("status_code", f.status().name());
    n.put("status_detail", SafeText.plain(f.title()));
    n.put("message", SafeText.plain(f.title()));
    n.put("time", now.toEpochMilli());
    n.put("time_dt", now.toString());
    ObjectNode metadata = n.putObject("metadata");
    metadata.put("version", OCSF_VERSION);
    metadata.put("event_code", f.checkId());
    ObjectNode product = metadata.putObject("product");
    product.put("name", ToolInfo.NAME);
    product.put("vendor_name", ToolInfo.NAME);
    product.put("version", ToolInfo.version());
    ObjectNode info = n.putObject("finding_info");
    info.put("uid", f.fingerprint());
    info.put("title", SafeText.plain(f.title()));
    info.put(
        "desc", CheckRegistry.byId(f.checkId()).map(c -> c.info().title()).orElse(f.checkId()));
    info.putArray("types").add(f.law().label());
    info.put("created_time", now.toEpochMilli());
    ObjectNode resource = n.putArray("resources").addObject();
    resource.put(
        "uid", SafeText.plain(f.resource().arn() != null ? f.resource().arn() : f.resource().id()));
    resource.put("name", SafeText.plain(f.resource().id()));
    resource.put("type", f.resource().type());
    if (f.region() != null) resource.put("region", f.region());
    ObjectNode cloud = n.putObject("cloud");
    cloud.put("provider", "AWS");
    if (f.region() != null) cloud.put("region", f.region());
    if (f.account() != null) {
      ObjectNode account = cloud.putObject("account");
      account.put("uid", f.account());
      account.put("type", "AWS Account");
      account.put("type_id", 10);
    }
    ObjectNode remediation = n.putObject("remediation");
    remediation.put(
        "desc", f.remediation().text() == null ? "" : SafeText.plain(f.remediation().text()));
    ArrayNode references = remediation.putArray("references");
    f.remediation().commands().forEach(c -> references.add(SafeText.plain(c)));
    ObjectNode unmapped = n.putObject("unmapped");
    unmapped.put("checkId", f.checkId());
    unmapped.put("fingerprint", f.fingerprint());
    unmapped.set("facts", m.valueToTree(f.facts()));
    ArrayNode evidence = unmapped.putArray("evidence");
    ToolInfo.evidenceLines(f).forEach(evidence::add);
    return n;
  }

  /** OCSF's scale: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
  static int severityId(Severity s) {
    return switch (s) {
      case INFO -> 1;
      case LOW -> 2;
      case MEDIUM -> 3;
      case HIGH -> 4;
      case CRITICAL -> 5;
    };
  }

  private static String severityName(Severity s) {
    return switch (s) {
      case INFO -> "Informational";
      case LOW -> "Low";
      case MEDIUM -> "Medium";
      case HIGH -> "High";
      case CRITICAL -> "Critical";
    };
  }

  public void render(Diagnosis d, Writer out) throws IOException {
    out.write(SnapshotJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(d)));
    out.write(System.lineSeparator());
    out.flush();
  }
}
