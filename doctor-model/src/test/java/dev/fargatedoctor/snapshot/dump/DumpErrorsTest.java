package dev.fargatedoctor.snapshot.dump;

import static dev.fargatedoctor.snapshot.dump.DumpDirs.IMPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fargatedoctor.snapshot.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump the importer cannot use is an error naming the file and, when there is one, the position.
 */
class DumpErrorsTest {

  @TempDir Path dir;

  @Test
  void anUnknownFileNameIsAnErrorListingTheKnownNames() {
    Path d = DumpDirs.copy("single-region", dir.resolve("scan"), "ec2-describe-subnets.json");
    Path typo =
        DumpDirs.write(
            d,
            "ec2-describe-subnet.json",
            DumpDirs.read("single-region", "ec2-describe-subnets.json"));

    InvalidInputException e = importFails(d);

    assertThat(e.file()).isEqualTo(typo.toString());
    assertThat(e)
        .hasMessageStartingWith(typo + ": unknown dump")
        .hasMessageContaining("optionally with a .label before .json")
        .hasMessageContaining("ec2-describe-subnets.json")
        .hasMessageContaining("iam-get-account-authorization-details.json")
        .hasMessageContaining("service-quotas-list-aws-default-service-quotas.json");
  }

  @Test
  void theOutputOfAnotherCommandIsAnErrorThatNamesTheRightFileName() {
    // `aws ec2 describe-subnets` saved under the network interfaces' name.
    Path d = dir.resolve("scan");
    Path wrong =
        DumpDirs.write(
            d,
            "ec2-describe-network-interfaces.json",
            DumpDirs.read("single-region", "ec2-describe-subnets.json"));

    InvalidInputException e = importFails(d);

    assertThat(e.file()).isEqualTo(wrong.toString());
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isPositive();
    assertThat(e)
        .hasMessageStartingWith(wrong + ":2:" + e.column() + ": ")
        .hasMessageContaining("not the output of `aws ec2 describe-network-interfaces`")
        .hasMessageContaining("expected a top-level \"NetworkInterfaces\" key, found [Subnets]")
        .hasMessageContaining(
            "this looks like `aws ec2 describe-subnets` (name it ec2-describe-subnets.json)");
  }

  @Test
  void aLabelledFileOfTheWrongCommandIsRecognisedToo() {
    Path d = dir.resolve("scan");
    DumpDirs.write(
        d,
        "ecs-describe-services.prod.json",
        DumpDirs.read("single-region", "ecs-describe-clusters.json"));

    assertThat(importFails(d))
        .hasMessageContaining("found [clusters, failures]")
        .hasMessageContaining("(name it ecs-describe-clusters.json)");
  }

  @Test
  void aCommandTheImporterDoesNotKnowIsPointedAtWithoutASuggestion() {
    Path d = dir.resolve("scan");
    Path file =
        DumpDirs.write(
            d,
            "ec2-describe-subnets.json",
            """
        {
            "Reservations": []
        }
        """);

    InvalidInputException e = importFails(d);

    assertThat(e)
        .hasMessageStartingWith(file + ":2:")
        .hasMessageContaining("expected a top-level \"Subnets\" key, found [Reservations]")
        .hasMessageNotContaining("name it");
  }

  @Test
  void anEmptyObjectIsNotADump() {
    Path d = dir.resolve("scan");
    Path file = DumpDirs.write(d, "ecs-describe-services.json", "{}");

    assertThat(importFails(d))
        .hasMessageStartingWith(file + ":1:1: ")
        .hasMessageContaining("found an empty object");
  }

  @Test
  void aJsonArrayIsNotWhatTheCliPrints() {
    // e.g. saved with --query 'Subnets'
    Path d = dir.resolve("scan");
    Path file =
        DumpDirs.write(d, "ec2-describe-subnets.json", "[\n  {\"SubnetId\": \"subnet-1\"}\n]\n");

    assertThat(importFails(d))
        .hasMessageStartingWith(file + ":1:")
        .hasMessageContaining(
            "expected the JSON object printed by `aws ec2 describe-subnets --output json`");
  }

  @Test
  void badJsonIsReportedAtItsLineAndColumn() {
    String good = DumpDirs.read("single-region", "ec2-describe-subnets.json");
    List<String> lines = DumpDirs.lines(good);
    int comma = indexOfFirst(lines, "\"CidrBlock\": \"10.20.0.0/24\",");
    String broken =
        good.replaceFirst("\"CidrBlock\": \"10.20.0.0/24\",", "\"CidrBlock\": \"10.20.0.0/24\"");
    Path d = dir.resolve("scan");
    Path file = DumpDirs.write(d, "ec2-describe-subnets.json", broken);

    InvalidInputException e = importFails(d);

    // The missing comma is noticed at the next key, on the following line.
    assertThat(e.line()).isEqualTo(comma + 2);
    assertThat(e.column()).isEqualTo(lines.get(comma + 1).indexOf('"') + 1);
    assertThat(e)
        .hasMessageStartingWith(file + ":" + e.line() + ":" + e.column() + ": ")
        .hasMessageContaining("was expecting comma");
  }

  @Test
  void aDumpSavedAsTextIsBadJsonOnItsFirstLine() {
    Path d = dir.resolve("scan");
    Path file =
        DumpDirs.write(
            d,
            "ec2-describe-subnets.json",
            "SUBNETS\tFalse\tus-east-1a\tuse1-az6\t250\t10.20.0.0/24\tFalse\tsubnet-cf1f25abc64a09e53\n");

    InvalidInputException e = importFails(d);

    assertThat(e.line()).isEqualTo(1);
    assertThat(e).hasMessageStartingWith(file + ":1:");
  }

  @Test
  void aTruncatedDumpIsReportedWhereItEnds() {
    String good = DumpDirs.read("single-region", "ecs-describe-services.json");
    String half = good.substring(0, good.length() / 2);
    Path d = dir.resolve("scan");
    Path file = DumpDirs.write(d, "ecs-describe-services.json", half);

    InvalidInputException e = importFails(d);

    assertThat(e.line())
        .isBetween((long) DumpDirs.lines(half).size() - 1, (long) DumpDirs.lines(half).size() + 1);
    assertThat(e).hasMessageStartingWith(file + ":" + e.line() + ":");
  }

  @Test
  void twoDumpsAppendedToOneFileAreAnError() {
    String subnets = DumpDirs.read("single-region", "ec2-describe-subnets.json");
    Path d = dir.resolve("scan");
    Path file = DumpDirs.write(d, "ec2-describe-subnets.json", subnets + subnets);

    InvalidInputException e = importFails(d);

    assertThat(e.line()).isGreaterThan(DumpDirs.lines(subnets).size() - 1L);
    assertThat(e)
        .hasMessageStartingWith(file + ":")
        .hasMessageContaining("unexpected content after the JSON object");
  }

  @Test
  void aValueOfTheWrongTypeNamesItsPath() {
    Path d = dir.resolve("scan");
    Path file =
        DumpDirs.write(
            d,
            "ec2-describe-subnets.json",
            """
        {"Subnets": [
          {"SubnetId": "subnet-1", "AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": "plenty"}
        ]}
        """);

    InvalidInputException e = importFails(d);

    assertThat(e.line()).isEqualTo(2);
    assertThat(e)
        .hasMessageStartingWith(file + ":2:")
        .hasMessageContaining("AvailableIpAddressCount");
  }

  @Test
  void anErrorInARegionDirectoryNamesThatFile() {
    Path d = DumpDirs.copyTree("multi-region", dir.resolve("scan"));
    Path file =
        DumpDirs.write(d.resolve("eu-west-1"), "ecs-describe-clusters.json", "{\"clusters\": [}");

    InvalidInputException e = importFails(d);

    assertThat(e.file()).isEqualTo(file.toString());
    assertThat(e).hasMessageStartingWith(file + ":1:");
  }

  @Test
  void aPathThatIsNotADirectoryIsAnError() {
    Path file = DumpDirs.write(dir, "snapshot.json", "{}");

    assertThat(importFails(file)).hasMessage(file + ": not a directory of aws-CLI dumps");
    assertThat(importFails(dir.resolve("missing"))).hasMessageContaining("not a directory");
  }

  private static int indexOfFirst(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i;
    throw new AssertionError("no line with " + text);
  }

  private static InvalidInputException importFails(Path d) {
    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class, () -> IMPORTER.importDirectory(d, "us-east-1"));
    assertThat(e).as("importing %s should fail", d).isNotNull();
    return e;
  }
}
