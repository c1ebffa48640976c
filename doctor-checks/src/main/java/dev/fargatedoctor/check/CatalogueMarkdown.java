package dev.fargatedoctor.check;

/** Renders the catalogue as Markdown: the generated {@code docs/checks.md}. */
public final class CatalogueMarkdown {
  private CatalogueMarkdown() {}

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
