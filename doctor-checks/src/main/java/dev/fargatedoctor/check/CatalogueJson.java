package dev.fargatedoctor.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The catalogue for scripts, schema {@code fargate-doctor/checks/v1} ({@code
 * docs/schemas/checks.schema.json}): what {@code checks --output json} prints.
 */
public final class CatalogueJson {
  public static final String SCHEMA = "fargate-doctor/checks/v1";

  private CatalogueJson() {}

  public static ObjectNode render() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("schema", SCHEMA);
    ArrayNode checks = root.putArray("checks");
    for (Check c : CheckRegistry.all()) {
      CheckInfo i = c.info();
      ObjectNode n = checks.addObject();
      n.put("id", i.id());
      n.put("title", i.title());
      n.put("law", i.law().label());
      n.put("defaultSeverity", i.severity().name());
      Set<String> actions = new LinkedHashSet<>();
      for (Input input : i.needs()) actions.addAll(input.actions());
      ArrayNode reads = n.putArray("readsActions");
      actions.forEach(reads::add);
      n.put("documentation", CheckRegistry.documentation(i.id()).orElse(null));
    }
    return root;
  }
}
