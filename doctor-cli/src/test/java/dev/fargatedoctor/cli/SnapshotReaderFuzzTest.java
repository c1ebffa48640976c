package dev.fargatedoctor.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.snapshot.InputLimit;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshot reader, fed bytes (raw or gzip) and, structure-aware, a real snapshot with fields
 * replaced, removed or retyped. It may accept the input or refuse it with {@link
 * InvalidInputException}; an accepted snapshot then goes through every check, playbook and
 * renderer. Anything else thrown is a finding.
 */
class SnapshotReaderFuzzTest {
  private static final InputLimit LIMIT = InputLimit.ofMegabytes(4);
  private static final JsonNode SEED = seed();

  @FuzzTest(maxDuration = "30s")
  void bytes(byte[] input) throws IOException {
    Path file = FuzzedInputs.scratch("snapshot-bytes").resolve("s.json");
    Files.write(file, input);
    read(file);
  }

  @FuzzTest(maxDuration = "30s")
  void editedSnapshot(FuzzedDataProvider data) throws IOException {
    JsonNode tree = SEED.deepCopy();
    int edits = data.consumeInt(1, 8);
    for (int i = 0; i < edits && data.remainingBytes() > 0; i++) edit(tree, data);
    Path file = FuzzedInputs.scratch("snapshot-edited").resolve("s.json");
    Files.write(file, SnapshotJson.mapper().writeValueAsBytes(tree));
    read(file);
  }

  private static void read(Path file) {
    Snapshot s;
    try {
      s = SnapshotFiles.read(file, LIMIT);
    } catch (InvalidInputException refused) {
      return;
    }
    FuzzedInputs.diagnoseAndRender(s);
  }

  // Walks to a node chosen by the input and replaces, removes or retypes one of its fields.
  private static void edit(JsonNode root, FuzzedDataProvider data) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = data.pickValue(containers);
    JsonNode value =
        switch (data.consumeInt(0, 6)) {
          case 0 -> JsonNodeFactory.instance.nullNode();
          case 1 -> JsonNodeFactory.instance.textNode(data.consumeString(40));
          case 2 -> JsonNodeFactory.instance.numberNode(data.consumeLong());
          case 3 -> JsonNodeFactory.instance.numberNode(data.consumeDouble());
          case 4 -> JsonNodeFactory.instance.booleanNode(data.consumeBoolean());
          case 5 -> JsonNodeFactory.instance.objectNode();
          default -> JsonNodeFactory.instance.arrayNode();
        };
    if (target instanceof ObjectNode o && o.size() > 0) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = data.pickValue(names);
      if (data.consumeBoolean()) o.remove(name);
      else o.set(name, value);
    } else if (target instanceof ArrayNode a && a.size() > 0) {
      int i = data.consumeInt(0, a.size() - 1);
      if (data.consumeBoolean()) a.remove(i);
      else a.set(i, value);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      node.forEach(child -> collect(child, out));
    }
  }

  private static JsonNode seed() {
    try (InputStream in =
        SnapshotReaderFuzzTest.class.getResourceAsStream("/fuzz/seed-snapshot.json")) {
      return SnapshotJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
