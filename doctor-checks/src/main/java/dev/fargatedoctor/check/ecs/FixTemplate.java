package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.AwsCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a cause's fix from the resource's real ids. In text, {@code {name|words}} falls back to the
 * words when the id is unknown; a command whose ids are not all known is left out rather than
 * printed with a placeholder the reader would have to guess.
 */
final class FixTemplate {
  // {name} or {name|fallback words}; a JSON example such as {"KEY": "value"} is not a placeholder.
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)(?:\\|([^{}]*))?}");

  private FixTemplate() {}

  /** The fix text with every placeholder filled or replaced by its fallback words. */
  static String text(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      String replacement =
          value != null && !value.isBlank()
              ? value
              : m.group(2) != null ? m.group(2) : "the " + words(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The commands whose ids are all known, filled and quoted for the shell. */
  static List<String> commands(List<String> templates, Map<String, String> values) {
    List<String> out = new ArrayList<>();
    for (String t : templates) command(t, values).ifPresent(out::add);
    return out;
  }

  static Optional<String> command(String template, Map<String, String> values) {
    List<String> words = new ArrayList<>();
    for (String word : template.split(" ")) {
      Matcher m = PLACEHOLDER.matcher(word);
      if (!m.find()) {
        words.add(word);
        continue;
      }
      m.reset();
      StringBuilder filled = new StringBuilder();
      while (m.find()) {
        String value = values.get(m.group(1));
        if (value == null || value.isBlank()) return Optional.empty();
        m.appendReplacement(filled, Matcher.quoteReplacement(value));
      }
      m.appendTail(filled);
      words.add(AwsCommand.quoteId(filled.toString()));
    }
    return Optional.of(String.join(" ", words));
  }

  // "executionRoleName" -> "execution role name", for a placeholder written without fallback words.
  private static String words(String name) {
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }
}
