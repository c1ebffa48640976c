package dev.fargatedoctor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.collect.AwsClients;
import dev.fargatedoctor.collect.AwsSettings;
import dev.fargatedoctor.publish.SecurityHubImport;
import dev.fargatedoctor.report.AsffReport;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * scan --publish securityhub: the report's findings, in the ASFF that {@code --output asff} prints,
 * imported with BatchImportFindings (docs/iam-policy-securityhub-import.json). A refused call or a
 * refused finding fails the command like an --report-s3 bucket that cannot be written (exit 2),
 * after the report is printed, so a gate never passes on a publish that did not happen.
 */
final class SecurityHubPublish {
  private static final int IDS_SHOWN = 5;

  private final AwsSettings settings;
  private final ApiCallRecorder recorder;
  private final Clock clock;
  private final boolean includePassed;
  private final PrintWriter err;

  SecurityHubPublish(
      AwsSettings settings,
      ApiCallRecorder recorder,
      Clock clock,
      boolean includePassed,
      PrintWriter err) {
    this.settings = settings;
    this.recorder = recorder;
    this.clock = clock;
    this.includePassed = includePassed;
    this.err = err;
  }

  void publish(Diagnosis d) {
    ArrayNode findings = new AsffReport(clock, includePassed).toJson(d);
    if (findings.isEmpty()) {
      err.println("fargate-doctor: no findings to import into Security Hub");
      err.flush();
      return;
    }
    SecurityHubImport.Outcome outcome;
    try (AwsClients clients = new AwsClients(settings, recorder)) {
      outcome =
          new SecurityHubImport(
                  clients.http(), clients.credentials(), settings.endpoint(), recorder)
              .importFindings(findings);
    }
    if (!outcome.failed().isEmpty()) throw new PublishFailed(findings.size(), outcome);
    err.println(
        "fargate-doctor: imported "
            + outcome.imported()
            + " finding(s) into Security Hub in "
            + outcome.calls()
            + " BatchImportFindings call(s)");
    err.flush();
  }

  /** Security Hub refused some findings: their ids and reasons. */
  static final class PublishFailed extends RuntimeException {
    PublishFailed(int sent, SecurityHubImport.Outcome outcome) {
      super(
          SecurityHubImport.ACTION
              + ": Security Hub refused "
              + outcome.failed().size()
              + " of "
              + sent
              + " finding(s): "
              + outcome.failed().stream()
                  .limit(IDS_SHOWN)
                  .map(f -> f.id() + " (" + f.code() + ": " + f.message() + ")")
                  .collect(Collectors.joining(", "))
              + (outcome.failed().size() > IDS_SHOWN
                  ? " and " + (outcome.failed().size() - IDS_SHOWN) + " more"
                  : ""));
    }
  }
}
