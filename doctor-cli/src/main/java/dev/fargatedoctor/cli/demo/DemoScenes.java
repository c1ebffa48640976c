package dev.fargatedoctor.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Scenes a check brings to the demo by itself: its fixture {@code fixtures/<ID>/fires-demo.json}
 * ships as {@code /demo/<ID>/fires-demo.json} and is added to the demo's region and IAM, so a new
 * check shows in {@code demo} without an edit to the demo's story. The scene's times move with the
 * clock (it was captured at its {@code capture.capturedAt}); a resource the demo already has (same
 * ids) stays the demo's.
 */
final class DemoScenes {
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");

  private DemoScenes() {}

  static Snapshot addTo(Snapshot demo, Instant now) {
    ObjectNode tree = SnapshotJson.mapper().valueToTree(demo);
    boolean added = false;
    for (Check check : CheckRegistry.all()) {
      String resource = "/demo/" + check.info().id() + "/fires-demo.json";
      try (InputStream in = DemoScenes.class.getResourceAsStream(resource)) {
        if (in == null) continue;
        JsonNode scene = SnapshotJson.mapper().readTree(in);
        Instant captured = Instant.parse(scene.path("capture").path("capturedAt").asText());
        shift(scene, Duration.between(captured, now));
        merge((ObjectNode) tree.get("regions").get(0), scene.path("regions").path(0));
        merge(tree.with("iam"), scene.path("iam"));
        added = true;
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("demo scene " + resource + ": " + e.getMessage(), e);
      }
    }
    if (!added) return demo;
    try {
      return SnapshotJson.mapper().treeToValue(tree, Snapshot.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends the scene's resources to the demo's lists, field by field; scalars stay the demo's. */
  private static void merge(ObjectNode target, JsonNode scene) {
    for (Iterator<Map.Entry<String, JsonNode>> it = scene.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        merge(target.with(field.getKey()), value);
      } else if (value.isArray()) {
        ArrayNode into = target.withArray(field.getKey());
        Set<String> present = new HashSet<>();
        into.forEach(e -> present.add(identity(e)));
        value.forEach(
            e -> {
              if (present.add(identity(e))) into.add(e);
            });
      }
    }
  }

  /** What names a resource: its ids, ARNs and codes, else the whole element. */
  private static String identity(JsonNode element) {
    if (!element.isObject()) return element.toString();
    Map<String, String> ids = new TreeMap<>();
    element
        .fields()
        .forEachRemaining(
            f -> {
              String name = f.getKey();
              if (f.getValue().isValueNode()
                  && (name.endsWith("Arn") || name.endsWith("Id") || name.endsWith("Code")))
                ids.put(name, f.getValue().asText());
            });
    return ids.isEmpty() ? element.toString() : ids.toString();
  }

  private static void shift(JsonNode node, Duration by) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      object
          .fields()
          .forEachRemaining(
              f -> {
                if (f.getValue().isTextual()) shifted(f.getValue(), by).ifPresent(f::setValue);
                else shift(f.getValue(), by);
              });
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        int index = i;
        if (array.get(i).isTextual()) shifted(array.get(i), by).ifPresent(v -> array.set(index, v));
        else shift(array.get(i), by);
      }
    }
  }

  private static java.util.Optional<JsonNode> shifted(JsonNode text, Duration by) {
    if (!INSTANT.matcher(text.asText()).matches()) return java.util.Optional.empty();
    try {
      return java.util.Optional.of(
          TextNode.valueOf(Instant.parse(text.asText()).plus(by).toString()));
    } catch (DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }
}
