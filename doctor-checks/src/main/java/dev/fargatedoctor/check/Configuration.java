package dev.fargatedoctor.check;

import java.time.LocalDate;
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
   *
   * @param expires the last day it holds, or null for no end: after it the finding shows again, and
   *     reports say the exclude expired
   * @param owner who answers for the decision, or null
   */
  public record Exclusion(
      String check, String resource, String reason, LocalDate expires, String owner) {
    public Exclusion(String check, String resource, String reason) {
      this(check, resource, reason, null, null);
    }

    /** True once the day it expires has passed. */
    public boolean expiredOn(LocalDate today) {
      return expires != null && today.isAfter(expires);
    }

    /** "check CHECK on RESOURCE": how reports name the rule. */
    public String describe() {
      return check
          + (resource == null || resource.isEmpty() ? "" : " on " + resource)
          + (owner == null ? "" : " (owner " + owner + ")")
          + (expires == null ? "" : ", expires " + expires);
    }

    public boolean matches(Finding f) {
      return matches(f.checkId(), f.resource());
    }

    /** True when this rule would exclude a finding of the check about the resource. */
    public boolean matches(String checkId, Resource r) {
      if (!"*".equals(check) && !check.equalsIgnoreCase(checkId)) return false;
      if (resource == null || resource.isEmpty() || "*".equals(resource)) return true;
      Pattern p = glob(resource);
      return p.matcher(r.id()).matches() || (r.arn() != null && p.matcher(r.arn()).matches());
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

  /** A finding the configuration took out of the results, kept with its rule for the report. */
  public record Excluded(Finding finding, Exclusion rule) {
    public String reason() {
      return rule.reason();
    }
  }

  /**
   * An exclude past its date: it hides nothing any more, and the findings it would have hidden are
   * back in the results.
   */
  public record Expired(Exclusion rule, List<Finding> findings) {
    public Expired {
      findings = List.copyOf(findings);
    }
  }

  /** The excludes that still hold on a day. */
  public List<Exclusion> activeExcludes(LocalDate today) {
    return excludes.stream().filter(x -> !x.expiredOn(today)).toList();
  }

  /** The excludes whose day has passed. */
  public List<Exclusion> expiredExcludes(LocalDate today) {
    return excludes.stream().filter(x -> x.expiredOn(today)).toList();
  }
}
