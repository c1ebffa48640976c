package dev.fargatedoctor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotFilesRoundTripTest {

  @TempDir Path dir;

  private final Snapshot sample = SnapshotFiles.read(TestResources.twoAzWebService());

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"snapshot.json", "snapshot.json.gz"})
  void aWrittenSnapshotReadsBackEqual(String fileName) throws IOException {
    Path file = dir.resolve(fileName);

    SnapshotFiles.write(sample, file);

    assertThat(SnapshotFiles.read(file)).isEqualTo(sample);
  }

  @Test
  void aFileNamedDotGzIsWrittenGzipCompressed() throws IOException {
    Path file = dir.resolve("snapshot.json.gz");

    SnapshotFiles.write(sample, file);

    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
    assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertThat(SnapshotJson.mapper().readTree(in).get("schema").asText())
          .isEqualTo(Snapshot.SCHEMA);
    }
  }

  @Test
  void aFileNamedDotJsonIsWrittenAsPlainJson() throws IOException {
    Path file = dir.resolve("snapshot.json");

    SnapshotFiles.write(sample, file);

    assertThat(Files.readString(file))
        .startsWith("{")
        .contains("\"schema\" : \"" + Snapshot.SCHEMA + "\"");
  }

  @Test
  void gzipIsRecognisedByContentNotByName() throws IOException {
    Path gz = dir.resolve("snapshot.json.gz");
    SnapshotFiles.write(sample, gz);
    Path misnamed = Files.move(gz, dir.resolve("snapshot-from-a-colleague.json"));

    assertThat(SnapshotFiles.read(misnamed)).isEqualTo(sample);
  }

  @Test
  void plainJsonNamedDotGzStillReads() throws IOException {
    Path json = dir.resolve("snapshot.json");
    SnapshotFiles.write(sample, json);
    Path misnamed = Files.move(json, dir.resolve("snapshot.json.gz"));

    assertThat(SnapshotFiles.read(misnamed)).isEqualTo(sample);
  }

  @Test
  void writingLosesNothingThatWasRead() throws IOException {
    // The hand-written fixture uses only known fields and no empty values, so the written JSON must
    // be
    // the same tree: nothing dropped by NON_EMPTY, no field renamed, zeros and false kept.
    Path file = dir.resolve("snapshot.json");

    SnapshotFiles.write(sample, file);

    JsonNode original = SnapshotJson.mapper().readTree(TestResources.twoAzWebService().toFile());
    assertThat(SnapshotJson.mapper().readTree(file.toFile())).isEqualTo(original);
  }

  @Test
  void thePartsOfTheSampleAreReallyThere() {
    // Guards the round-trip tests above against a sample that silently binds to nothing.
    RegionSnapshot region = sample.region("us-east-1").orElseThrow();
    assertThat(sample.accountId()).isEqualTo("111122223333");
    assertThat(region.ec2().subnets())
        .extracting(s -> s.availableIpAddressCount())
        .containsExactly(0, 247);
    assertThat(region.ec2().routeTables().get(0).routes()).hasSize(3);
    assertThat(region.ecs().services().get(0).primaryDeployment().orElseThrow().createdAt())
        .isEqualTo(Instant.parse("2024-06-01T11:00:00.123456789Z"));
    assertThat(
            region
                .ecs()
                .taskDefinitions()
                .get(0)
                .containerDefinitions()
                .get(0)
                .environment()
                .get(0)
                .valueKind())
        .isEqualTo(dev.fargatedoctor.snapshot.ecs.EnvironmentVariable.ValueKind.TEXT);
    assertThat(sample.iam().roles().get(0).inlinePolicies().get(0).document().isTextual()).isTrue();
    assertThat(sample.iam().missingRoles())
        .containsExactly("arn:aws:iam::111122223333:role/web-task");
    assertThat(sample.coverage())
        .extracting(Coverage::outcome)
        .containsExactly(Coverage.Outcome.OK, Coverage.Outcome.THROTTLED, Coverage.Outcome.DENIED);
  }

  @Test
  void anEmptySnapshotRoundTrips() throws IOException {
    Snapshot empty = new Snapshot(Snapshot.SCHEMA, null, null, null, null);
    Path file = dir.resolve("empty.json");

    SnapshotFiles.write(empty, file);

    assertThat(SnapshotFiles.read(file)).isEqualTo(empty);
    assertThat(SnapshotFiles.read(file).iam().roles()).isEmpty();
  }

  @Test
  void unknownFieldsAtEveryLevelAreIgnored() throws IOException {
    ObjectNode tree =
        (ObjectNode) SnapshotJson.mapper().readTree(TestResources.twoAzWebService().toFile());
    int objects = addFieldToEveryObject(tree);
    Path file = dir.resolve("from-a-newer-version.json");
    Files.write(file, SnapshotJson.mapper().writeValueAsBytes(tree));

    assertThat(objects).isGreaterThan(60);
    assertThat(Files.readString(file)).contains("addedInV1_7");
    assertThat(SnapshotFiles.read(file)).isEqualTo(sample);
  }

  @Test
  void unknownFieldsBeforeTheSchemaFieldAreSkipped() throws IOException {
    Path file = dir.resolve("schema-last.json");
    Files.writeString(
        file,
        """
        {"generator": {"name": "someone else's exporter", "flags": [1, 2, {"x": null}]},
         "regions": [],
         "schema": "fargate-doctor/snapshot/v1"}
        """);

    assertThat(SnapshotFiles.read(file).regions()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "\"2023-07-21T15:45:33.532000+00:00\"",
        "\"2023-07-21T17:45:33.532+02:00\"",
        "\"2023-07-21T15:45:33.532Z\"",
        "1689954333.532"
      })
  void aSnapshotFileAcceptsTimestampsAsIsoWithOffsetOrZOrAsEpochSeconds(String capturedAt)
      throws IOException {
    Path file = dir.resolve("hand-made.json");
    Files.writeString(
        file,
        """
        {"schema": "fargate-doctor/snapshot/v1",
         "capture": {"tool": "fargate-doctor", "capturedAt": %s},
         "regions": [{"region": "us-east-1",
                      "ecs": {"services": [{"serviceName": "web",
                                            "serviceArn": "arn:aws:ecs:us-east-1:1:service/c/web",
                                            "deployments": [{"id": "d", "createdAt": %s}]}]}}]}
        """
            .formatted(capturedAt, capturedAt));

    Snapshot s = SnapshotFiles.read(file);

    Instant expected = Instant.parse("2023-07-21T15:45:33.532Z");
    assertThat(s.capture().capturedAt()).isEqualTo(expected);
    assertThat(s.regions().get(0).ecs().services().get(0).deployments().get(0).createdAt())
        .isEqualTo(expected);
  }

  @Test
  void writingCreatesMissingParentDirectories() throws IOException {
    Path file = dir.resolve("scans/2024-06-01/snapshot.json.gz");

    SnapshotFiles.write(sample, file);

    assertThat(SnapshotFiles.read(file)).isEqualTo(sample);
  }

  @Test
  void writingReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("snapshot.json");
    Files.writeString(file, "old content");

    SnapshotFiles.write(sample, file);

    assertThat(SnapshotFiles.read(file)).isEqualTo(sample);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void openUnwrapsGzipAndPassesPlainFilesThrough() throws IOException {
    Path plain = dir.resolve("plain.txt");
    Files.writeString(plain, "hello");
    Path gz = dir.resolve("packed.txt");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    Path tiny = dir.resolve("one-byte.txt");
    Files.write(tiny, new byte[] {0x1f});

    for (Path p : List.of(plain, gz)) {
      try (InputStream in = SnapshotFiles.open(p)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .as(p.toString())
            .isEqualTo("hello");
      }
    }
    try (InputStream in = SnapshotFiles.open(tiny)) {
      assertThat(in.readAllBytes()).containsExactly(0x1f);
    }
  }

  // Every object of the model gets a field it does not know. Maps (log options) and policy
  // documents
  // (free JSON, kept as it is) are not records and are left alone.
  private static final Set<String> NOT_RECORDS =
      Set.of("options", "AssumeRolePolicyDocument", "Document");

  private static int addFieldToEveryObject(JsonNode node) {
    int count = 0;
    if (node instanceof ObjectNode object) {
      List<JsonNode> children = new ArrayList<>();
      object
          .fields()
          .forEachRemaining(
              e -> {
                if (!NOT_RECORDS.contains(e.getKey())) children.add(e.getValue());
              });
      for (JsonNode child : children) count += addFieldToEveryObject(child);
      ObjectNode future = object.putObject("addedInV1_7");
      future.put("flag", true);
      future.putArray("items").add(1).addObject().put("nested", "yes");
      count++;
    } else if (node instanceof ArrayNode array) {
      for (JsonNode child : array) count += addFieldToEveryObject(child);
    }
    return count;
  }
}
