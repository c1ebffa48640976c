package dev.fargatedoctor.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One result of one check on one resource. Evidence is ordered and for people: the facts and
 * numbers that prove the verdict, as they read them ("92.3 %"). Facts are the same for scripts:
 * camelCase keys, numbers as numbers, units in the key ({@code utilisationPercent: 92.28}). The
 * aspect tells apart several findings of one check about one resource (a service's causes); with
 * the check, account, Region and resource it makes the {@link #fingerprint()}.
 */
public record Finding(
    String checkId,
    Severity severity,
    Status status,
    Law law,
    String account,
    String region,
    Resource resource,
    String aspect,
    String title,
    Map<String, Object> evidence,
    Map<String, Object> facts,
    Remediation remediation) {
  public Finding {
    evidence =
        evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    remediation = remediation == null ? Remediation.NONE : remediation;
  }

  /** Stable across runs: the same check on the same resource of the same account and Region. */
  public String fingerprint() {
    return Fingerprint.of(this);
  }

  /** The same finding at another severity (the team's override). */
  public Finding withSeverity(Severity other) {
    return new Finding(
        checkId,
        other,
        status,
        law,
        account,
        region,
        resource,
        aspect,
        title,
        evidence,
        facts,
        remediation);
  }
}
