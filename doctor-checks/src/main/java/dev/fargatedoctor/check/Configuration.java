package dev.fargatedoctor.check;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a team decided about its own account, from {@code .fargate-doctor.yaml}: findings to exclude
 * (each with the reason, shown in every report), severity overrides per check, and thresholds. The
 * engine applies it after the checks run; a check never sees it.
 *
 * @param source where it was read from (for reports), or null for the built-in defaults
 */
public record Configuration(
    List<Exclusion> excludes,
    Map<String, Severity> severities,
    Thresholds thresholds,
    String source) {
  public static final Configuration DEFAULTS =
      new Configuration(List.of(), Map.of(), Thresholds.DEFAULTS, null);

  public Configuration {
    excludes = excludes == null ? List.of() : List.copyOf(excludes);
    severities = severities == null ? Map.of() : Map.copyOf(severities);
    thresholds = thresholds == null ? Thresholds.DEFAULTS : thresholds;
  }

  /**
   * Excludes findings of a check (an id, or {@code *} for all) on resources matching a pattern
   * ({@code *} and {@code ?} wildcards, matched against the resource id and ARN).
   */
  public record Exclusion(String check, String resource, String reason) {
    public boolean matches(Finding f) {
      if (!"*".equals(check) && !check.equalsIgnoreCase(f.checkId())) return false;
      if (resource == null || resource.isEmpty() || "*".equals(resource)) return true;
      Pattern p = glob(resource);
      return p.matcher(f.resource().id()).matches()
          || (f.resource().arn() != null && p.matcher(f.resource().arn()).matches());
    }

    private static Pattern glob(String pattern) {
      StringBuilder re = new StringBuilder();
      for (char c : pattern.toCharArray()) {
        if (c == '*') re.append(".*");
        else if (c == '?') re.append('.');
        else re.append(Pattern.quote(String.valueOf(c)));
      }
      return Pattern.compile(re.toString());
    }
  }

  /** A finding the configuration took out of the results, kept with the reason for the report. */
  public record Excluded(Finding finding, String reason) {}
}
