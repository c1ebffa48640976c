package dev.fargatedoctor.check.capacity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** A fixture with one fact changed, so a variation of a situation needs no second copy of it. */
final class EditedFixture {
  private EditedFixture() {}

  static Snapshot of(String fixture, Consumer<ObjectNode> edit) {
    try (InputStream in = EditedFixture.class.getResourceAsStream("/fixtures/" + fixture)) {
      ObjectNode tree = (ObjectNode) SnapshotJson.mapper().readTree(in);
      edit.accept(tree);
      return Fixtures.withFullCoverage(SnapshotJson.mapper().treeToValue(tree, Snapshot.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first region's object, where fixtures keep everything. */
  static ObjectNode region(ObjectNode tree) {
    return (ObjectNode) tree.get("regions").get(0);
  }
}
