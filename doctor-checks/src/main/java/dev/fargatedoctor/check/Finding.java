package dev.fargatedoctor.check;

import java.util.Map;

/**
 * One result of one check on one resource. Evidence is ordered: the facts and numbers that prove
 * the verdict, in the order a reader needs them.
 */
public record Finding(
    String checkId,
    Severity severity,
    Status status,
    Law law,
    String region,
    Resource resource,
    String title,
    Map<String, Object> evidence,
    Remediation remediation) {
  public Finding {
    evidence =
        evidence == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    remediation = remediation == null ? Remediation.NONE : remediation;
  }
}
