package dev.fargatedoctor.check.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One permission a role must have: an action on a resource, written as the forms a policy may name
 * it by (a log group is named with or without its ":*"), and why the task needs it.
 */
public record Need(String action, String resource, List<String> forms, String why) {
  public Need {
    forms = List.copyOf(forms);
  }

  /**
   * An inline policy granting what is missing: one Allow statement per set of resources, with every
   * action needed on exactly that set.
   */
  public static String policyDocument(List<Need> missing) {
    Map<String, List<String>> byAction = new LinkedHashMap<>();
    missing.forEach(
        n -> {
          List<String> resources = byAction.computeIfAbsent(n.action(), k -> new ArrayList<>());
          if (!resources.contains(n.resource())) resources.add(n.resource());
        });
    Map<List<String>, List<String>> byResources = new LinkedHashMap<>();
    byAction.forEach(
        (action, resources) ->
            byResources.computeIfAbsent(resources, k -> new ArrayList<>()).add(action));
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("Version", "2012-10-17");
    ArrayNode statements = doc.putArray("Statement");
    byResources.forEach(
        (resources, actions) -> {
          ObjectNode st = statements.addObject();
          st.put("Effect", "Allow");
          if (actions.size() == 1) st.put("Action", actions.get(0));
          else actions.forEach(st.withArray("Action")::add);
          if (resources.size() == 1) st.put("Resource", resources.get(0));
          else resources.forEach(st.withArray("Resource")::add);
        });
    return doc.toString();
  }
}
