package dev.fargatedoctor.cli.alarms;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Names for generated resources: CloudFormation logical ids (alphanumeric) and Terraform labels.
 */
final class LogicalIds {
  private final Set<String> used = new HashSet<>();

  /** "production/api-v2" + "Memory" -> "ProductionApiV2Memory", made unique. */
  String cloudFormation(String name, String suffix) {
    StringBuilder id = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (part.isEmpty()) continue;
      id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return unique(id + suffix);
  }

  /** "production/api-v2" + "memory" -> "production_api_v2_memory", made unique. */
  String terraform(String name, String suffix) {
    String label =
        (name + "_" + suffix)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]+", "_")
            .replaceAll("_+", "_")
            .replaceAll("^_|_$", "");
    if (!Character.isLetter(label.charAt(0))) label = "s_" + label;
    return unique(label);
  }

  private String unique(String base) {
    String id = base;
    for (int n = 2; !used.add(id); n++) id = base + n;
    return id;
  }
}
