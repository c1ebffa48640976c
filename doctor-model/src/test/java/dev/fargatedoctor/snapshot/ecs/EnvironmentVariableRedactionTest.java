package dev.fargatedoctor.snapshot.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.TestResources;
import dev.fargatedoctor.snapshot.ecs.EnvironmentVariable.ValueKind;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Task-definition environment values never enter a snapshot, nor anything derived from them: only a
 * name and a kind.
 */
class EnvironmentVariableRedactionTest {

  private static final String SECRET = "hunter2-fake-s3cr3t";

  /**
   * The first 8 bytes of SHA-256("hunter2-fake-s3cr3t"), which snapshots of earlier versions kept:
   * enough to confirm a guessed value offline.
   */
  private static final String OLD_SECRET_HASH = "sha256:5e2ba38cf32ddac7";

  private final ObjectMapper mapper = SnapshotJson.mapper();

  @TempDir Path dir;

  @Test
  void aRawValueIsRedactedAsItIsRead() throws IOException {
    EnvironmentVariable v = read("{\"name\": \"DB_PASSWORD\", \"value\": \"" + SECRET + "\"}");

    assertThat(v.name()).isEqualTo("DB_PASSWORD");
    assertThat(v.valueKind()).isEqualTo(ValueKind.TEXT);
    assertThat(v.value()).isEqualTo(EnvironmentVariable.MARKER);
    assertThat(v.toString()).doesNotContain(SECRET);
  }

  @Test
  void theRecordHasNoPlaceForTheValue() {
    assertThat(
            Arrays.stream(EnvironmentVariable.class.getRecordComponents())
                .map(RecordComponent::getName))
        .containsExactly("name", "valueKind");
  }

  @Test
  void theRedactedFormIsWhatGetsWritten() throws IOException {
    JsonNode written =
        mapper.valueToTree(read("{\"name\": \"DB_PASSWORD\", \"value\": \"" + SECRET + "\"}"));

    assertThat(written)
        .isEqualTo(
            mapper.readTree(
                """
        {"name": "DB_PASSWORD", "value": "<redacted>", "valueKind": "TEXT"}
        """));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"snapshot.json", "snapshot.json.gz"})
  void aPlaintextValueReadFromAnAwsCliDumpNeverReachesTheSnapshotFile(String name)
      throws IOException {
    Path dump = TestResources.path("dumps/single-region/ecs-describe-task-definition.json");
    assertThat(Files.readString(dump)).as("the dump holds the plaintext").contains(SECRET);
    TaskDefinition td =
        mapper.treeToValue(
            mapper.readTree(dump.toFile()).get("taskDefinition"), TaskDefinition.class);
    Path file = dir.resolve(name);

    SnapshotFiles.write(snapshotWith(td, List.of()), file);

    String written = contentOf(file);
    assertThat(written)
        .doesNotContain(SECRET)
        .doesNotContain("hunter2")
        .doesNotContain(OLD_SECRET_HASH.substring("sha256:".length()))
        .doesNotContain("valueHash")
        .contains("\"DB_PASSWORD\"")
        .contains("<redacted>");
    assertThat(SnapshotFiles.read(file).regions().get(0).ecs().taskDefinitions())
        .containsExactly(td);
  }

  @Test
  void environmentOverridesOfATaskAreNotKept() throws IOException {
    // describe-tasks echoes containerOverrides, environment included; the model keeps only the
    // roles.
    Task task =
        mapper.readValue(
            """
        {"taskArn": "arn:aws:ecs:us-east-1:123456789012:task/shop/0a1b",
         "overrides": {"taskRoleArn": "arn:aws:iam::123456789012:role/debug",
                       "containerOverrides": [{"name": "web",
                         "environment": [{"name": "DB_PASSWORD", "value": "hunter2-fake-s3cr3t"}]}]}}
        """,
            Task.class);
    Path file = dir.resolve("snapshot.json");

    SnapshotFiles.write(snapshotWith(null, List.of(task)), file);

    assertThat(Files.readString(file))
        .doesNotContain(SECRET)
        .contains("arn:aws:iam::123456789012:role/debug");
  }

  @Test
  void theRedactedFormIsStableAcrossReadsAndWrites() throws IOException {
    EnvironmentVariable first = read("{\"name\": \"A\", \"value\": \"" + SECRET + "\"}");
    EnvironmentVariable reread =
        mapper.readValue(mapper.writeValueAsString(first), EnvironmentVariable.class);

    assertThat(reread).isEqualTo(first);
  }

  @Test
  void twoTextValuesLeaveTheSameTraceWhateverTheyHold() {
    // nothing in the snapshot tells one text value from another, so no guess can be confirmed
    List<String> written =
        List.of(SECRET, "hunter2-fake-s3cr3T", SECRET + " ", "info", "x".repeat(500)).stream()
            .map(v -> SnapshotJson.line(mapper.valueToTree(EnvironmentVariable.redact("X", v))))
            .distinct()
            .toList();

    assertThat(written)
        .containsExactly("{\"name\":\"X\",\"value\":\"<redacted>\",\"valueKind\":\"TEXT\"}");
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "''                                                        | EMPTY",
        "arn:aws:s3:::shop-orders                                  | AWS_REFERENCE",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf | AWS_REFERENCE",
        "info                                                      | TEXT",
        "https://sqs.us-east-1.amazonaws.com/123456789012/orders   | TEXT",
        "' arn:aws:s3:::leading-space'                             | TEXT",
        "'   '                                                     | TEXT",
      })
  void theKindTellsEmptyFromReferenceFromText(String value, ValueKind kind) throws IOException {
    EnvironmentVariable v =
        read(mapper.createObjectNode().put("name", "X").put("value", value).toString());

    assertThat(v.valueKind()).isEqualTo(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"name\": \"NO_VALUE\"}", "{\"name\": \"NO_VALUE\", \"value\": null}"})
  void anEntryWithoutValueIsEmptyNotText(String json) throws IOException {
    // ECS returns {"name": "X"} for a variable registered without a value.
    EnvironmentVariable v = read(json);

    assertThat(v.valueKind()).isEqualTo(ValueKind.EMPTY);
    assertThat(v).isEqualTo(EnvironmentVariable.redact("NO_VALUE", null));
  }

  @Test
  void anOldSnapshotsRedactedFormIsReadAndItsHashDropped() throws IOException {
    EnvironmentVariable v =
        read(
            """
        {"name": "ORDERS_BUCKET_ARN", "value": "<redacted>", "valueHash": "sha256:7fb4302755f5b91a",
         "valueKind": "AWS_REFERENCE"}
        """);

    assertThat(v).isEqualTo(new EnvironmentVariable("ORDERS_BUCKET_ARN", ValueKind.AWS_REFERENCE));
    assertThat(SnapshotJson.line(mapper.valueToTree(v))).doesNotContain("7fb4302755f5b91a");
  }

  @Test
  void anOldRedactedEntryWithoutKindIsTakenAsText() throws IOException {
    EnvironmentVariable v =
        read("{\"name\": \"LEGACY\", \"valueHash\": \"sha256:06271baf49532c87\"}");

    assertThat(v.valueKind()).isEqualTo(ValueKind.TEXT);
  }

  @Test
  void aRawValueWinsOverAHashThatCameWithIt() throws IOException {
    EnvironmentVariable v =
        read(
            "{\"name\": \"X\", \"value\": \""
                + SECRET
                + "\", \"valueHash\": \"sha256:0000\","
                + " \"valueKind\": \"EMPTY\"}");

    assertThat(v).isEqualTo(EnvironmentVariable.redact("X", SECRET));
  }

  @Test
  void namesOrderAndSecretReferencesAreKept() throws IOException {
    TaskDefinition td =
        mapper.treeToValue(
            mapper
                .readTree(
                    TestResources.path("dumps/single-region/ecs-describe-task-definition.json")
                        .toFile())
                .get("taskDefinition"),
            TaskDefinition.class);
    TaskDefinition.ContainerDefinition web = td.containerDefinitions().get(0);

    assertThat(web.environment())
        .extracting(EnvironmentVariable::name)
        .containsExactly("DB_PASSWORD", "LOG_LEVEL", "EMPTY_FLAG", "ORDERS_BUCKET_ARN");
    assertThat(web.environment())
        .extracting(EnvironmentVariable::valueKind)
        .containsExactly(ValueKind.TEXT, ValueKind.TEXT, ValueKind.EMPTY, ValueKind.AWS_REFERENCE);
    assertThat(web.secrets())
        .containsExactly(
            new TaskDefinition.Secret(
                "API_TOKEN",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/api-token-AbCdEf"));
  }

  private EnvironmentVariable read(String json) throws IOException {
    return mapper.readValue(json, EnvironmentVariable.class);
  }

  private static Snapshot snapshotWith(TaskDefinition td, List<Task> tasks) {
    EcsData ecs = new EcsData(null, null, td == null ? null : List.of(td), tasks);
    return new Snapshot(
        Snapshot.SCHEMA,
        null,
        List.of(new RegionSnapshot("us-east-1", null, ecs, null)),
        null,
        null);
  }

  private static String contentOf(Path file) throws IOException {
    try (InputStream in = SnapshotFiles.open(file)) {
      if (file.toString().endsWith(".gz"))
        assertThat(Files.readAllBytes(file)).as("gzip").startsWith((byte) 0x1f, (byte) 0x8b);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
