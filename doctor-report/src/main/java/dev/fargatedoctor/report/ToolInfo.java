package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.snapshot.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the exchange formats say about the tool, and a finding's evidence as plain lines. */
final class ToolInfo {
  static final String NAME = "Fargate Doctor";

  private ToolInfo() {}

  static String version() {
    String v = ToolInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * The evidence as "label: value" lines, escaped: what CI systems and security hubs show as text.
   */
  static List<String> evidenceLines(Finding f) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
      lines.add(SafeText.plain(e.getKey()) + ": " + SafeText.plain(render(e.getValue())));
    }
    return lines;
  }

  private static String render(Object v) {
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(x -> parts.add(render(x)));
      return String.join("; ", parts);
    }
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, x) -> parts.add(k + " " + render(x)));
      return String.join(", ", parts);
    }
    return String.valueOf(v);
  }
}
