package dev.fargatedoctor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every unusable input is an InvalidInputException whose message starts with "file[:line[:column]]:
 * ".
 */
class SnapshotFilesBadInputTest {

  @TempDir Path dir;

  @Test
  void invalidJsonNamesTheLineAndColumnOfTheError() throws IOException {
    Path file =
        write(
            "broken.json",
            """
        {
          "schema": "fargate-doctor/snapshot/v1",
          "regions": [ {"region": "us-east-1",, "ec2": {}} ]
        }
        """);

    InvalidInputException e = readFails(file);

    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(39);
    assertThat(e)
        .hasMessageStartingWith(file + ":3:39: ")
        .hasMessageContaining("Unexpected character (',' ");
  }

  @Test
  void invalidJsonBeforeTheSchemaFieldIsReportedWithItsPosition() throws IOException {
    Path file =
        write(
            "broken-early.json",
            """
        {"regions": [1 2],
         "schema": "fargate-doctor/snapshot/v1"}
        """);

    InvalidInputException e = readFails(file);

    assertThat(e).hasMessageStartingWith(file + ":1:16: ");
  }

  @Test
  void aJsonArrayIsNotASnapshot() throws IOException {
    Path file = write("array.json", "[{\"schema\": \"fargate-doctor/snapshot/v1\"}]");

    InvalidInputException e = readFails(file);

    assertThat(e)
        .hasMessageStartingWith(file + ":1:")
        .hasMessageContaining("expected a JSON object");
    assertThat(e.line()).isEqualTo(1);
  }

  @Test
  void anEmptyFileIsNotASnapshot() throws IOException {
    Path file = write("empty.json", "");

    assertThat(readFails(file))
        .hasMessageStartingWith(file + ":1:1: ")
        .hasMessageContaining("expected a JSON object");
  }

  @Test
  void aReportWithoutSchemaIsRejectedWithAHint() throws IOException {
    Path file =
        write(
            "report.json",
            """
        {"account": "111122223333", "regions": ["us-east-1"],
         "findings": [{"checkId": "ENI_QUOTA", "status": "FAIL"}]}
        """);

    InvalidInputException e = readFails(file);

    assertThat(e)
        .hasMessageStartingWith(file + ":1:1: ")
        .hasMessageContaining("no top-level \"schema\" field")
        .hasMessageContaining(Snapshot.SCHEMA);
  }

  @Test
  void aReportIsNotASnapshot() throws IOException {
    Path file =
        write(
            "report-v1.json",
            """
        {
          "schema": "fargate-doctor/report/v1",
          "findings": []
        }
        """);

    assertThat(readFails(file))
        .hasMessageStartingWith(file + ":2:13: ")
        .hasMessageContaining("unsupported snapshot schema \"fargate-doctor/report/v1\"");
  }

  @Test
  void aNewerSchemaVersionIsRejectedNamingBothVersions() throws IOException {
    Path file =
        write(
            "future.json",
            """
        {"capture": {"tool": "fargate-doctor", "toolVersion": "9.0.0"},
         "schema": "fargate-doctor/snapshot/v2",
         "regions": [{"region": "us-east-1", "ec2": {"Subnets": "in a new shape"}}]}
        """);

    InvalidInputException e = readFails(file);

    assertThat(e)
        .hasMessageStartingWith(file + ":2:12: ")
        .hasMessageContaining("\"fargate-doctor/snapshot/v2\"")
        .hasMessageContaining("\"" + Snapshot.SCHEMA + "\"");
  }

  @Test
  void aTruncatedGzipFileIsRejected() throws IOException {
    Path whole = dir.resolve("whole.json.gz");
    SnapshotFiles.write(SnapshotFiles.read(TestResources.twoAzWebService()), whole);
    byte[] bytes = Files.readAllBytes(whole);
    Path file =
        Files.write(dir.resolve("truncated.json.gz"), Arrays.copyOf(bytes, bytes.length / 2));

    assertThat(readFails(file))
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining("truncated or corrupt gzip");
  }

  @Test
  void aGzipFileCutRightAfterItsHeaderIsRejected() throws IOException {
    Path whole = dir.resolve("whole.json.gz");
    SnapshotFiles.write(new Snapshot(Snapshot.SCHEMA, null, null, null, null), whole);
    Path file =
        Files.write(
            dir.resolve("header-only.json.gz"), Arrays.copyOf(Files.readAllBytes(whole), 12));

    assertThat(readFails(file)).hasMessageStartingWith(file + ": ").hasMessageContaining("gzip");
  }

  @Test
  void aCorruptGzipFileIsRejected() throws IOException {
    Path file = dir.resolve("corrupt.json.gz");
    SnapshotFiles.write(SnapshotFiles.read(TestResources.twoAzWebService()), file);
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 20; i < bytes.length - 20; i += 7) bytes[i] ^= 0x5a;
    Files.write(file, bytes);

    assertThat(readFails(file)).hasMessageStartingWith(file + ": ").hasMessageContaining("gzip");
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = dir.resolve("no-such-snapshot.json");

    assertThat(readFails(file)).hasMessage(file + ": no such file");
  }

  @Test
  void aDirectoryIsNotReadable() {
    assertThat(readFails(dir)).hasMessageStartingWith(dir + ": cannot read");
  }

  @Test
  void garbageAfterTheSnapshotIsAnErrorAtItsPosition() throws IOException {
    Path file =
        write(
            "trailing.json",
            """
        {"schema": "fargate-doctor/snapshot/v1", "regions": []}
        -- end of export --
        """);

    InvalidInputException e = readFails(file);

    assertThat(e.line()).isEqualTo(2);
    assertThat(e).hasMessageStartingWith(file + ":2:");
  }

  @Test
  void aSecondDocumentAfterTheSnapshotIsAnError() throws IOException {
    Path file =
        write(
            "two-documents.json",
            """
        {"schema": "fargate-doctor/snapshot/v1"}
        {"schema": "fargate-doctor/snapshot/v1"}
        """);

    assertThat(readFails(file))
        .hasMessageStartingWith(file + ":2:")
        .hasMessageContaining("unexpected content after the snapshot document");
  }

  @Test
  void aValueOfTheWrongTypeNamesItsPathInTheSnapshot() throws IOException {
    Path file =
        write(
            "wrong-type.json",
            """
        {"schema": "fargate-doctor/snapshot/v1",
         "regions": [{"region": "us-east-1",
                      "ecs": {"services": [{"serviceName": "web", "desiredCount": "two"}]}}]}
        """);

    InvalidInputException e = readFails(file);

    assertThat(e.line()).isEqualTo(3);
    assertThat(e)
        .hasMessageStartingWith(file + ":3:")
        .hasMessageContaining("(at regions[0].ecs.services[0].desiredCount)");
  }

  @Test
  void anUnknownEnumValueIsAnError() throws IOException {
    Path file =
        write(
            "bad-outcome.json",
            """
        {"schema": "fargate-doctor/snapshot/v1",
         "coverage": [{"region": "us-east-1", "action": "ec2:DescribeSubnets", "outcome": "MAYBE",
                       "calls": 1, "retries": 0}]}
        """);

    assertThat(readFails(file))
        .hasMessageStartingWith(file + ":2:")
        .hasMessageContaining("coverage[0].outcome");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static InvalidInputException readFails(Path file) {
    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> SnapshotFiles.read(file));
    assertThat(e).as("reading %s should fail", file).isNotNull();
    assertThat(e.file()).isEqualTo(file.toString());
    return e;
  }

  @Test
  void aServiceWithoutItsNameIsBadInputNamingItsJsonPath() throws IOException {
    Path file = dir.resolve("no-name.json");
    Files.writeString(
        file,
        """
        {"schema": "fargate-doctor/snapshot/v1",
         "regions": [{"region": "us-east-1",
                      "ecs": {"services": [
                        {"serviceName": "a", "serviceArn": "arn:aws:ecs:us-east-1:1:service/c/a"},
                        {"serviceArn": "arn:aws:ecs:us-east-1:1:service/c/b"}]}}]}
        """);

    assertThatThrownBy(() -> SnapshotFiles.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            file + ": required field regions[0].ecs.services[1].serviceName is missing or empty");
  }

  @Test
  void aRequiredFieldIsNamedAsAwsSpellsIt() throws IOException {
    Path file = dir.resolve("no-vpc-id.json");
    Files.writeString(
        file,
        """
        {"schema": "fargate-doctor/snapshot/v1",
         "regions": [{"region": "us-east-1", "ec2": {"vpcs": [{"CidrBlock": "10.0.0.0/16"}]}}]}
        """);

    assertThatThrownBy(() -> SnapshotFiles.read(file))
        .hasMessageEndingWith("required field regions[0].ec2.vpcs[0].VpcId is missing or empty");
  }
}
