package dev.fargatedoctor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.SafeText;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;

/**
 * AWS Security Finding Format (2018-10-08), one finding per Fargate Doctor finding in a JSON array:
 * what {@code aws securityhub batch-import-findings --findings file://...} takes, 100 at a time.
 * Findings go to the account's default product ARN; the fingerprint makes the {@code Id}, so a
 * finding imported again updates the one already there.
 */
public final class AsffReport {
  static final String SCHEMA_VERSION = "2018-10-08";
  // Security Hub's length limits, so an import is never refused for a long title or evidence.
  static final int TITLE_MAX = 256;
  static final int DESCRIPTION_MAX = 1024;
  static final int RECOMMENDATION_MAX = 512;

  private final Clock clock;
  private final boolean includePassed;

  public AsffReport(Clock clock, boolean includePassed) {
    this.clock = clock;
    this.includePassed = includePassed;
  }

  public ArrayNode toJson(Diagnosis d) {
    ObjectMapper m = SnapshotJson.mapper();
    ArrayNode out = m.createArrayNode();
    String now = clock.instant().toString();
    for (Finding f : d.findings()) {
      if (f.status() == Status.PASS && !includePassed) continue;
      if (f.account() == null || f.region() == null) {
        throw new IllegalArgumentException(
            "ASFF needs the account id and Region of every finding; this snapshot has no account "
                + "id (scan live, or add sts-get-caller-identity.json to an aws-CLI dump)");
      }
      out.add(finding(m, f, now));
    }
    return out;
  }

  private static ObjectNode finding(ObjectMapper m, Finding f, String now) {
    ObjectNode n = m.createObjectNode();
    n.put("SchemaVersion", SCHEMA_VERSION);
    n.put("Id", "fargate-doctor/" + f.region() + "/" + f.checkId() + "/" + f.fingerprint());
    n.put("ProductArn", productArn(f.region(), f.account()));
    n.put("GeneratorId", "fargate-doctor/" + f.checkId());
    n.put("AwsAccountId", f.account());
    n.put("Region", f.region());
    n.putArray("Types")
        .add(
            "Software and Configuration Checks/AWS Security Best Practices/Fargate Doctor "
                + f.checkId());
    n.put("CreatedAt", now);
    n.put("UpdatedAt", now);
    ObjectNode severity = n.putObject("Severity");
    severity.put("Label", f.status() == Status.PASS ? "INFORMATIONAL" : label(f.severity()));
    severity.put("Original", f.severity().name());
    n.put("Title", cut(SafeText.plain(f.title()), TITLE_MAX));
    StringBuilder description =
        new StringBuilder(f.checkId()).append(" (").append(f.law().label()).append(')');
    for (String line : ToolInfo.evidenceLines(f)) description.append("\n").append(line);
    n.put("Description", cut(description.toString(), DESCRIPTION_MAX));
    if (f.remediation().text() != null || !f.remediation().commands().isEmpty()) {
      String text =
          SafeText.plain(f.remediation().text() == null ? "" : f.remediation().text())
              + (f.remediation().commands().isEmpty()
                  ? ""
                  : "\n$ " + SafeText.plain(f.remediation().commands().get(0)));
      n.putObject("Remediation")
          .putObject("Recommendation")
          .put("Text", cut(text.strip(), RECOMMENDATION_MAX));
    }
    ObjectNode resource = n.putArray("Resources").addObject();
    resource.put("Type", resourceType(f.resource().type()));
    resource.put(
        "Id", SafeText.plain(f.resource().arn() != null ? f.resource().arn() : f.resource().id()));
    resource.put("Partition", partition(f.region()));
    resource.put("Region", f.region());
    n.putObject("Compliance").put("Status", compliance(f.status()));
    n.put("RecordState", "ACTIVE");
    n.putObject("Workflow").put("Status", f.status() == Status.PASS ? "RESOLVED" : "NEW");
    ObjectNode fields = n.putObject("ProductFields");
    fields.put("fargateDoctor/checkId", f.checkId());
    fields.put("fargateDoctor/fingerprint", f.fingerprint());
    fields.put("fargateDoctor/status", f.status().name());
    return n;
  }

  /** The product ARN Security Hub gives every account for the findings it imports itself. */
  static String productArn(String region, String account) {
    return "arn:"
        + partition(region)
        + ":securityhub:"
        + region
        + ":"
        + account
        + ":product/"
        + account
        + "/default";
  }

  static String label(Severity s) {
    return s == Severity.INFO ? "INFORMATIONAL" : s.name();
  }

  private static String compliance(Status s) {
    return switch (s) {
      case FAIL -> "FAILED";
      case WARN -> "WARNING";
      case UNKNOWN -> "NOT_AVAILABLE";
      case PASS -> "PASSED";
    };
  }

  // The ASFF resource types of what the checks report on; the rest are "Other".
  private static String resourceType(String type) {
    return switch (type) {
      case "subnet" -> "AwsEc2Subnet";
      case "vpc" -> "AwsEc2Vpc";
      case "route-table" -> "AwsEc2RouteTable";
      case "network-acl" -> "AwsEc2NetworkAcl";
      case "nat-gateway" -> "AwsEc2NatGateway";
      case "iam-role" -> "AwsIamRole";
      case "service" -> "AwsEcsService";
      case "task-definition" -> "AwsEcsTaskDefinition";
      case "load-balancer" -> "AwsElbv2LoadBalancer";
      default -> "Other";
    };
  }

  private static String partition(String region) {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  public void render(Diagnosis d, Writer out) throws IOException {
    out.write(SnapshotJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(d)));
    out.write(System.lineSeparator());
    out.flush();
  }
}
