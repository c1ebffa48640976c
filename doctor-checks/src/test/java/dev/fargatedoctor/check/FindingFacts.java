package dev.fargatedoctor.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every finding's facts must be, for any test with findings in hand (the checks' fixtures, the
 * demo): camelCase keys at every depth, and no number a script would have to parse out of a display
 * string.
 */
public final class FindingFacts {
  // "92.3 %", "3 h 12 min", "1055 MB", "60 s", "2 × ...", "+24 (...)": a number dressed for people.
  private static final Pattern DISPLAY_NUMBER =
      Pattern.compile(
          "(^[-+]?\\d[\\d,]*(\\.\\d+)?(\\s*(%|MB|MiB|GB|KB|vCPU|ms|s|h|min|days?|×|x)\\b.*)?$)"
              + "|(\\d\\s*(%|MB|MiB|GiB|GB|vCPU)(\\W|$))"
              + "|(\\b\\d+(\\.\\d+)? (ms|s|h|min|hours?|days?|minutes?|seconds?|tasks?|requests|times|events?|points)\\b)",
          Pattern.UNICODE_CHARACTER_CLASS);

  /** Keys whose strings are AWS's or the user's own words, quoted as they came. */
  private static final Set<String> VERBATIM =
      Set.of(
          // an AWS account id is twelve digits of an identifier (leading zeros count), not a number
          "account",
          "message",
          "reason",
          "rolloutStateReason",
          "stoppedReason",
          "rule",
          "title",
          "detail",
          "signature",
          "source",
          "successCodes");

  private FindingFacts() {}

  /** The problems of one finding's facts, each naming the JSON path; empty when all is well. */
  public static List<String> problems(Finding f) {
    List<String> problems = new ArrayList<>();
    String where = f.checkId() + " " + f.resource().id() + " facts";
    if (f.facts().isEmpty() && !f.evidence().isEmpty()) {
      problems.add(where + ": evidence without facts");
    }
    walk(where, null, f.facts(), problems);
    return problems;
  }

  /** Fingerprints that more than one finding of the same run carries. */
  public static List<String> duplicateFingerprints(List<Finding> findings) {
    Map<String, Finding> seen = new HashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (Finding f : findings) {
      Finding other = seen.putIfAbsent(f.fingerprint(), f);
      if (other != null) {
        duplicates.add(
            f.checkId()
                + " "
                + f.resource().id()
                + ": '"
                + f.title()
                + "' and '"
                + other.title()
                + "'");
      }
    }
    return duplicates;
  }

  private static void walk(String path, String key, Object value, List<String> problems) {
    if (value instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            String name = String.valueOf(k);
            if (!FactKeys.isValid(name)) problems.add(path + "." + name + ": key is not camelCase");
            walk(path + "." + name, name, v, problems);
          });
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) walk(path + "[" + i + "]", key, l.get(i), problems);
    } else if (value instanceof String s) {
      if (!VERBATIM.contains(key) && DISPLAY_NUMBER.matcher(s).find()) {
        problems.add(path + ": display string where numbers belong: \"" + s + "\"");
      }
    } else if (!(value instanceof Number || value instanceof Boolean || value == null)) {
      problems.add(path + ": " + value.getClass().getSimpleName() + " is not a JSON value");
    }
  }
}
