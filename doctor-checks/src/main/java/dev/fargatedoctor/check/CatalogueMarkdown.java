package dev.fargatedoctor.check;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the catalogue as Markdown: the generated {@code docs/checks.md}, and the README's table
 * of checks by law.
 */
public final class CatalogueMarkdown {
  /** The README's generated table sits between these lines. */
  public static final String README_BEGIN = "<!-- checks: generated from the catalogue -->";

  public static final String README_END = "<!-- checks: end -->";

  private static final Pattern SEVERITY = Pattern.compile("\\*\\*Severity\\.\\*\\* (.+?)\\.?\\n");

  private CatalogueMarkdown() {}

  /** The checks by law, in the laws' order, with how each decides its severity. */
  public static String readmeTable() {
    StringBuilder md = new StringBuilder("| law | id | default severity |\n|---|---|---|\n");
    CheckRegistry.all().stream()
        .map(Check::info)
        .sorted(Comparator.comparing(CheckInfo::law).thenComparing(CheckInfo::id))
        .forEach(
            i ->
                md.append("| ")
                    .append(i.law().label())
                    .append(" | `")
                    .append(i.id())
                    .append("` | ")
                    .append(severity(i))
                    .append(" |\n"));
    return md.toString();
  }

  /** The doc's {@code **Severity.**} line where severity varies, else the default. */
  static String severity(CheckInfo info) {
    return CheckRegistry.documentation(info.id())
        .map(SEVERITY::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .orElse(info.severity().name());
  }

  public static String render() {
    StringBuilder md = new StringBuilder();
    md.append("# Check catalogue\n\n");
    md.append(
        "Generated from the check registry by `fargate-doctor checks --markdown`; do not edit by hand.\n\n");
    md.append("| id | default severity | law | title |\n|---|---|---|---|\n");
    for (Check c : CheckRegistry.all()) {
      CheckInfo i = c.info();
      md.append("| [`")
          .append(i.id())
          .append("`](#")
          .append(i.id().toLowerCase(java.util.Locale.ROOT))
          .append(") | ")
          .append(i.severity())
          .append(" | ")
          .append(i.law().label())
          .append(" | ")
          .append(i.title())
          .append(" |\n");
    }
    for (Check c : CheckRegistry.all()) {
      String doc =
          CheckRegistry.documentation(c.info().id())
              .orElseThrow(
                  () -> new IllegalStateException("no documentation for " + c.info().id()));
      md.append("\n<a id=\"")
          .append(c.info().id().toLowerCase(java.util.Locale.ROOT))
          .append("\"></a>\n\n");
      md.append(doc.replaceFirst("^# ", "## ").stripTrailing()).append('\n');
    }
    return md.toString();
  }
}
