package dev.fargatedoctor.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fargatedoctor.snapshot.InputLimit;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.dump.AwsCliDumpImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aws-CLI dump importer, over a real one-region dump directory in which the input rewrites one
 * file: its bytes replaced, or its JSON text cut, spliced or extended. The importer may accept the
 * directory or refuse it with {@link InvalidInputException}; an accepted snapshot then goes through
 * every check, playbook and renderer. Anything else thrown is a finding.
 */
class DumpImporterFuzzTest {
  private static final Map<String, byte[]> DUMPS = dumps();
  private static final AwsCliDumpImporter IMPORTER =
      new AwsCliDumpImporter(FuzzedInputs.CLOCK, "fuzz", InputLimit.ofMegabytes(4));

  @FuzzTest(maxDuration = "30s")
  void dumpDirectory(FuzzedDataProvider data) throws IOException {
    Path dir = FuzzedInputs.scratch("dumps");
    for (Map.Entry<String, byte[]> e : DUMPS.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
    String name = data.pickValue(List.copyOf(DUMPS.keySet()));
    byte[] original = DUMPS.get(name);
    byte[] rewritten =
        switch (data.consumeInt(0, 2)) {
          case 0 -> data.consumeRemainingAsBytes();
          case 1 -> splice(original, data);
          default -> {
            // the same content under another command's name: the wrong dump for the name
            String other = data.pickValue(List.copyOf(DUMPS.keySet()));
            yield DUMPS.get(other);
          }
        };
    Files.write(dir.resolve(name), rewritten);
    Snapshot s;
    try {
      s = IMPORTER.importDirectory(dir, data.consumeBoolean() ? "us-east-1" : null);
    } catch (InvalidInputException refused) {
      return;
    }
    FuzzedInputs.diagnoseAndRender(s);
  }

  // Replaces a stretch of the file's text with the input's: breaks values, types and structure.
  private static byte[] splice(byte[] original, FuzzedDataProvider data) {
    String text = new String(original, StandardCharsets.UTF_8);
    int from = data.consumeInt(0, text.length());
    int to = data.consumeInt(from, Math.min(text.length(), from + 200));
    String insert = data.consumeString(200);
    return (text.substring(0, from) + insert + text.substring(to)).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, byte[]> dumps() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String name :
        List.of(
            "ec2-describe-flow-logs.json",
            "ec2-describe-internet-gateways.json",
            "ec2-describe-nat-gateways.json",
            "ec2-describe-network-acls.json",
            "ec2-describe-network-interfaces.json",
            "ec2-describe-prefix-lists.json",
            "ec2-describe-route-tables.json",
            "ec2-describe-security-groups.json",
            "ec2-describe-subnets.json",
            "ec2-describe-vpc-endpoints.json",
            "ec2-describe-vpcs.json",
            "ecs-describe-clusters.json",
            "ecs-describe-services.json",
            "ecs-describe-task-definition.json",
            "ecs-describe-tasks.json",
            "iam-get-account-authorization-details.json",
            "service-quotas-get-service-quota.json",
            "service-quotas-list-aws-default-service-quotas.json",
            "sts-get-caller-identity.json")) {
      try (InputStream in = DumpImporterFuzzTest.class.getResourceAsStream("/fuzz/dumps/" + name)) {
        out.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
